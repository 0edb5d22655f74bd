"""The store's schema, as a list of named steps; a store records which it has had.

Each step is a function that, once released, never changes (as sqlite-utils' migrations): a store
written by any released version is brought up to date by running the steps it lacks, in order,
in one transaction, and the names are kept in ``schema_migrations``. Two kinds of step:

- the frozen steps below, each with its own name (``0001_initial`` is the first schema, pinned to
  the columns it really had);
- ``add_field_<name>`` for every field declared after the first schema (``deploymap.fields``): one
  generic step adds its column. Declaring an optional field is all it takes.

After any step ran, every row's hash is computed again in the same transaction (``rows.HASH_VERSION``
says how hashes are made), so an import compares like with like. A store that already has every
step opens with one read (``store_lock.schema_signature``). A store that has a step this program
does not know was written by a newer version, and is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from string import Template

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.fields import FIELDS, Field
from deploymap.store.dialects import Dialect, StoreError
from deploymap.store.rows import HASH_VERSION, row_hashes

# The event columns of the first schema as released (schema version 1, before ``counts``): frozen.
V1_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "text"), ("event_date", "date"), ("end_date", "date"), ("reported_date", "date"),
    ("event_type", "text"), ("status", "text"), ("source", "text"), ("location", "text"), ("country", "text"),
    ("latitude", "real"), ("longitude", "real"), ("geo_precision", "text"), ("troops", "integer"),
    ("summary", "text"), ("quote", "text"), ("report", "text"), ("fatalities", "integer"),
    ("sub_event_type", "text"), ("actor1", "text"), ("actor2", "text"), ("wording", "text"), ("provenance", "text"),
)
BATCH = 20_000  # rows updated per statement batch when a step rewrites a column


class Upgrade:
    """What a step works with: the open transaction's cursor and the store's dialect."""

    def __init__(self, cursor, dialect: Dialect) -> None:
        self.cursor, self.dialect = cursor, dialect

    def execute(self, statement: str, parameters: tuple = ()) -> None:
        self.cursor.execute(self.dialect.sql(statement), parameters or None)

    def columns(self, table: str) -> list[str]:
        self.cursor.execute(self.dialect.columns_sql(), (table,))
        return [str(row[0]) for row in self.cursor.fetchall()]

    def arrow(self, statement: str) -> pa.Table:
        self.dialect.read_whole(self.cursor)
        self.cursor.execute(self.dialect.sql(statement))
        return self.cursor.fetch_arrow_table()

    def update_many(self, statement: str, table: pa.Table) -> None:
        for start in range(0, table.num_rows, BATCH):
            self.cursor.executemany(self.dialect.sql(statement), table.slice(start, BATCH))


# A schema statement's only variable parts: names of columns (plain identifiers) and column types the dialect
# declares. Identifiers and types cannot be bound; values always are, and never reach this.
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_TYPE = re.compile(r"[A-Z][A-Z0-9 ()]*(?: DEFAULT '')?")


def schema_sql(template: str, *, names: dict[str, str | Iterable[str]] | None = None,
               types: dict[str, str] | None = None, definitions: Iterable[tuple[str, str]] = ()) -> str:
    """``template`` with its ``$placeholders`` filled by checked names (a list is joined with ", "), checked types,
    and ``$definitions``: columns with their types, one a line."""
    filled: dict[str, str] = {}
    for key, value in (names or {}).items():
        listed = [value] if isinstance(value, str) else list(value)
        filled[key] = ", ".join(_checked(_NAME, name, "a column name") for name in listed)
    for key, value in (types or {}).items():
        filled[key] = _checked(_TYPE, value, "a column type")
    filled["definitions"] = ",\n  ".join(_checked(_NAME, name, "a column name") + " " + _checked(_TYPE, kind, "a column type")
                                         for name, kind in definitions)
    return Template(template).substitute(filled)


def _checked(pattern: re.Pattern, text: str, what: str) -> str:
    if not pattern.fullmatch(text):
        raise StoreError(f"a schema statement takes only {what} here, got {text!r}")
    return text


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Upgrade], None]


# ---- the frozen steps: never edit one that has been released; add a new one instead -----------------

def _initial(up: Upgrade) -> None:
    """0001: changes, event versions (with the columns of ``V1_COLUMNS``), reports."""
    types = {"text": up.dialect.types["text"] + " NOT NULL DEFAULT ''", "date": up.dialect.types["text"],
             "real": up.dialect.types["real"], "integer": up.dialect.types["integer"]}
    serial = {"serial": up.dialect.serial}
    up.execute(schema_sql("CREATE TABLE changes (\n  id $serial,\n  at TEXT NOT NULL,\n  actor TEXT NOT NULL,\n"
                          "  action TEXT NOT NULL,\n  origin TEXT NOT NULL,\n  detail TEXT NOT NULL)", types=serial))
    up.execute(schema_sql("CREATE TABLE event_versions (\n  version_id $serial,\n"
                          "  change_id BIGINT NOT NULL REFERENCES changes (id),\n  superseded_by BIGINT REFERENCES changes (id),\n"
                          "  retracted BOOLEAN NOT NULL DEFAULT FALSE,\n  row_hash TEXT NOT NULL,\n  $definitions)", types=serial,
                          definitions=[(name, types[kind]) for name, kind in V1_COLUMNS]))
    # At most one current version of an event: concurrent writers cannot both add one.
    up.execute("CREATE UNIQUE INDEX one_current_version ON event_versions (event_id) WHERE superseded_by IS NULL")
    up.execute("CREATE INDEX versions_by_change ON event_versions (change_id)")
    up.execute("CREATE TABLE reports (\n  sha256 TEXT PRIMARY KEY,\n  name TEXT NOT NULL,\n  text TEXT NOT NULL,\n"
               "  change_id BIGINT NOT NULL REFERENCES changes (id))")


def _changed_fields(up: Upgrade) -> None:
    """0002: each version records the fields it changed (a JSON list; NULL for an event's first version),
    filled in for the versions already there by comparing each with the one before it."""
    up.execute("ALTER TABLE event_versions ADD COLUMN changed_fields TEXT")
    columns = [c for c in up.columns("event_versions")
               if c not in ("version_id", "change_id", "superseded_by", "retracted", "row_hash", "changed_fields")]
    table = up.arrow(schema_sql("SELECT version_id, $columns FROM event_versions ORDER BY event_id, version_id",
                                names={"columns": columns}))
    if table.num_rows < 2:
        return
    ids = table.column("event_id").to_numpy(zero_copy_only=False)
    later = np.flatnonzero(ids[1:] == ids[:-1]) + 1  # versions with one before them
    if not len(later):
        return
    differs = np.zeros((len(later), len(columns)), dtype=bool)
    for position, name in enumerate(columns):
        values = table.column(name)
        if pa.types.is_floating(values.type):  # micro-degrees, as hashes compare coordinates
            values = pc.round(pc.multiply(values, 1e6))
        text = pc.fill_null(pc.cast(values, pa.string()), "\x00").to_numpy(zero_copy_only=False)
        differs[:, position] = text[later] != text[later - 1]
    lists = [json.dumps([c for c, hit in zip(columns, row, strict=True) if hit]) for row in differs]
    versions = table.column("version_id").to_numpy(zero_copy_only=False)[later].astype("int64")
    up.update_many("UPDATE event_versions SET changed_fields = ? WHERE version_id = ?",
                   pa.table({"f": pa.array(lists, pa.string()), "v": pa.array(versions)}))


def _source_aliases(up: Upgrade) -> None:
    """0003: names an analyst gave to a canonical source ("NIS official" is "NIS (South Korea)"), each recorded
    with the change that made it."""
    up.execute("CREATE TABLE source_aliases (\n  alias TEXT PRIMARY KEY,\n  canonical TEXT NOT NULL,\n"
               "  change_id BIGINT NOT NULL REFERENCES changes (id))")


def _versions_by_event(up: Upgrade) -> None:
    """0004: every version of an event found by its id (an event's history, the version before one being undone),
    not only its current one: an undo of a large import was quadratic without it."""
    up.execute("CREATE INDEX versions_by_event ON event_versions (event_id, version_id)")


FROZEN_STEPS: tuple[Step, ...] = (
    Step("0001_initial", _initial),
    Step("0002_versions_record_changed_fields", _changed_fields),
    Step("0003_source_aliases", _source_aliases),
    Step("0004_versions_by_event", _versions_by_event),
)


# ---- the generic step of a field declared after the first schema -------------------------------------

def add_field(spec: Field) -> Step:
    """``add_field_<name>``: the field's column, empty in every row so far (if a store has it already, as
    stores made between its declaration and this step's do, the step only records itself)."""

    def run(up: Upgrade) -> None:
        if spec.name not in up.columns("event_versions"):
            up.execute(schema_sql("ALTER TABLE event_versions ADD COLUMN $definitions",
                                  definitions=[(spec.name, spec.kind.sql_type(up.dialect))]))

    return Step(f"add_field_{spec.name}", run)


def steps() -> tuple[Step, ...]:
    """Every step a store of this program has had, in order."""
    first = {name for name, _ in V1_COLUMNS}
    return (*FROZEN_STEPS, *(add_field(spec) for spec in FIELDS if spec.name not in first))


def signature(names: list[str] | tuple[str, ...]) -> str:
    """What ``store_lock`` records for a store that has had exactly these steps (and today's hashes)."""
    return hashlib.sha256("\n".join([*names, f"hash {HASH_VERSION}"]).encode()).hexdigest()


EXPECTED = signature([step.name for step in steps()])


def upgrade(cursor, dialect: Dialect, shown: str) -> None:
    """Bring the store up to date inside the caller's transaction (which holds the upgrade lock)."""
    up = Upgrade(cursor, dialect)
    cursor.execute("CREATE TABLE IF NOT EXISTS store_lock (id INTEGER PRIMARY KEY, writes BIGINT NOT NULL, "
                   "schema_version INTEGER NOT NULL)")
    cursor.execute("INSERT INTO store_lock (id, writes, schema_version) SELECT 1, 0, 0 "
                   "WHERE NOT EXISTS (SELECT 1 FROM store_lock)")
    if "schema_signature" not in up.columns("store_lock"):
        cursor.execute("ALTER TABLE store_lock ADD COLUMN schema_signature TEXT")
    cursor.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    cursor.execute("SELECT schema_version, schema_signature FROM store_lock")
    version, recorded = cursor.fetchone()
    if recorded == EXPECTED:
        return  # another process upgraded it while this one waited for the lock
    cursor.execute("SELECT name FROM schema_migrations")
    applied = {str(row[0]) for row in cursor.fetchall()}
    if not applied and version:  # written before steps had names: schema version 1 is the first step
        if version != 1:
            raise StoreError(f"the store {shown!r} has schema version {version}, newer than any this program knows; "
                             "upgrade deploymap")
        applied = {"0001_initial"}
        _record(up, "0001_initial")
    known = [step.name for step in steps()]
    unknown = sorted(applied - set(known))
    if unknown:
        raise StoreError(f"the store {shown!r} was upgraded by a newer deploymap (it has had {', '.join(unknown)}); "
                         "upgrade deploymap to open it")
    for step in steps():
        if step.name not in applied:
            step.run(up)
            _record(up, step.name)
    _rehash(up)
    up.execute("UPDATE store_lock SET schema_version = ?, schema_signature = ?", (len(known), EXPECTED))


def _record(up: Upgrade, name: str) -> None:
    up.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
               (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))


def _rehash(up: Upgrade) -> None:
    """Every version's hash, as this program makes hashes (see ``rows.row_hashes``)."""
    from deploymap.fields import COLUMNS

    table = up.arrow("SELECT version_id, " + ", ".join(COLUMNS) + " FROM event_versions")  # declared names, no data
    if not table.num_rows:
        return
    hashes = pa.array(row_hashes(table), pa.string())
    up.update_many("UPDATE event_versions SET row_hash = ? WHERE version_id = ?",
                   pa.table({"h": hashes, "v": table.column("version_id").cast(pa.int64())}))
