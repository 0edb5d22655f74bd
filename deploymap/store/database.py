"""The store of record: every version of every event, and who changed what, when and from where.

One ``Database`` class over a dialect (``store.dialects``: an embedded SQLite file, the default, or a
PostgreSQL server shared by a team), both through ADBC's DB-API drivers, which read straight into
Arrow: a million events load without a Python object per row. (Python's own ``sqlite3`` is never
used on the store: two copies of the SQLite library in one process break each other's file locks.)

Each write is one transaction that first takes the store's write lock (the dialect says how), so
writers never interleave and an import lands whole or not at all. A read of the current events is
one statement, so it sees the store before or after any change, never half of one.

Nothing is deleted: a correction supersedes a row's version with a new one (which records the
fields it changed), a retraction adds a version marked retracted, and every change is a row of
``changes`` naming its author, time, origin and counts. The schema is brought up to date on
opening by ``store.migrations``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import numbers
import os
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.config import CONNECT_TIMEOUT_SECONDS, PROJECT_ROOT, STATEMENT_TIMEOUT_SECONDS
from deploymap.errors import shown
from deploymap.fields import BY_NAME, COLUMNS, RETRACTED_COLUMN
from deploymap.store import aliases, migrations
from deploymap.store.address import StoreAddressError, parse
from deploymap.store.dialects import StoreError, dialect_for
from deploymap.store.rows import (
    changed_fields,
    row_hash,
    row_hashes,
    sha256_of,
    stored_rows,
    stored_table,
    typed_frame,
)
from deploymap.text import plural

__all__ = ["BATCH", "RETRACTED_COLUMN", "Database", "ImportResult", "StoreError", "sha256_of"]

MAX_REASON = 2_000  # characters of a reason given for an undo (it is shown in the change log)
BATCH = 500  # values bound in one statement at most (SQLite allows 32,766 variables, PostgreSQL 65,535)
STORED_SCHEMA = pa.schema([(name, BY_NAME[name].kind.arrow_type) for name in COLUMNS])  # an SQLite read may infer others

# Every statement is fixed text, made here once from the declared columns (identifiers of deploymap.fields, never
# data); values are always bound parameters. A list of values is bound as BATCH placeholders, the list padded by
# repeating its first value (a value twice in IN (…) finds the same rows).
_FIELDS = ", ".join(COLUMNS)
_IN_BATCH = "(" + ", ".join("?" * BATCH) + ")"
_VERSION = "version_id, row_hash, retracted, " + _FIELDS
SQL_CURRENT = "SELECT " + _FIELDS + ", retracted FROM event_versions WHERE superseded_by IS NULL"
SQL_CURRENT_SHOWN = SQL_CURRENT + " AND NOT retracted"
SQL_HISTORY = ("SELECT v.version_id, v.superseded_by, v.retracted, c.id AS change_id, c.at, c.actor, c.action, c.origin, "
               "c.detail, v.changed_fields, " + ", ".join("v." + c for c in COLUMNS) + " FROM event_versions v "
               "JOIN changes c ON v.change_id = c.id WHERE v.event_id = ? ORDER BY v.version_id")
SQL_OF_SOURCES = "SELECT " + _FIELDS + " FROM event_versions WHERE superseded_by IS NULL AND source IN " + _IN_BATCH
SQL_CURRENT_OF_SOURCE = "SELECT " + _VERSION + " FROM event_versions WHERE superseded_by IS NULL AND source = ?"
SQL_MADE_BY = ("SELECT version_id, superseded_by, row_hash, retracted, " + _FIELDS
               + " FROM event_versions WHERE change_id = ? ORDER BY version_id")
SQL_VERSION_BEFORE = ("SELECT version_id, retracted, " + _FIELDS + " FROM event_versions WHERE event_id = ? AND "
                      "version_id < ? ORDER BY version_id DESC LIMIT 1")
SQL_VERSIONS_BY_ID = "SELECT version_id, " + _FIELDS + " FROM event_versions WHERE version_id IN " + _IN_BATCH
SQL_CURRENT_OF_EVENT = "SELECT " + _VERSION + " FROM event_versions WHERE event_id = ? AND superseded_by IS NULL"
_INSERTED = [*COLUMNS, "row_hash", "change_id", "retracted", "changed_fields"]
SQL_INSERT_VERSION = ("INSERT INTO event_versions (" + ", ".join(_INSERTED) + ") VALUES ("
                      + ", ".join("?" * len(_INSERTED)) + ")")
SQL_SUPERSEDE = "UPDATE event_versions SET superseded_by = ? WHERE version_id = ?"


def _padded(values: Sequence) -> tuple:
    """A batch of at most BATCH values as BATCH parameters (see _IN_BATCH)."""
    return (*values, *([values[0]] * (BATCH - len(values))))


@dataclass(frozen=True)
class ImportResult:
    """What an import did: rows added, rows changed (new versions), rows already as given."""

    added: int
    changed: int
    unchanged: int
    change_id: int | None  # None when nothing changed

    def describe(self) -> str:
        if self.change_id is None:
            return f"nothing changed: {plural(self.unchanged, 'event')} already in the store as given"
        return (f"change {self.change_id}: {plural(self.added, 'event')} added, {self.changed:,} changed (their earlier "
                f"versions are kept), {self.unchanged:,} unchanged")


@dataclass(frozen=True)
class Version:
    """One version of an event, as a list of changes shows it: who, when, how, and each field's old and new value."""

    version_id: int
    change_id: int
    at: str
    actor: str
    action: str
    origin: str
    retracted: bool
    differences: tuple[tuple[str, str, str], ...] = field(default=())  # (field, old, new), as a person reads them
    reason: str = ""  # the reason given for the change, if any

    def describe(self) -> str:
        what = "; ".join(f"{name}: {old or '(empty)'} → {new or '(empty)'}" for name, old, new in self.differences)
        state = " (retracted)" if self.retracted else ""
        return f"version {self.version_id} · change {self.change_id} · {self.at} · {self.actor} · {self.action}{state}" + (
            f" · {what}" if what else "") + (f" · reason: {self.reason}" if self.reason else "")


def default_url() -> str:
    """``DEPLOYMAP_DATABASE``, or an SQLite file in the project's git-ignored ``var/`` folder."""
    configured = os.environ.get("DEPLOYMAP_DATABASE", "").strip()
    if configured:
        return configured
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'deploymap.sqlite'}"


def current_user() -> str:
    """Who the operating system says is running this process."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


def normal_id(event_id: str) -> str:
    """An event id as the store keeps it: Unicode NFC, so that ``café-1`` typed either way is one event."""
    return unicodedata.normalize("NFC", str(event_id))


class Database:
    """The events store behind one interface; see the module's docstring."""

    def __init__(self, url: str, connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
                 statement_timeout: float = STATEMENT_TIMEOUT_SECONDS) -> None:
        self.url = url
        try:
            self.address = parse(url)
        except StoreAddressError as exc:
            raise StoreError(str(exc)) from None
        self.dialect = dialect_for(self.address)
        self.backend = self.dialect.name
        self.connect_timeout, self.statement_timeout = connect_timeout, statement_timeout
        self.dialect.prepare()
        self._open()

    @property
    def shown(self) -> str:
        """The store's URL for messages: never a password."""
        return self.address.shown()

    @property
    def read_only(self) -> bool:
        """An SQLite file on a read-only file system is shown, not changed."""
        return self.dialect.read_only

    # ---- reading -------------------------------------------------------------------------

    def version(self) -> int:
        """The id of the newest change: cheap, and different after any committed change."""
        with self._reading() as cursor:
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM changes")
            return int(cursor.fetchone()[0])

    def snapshot(self, include_retracted: bool = False) -> pd.DataFrame:
        """The current version of every event, typed as a loaded events file (one consistent read)."""
        table = self._arrow(SQL_CURRENT if include_retracted else SQL_CURRENT_SHOWN)
        frame = typed_frame(table)
        if include_retracted:
            frame[RETRACTED_COLUMN] = table.column("retracted").cast(pa.bool_()).to_numpy(zero_copy_only=False)
        return frame

    def history(self, event_id: str) -> pd.DataFrame:
        """Every version of one event, oldest first, with the change that made each and the fields it changed."""
        table = self._arrow(SQL_HISTORY, (normal_id(event_id),))
        return table.to_pandas()

    def versions(self, event_id: str) -> list[Version]:
        """Every version of one event, oldest first, each with the values it changed (old → new)."""
        history = self.history(event_id)
        found = []
        for position, row in enumerate(history.itertuples(index=False)):
            names = json.loads(row.changed_fields) if isinstance(row.changed_fields, str) else []
            before = history.iloc[position - 1] if position else None
            differences = tuple((name, BY_NAME[name].kind.shown(before[name]), BY_NAME[name].kind.shown(getattr(row, name)))
                                for name in names if before is not None and name in BY_NAME)
            found.append(Version(int(row.version_id), int(row.change_id), str(row.at), str(row.actor), str(row.action),
                                 str(row.origin), bool(row.retracted), differences, _reason(row.detail)))
        return found

    def changes(self) -> pd.DataFrame:
        """The log of changes, newest first."""
        return self._arrow("SELECT id, at, actor, action, origin, detail FROM changes ORDER BY id DESC").to_pandas()

    def report_text(self, sha256: str) -> str | None:
        return self._one("SELECT text FROM reports WHERE sha256 = ?", (sha256,))

    def report_named(self, name: str) -> str | None:
        """The text of the newest stored report of that name, if any."""
        return self._one("SELECT text FROM reports WHERE name = ? ORDER BY change_id DESC LIMIT 1", (name,))

    def by_sources(self, sources: Sequence[str]) -> pd.DataFrame:
        """The current events (retracted ones too) of these sources, typed as ``snapshot``."""
        wanted = sorted(set(sources))
        tables = [STORED_SCHEMA.empty_table()]
        for start in range(0, len(wanted), BATCH):
            batch = tuple(wanted[start:start + BATCH])
            tables.append(self._arrow(SQL_OF_SOURCES, _padded(batch)))
        return typed_frame(pa.concat_tables([table.cast(STORED_SCHEMA) for table in tables]))

    def is_empty(self) -> bool:
        return self.version() == 0

    def source_aliases(self) -> list[tuple[str, str]]:
        """(alias, canonical) of every name an analyst merged into a source, oldest first."""
        with self._reading() as cursor:
            cursor.execute("SELECT alias, canonical FROM source_aliases ORDER BY change_id, alias")
            return [(str(alias), str(canonical)) for alias, canonical in cursor.fetchall()]

    def sources(self) -> pd.DataFrame:
        """Each source of the current events with how many events it has, busiest first."""
        return self._arrow("SELECT source, COUNT(*) AS events FROM event_versions WHERE superseded_by IS NULL "
                           "AND NOT retracted GROUP BY source ORDER BY events DESC, source").to_pandas()

    # ---- writing -------------------------------------------------------------------------

    def import_events(self, events: pd.DataFrame, origin: str, actor: str | None = None, action: str = "import",
                      report_texts: Sequence[tuple[str, str]] = (), only_if_empty: bool = False) -> ImportResult | None:
        """Add new events and new versions of changed ones, in one transaction; same rows change nothing.

        ``report_texts`` are (name, text) of reports to keep with the change (stored once, by SHA-256).
        With ``only_if_empty``, nothing is done (None) when the store already has a change.
        """
        with self._writing() as cursor:
            if only_if_empty:
                cursor.execute("SELECT COUNT(*) FROM changes")
                if cursor.fetchone()[0]:
                    return None
            # A name an analyst merged into another source is written as that source: one agency, one name.
            merged = self._merged_names(cursor)
            if merged and "source" in events and events["source"].isin(list(merged)).any():
                events = events.assign(source=events["source"].map(lambda name: merged.get(name, name)))
            rows = stored_table(events)
            cursor.execute("SELECT event_id, version_id, row_hash, retracted FROM event_versions WHERE superseded_by IS NULL")
            current = cursor.fetch_arrow_table()
            # Match incoming rows to current versions in Arrow: a million ids take a fraction of a second.
            where = pc.index_in(rows.column("event_id"), value_set=current.column("event_id").cast(pa.string()))
            known = where.is_valid().to_numpy(zero_copy_only=False)
            old_hash = pc.take(current.column("row_hash").cast(pa.string()), where)
            changed = known & pc.fill_null(pc.not_equal(old_hash, rows.column("row_hash")), False).to_numpy(zero_copy_only=False)
            new = ~known
            old_version = pc.take(current.column("version_id").cast(pa.int64()), where)
            old_retracted = pc.take(current.column("retracted").cast(pa.int64()), where)
            texts = [(name, text) for name, text in report_texts if not self._has_report(cursor, text)]
            counts = {"added": int(new.sum()), "changed": int(changed.sum()),
                      "unchanged": int(rows.num_rows - new.sum() - changed.sum())}
            if not new.any() and not changed.any() and not texts:
                return ImportResult(0, 0, counts["unchanged"], None)
            change_id = self._log(cursor, actor, action, origin, {**counts, "reports": [name for name, _ in texts]})
            for name, text in texts:
                self._execute(cursor, "INSERT INTO reports (sha256, name, text, change_id) VALUES (?, ?, ?, ?)",
                              (sha256_of(text), name, text, change_id))
            keep = new | changed
            differences = np.full(rows.num_rows, None, dtype=object)  # a first version changed nothing
            if changed.any():
                superseded = old_version.to_numpy(zero_copy_only=False)[changed].astype("int64")
                before = self._versions_by_id(cursor, superseded)
                differences[np.flatnonzero(changed)] = changed_fields(before, rows.filter(pa.array(changed)))
                self._mark_superseded(cursor, superseded, change_id)
            # A correction of a retracted event stays retracted until someone restores it.
            was_retracted = pc.fill_null(old_retracted, 0).to_numpy(zero_copy_only=False) > 0
            retracted = (changed & was_retracted)[keep]
            self._insert_versions(cursor, rows.filter(pa.array(keep)), change_id, retracted, differences[keep])
            return ImportResult(counts["added"], counts["changed"], counts["unchanged"], change_id)

    def correct(self, event_id: str, values: dict[str, object], reason: str, actor: str | None = None) -> int:
        """A new version of one event with ``values`` changed; the old version is kept."""
        unknown = sorted(set(values) - set(COLUMNS) | ({"event_id"} & set(values)))
        if unknown:
            raise StoreError(f"a correction may change the fields {', '.join(c for c in COLUMNS if c != 'event_id')}; "
                             f"got {', '.join(map(repr, unknown))}")
        with self._writing() as cursor:
            old = self._current(cursor, event_id)
            row = {c: old[c] for c in COLUMNS}
            row.update({k: BY_NAME[k].kind.stored_value(v) for k, v in values.items()})
            row["source"] = self._merged_names(cursor).get(row["source"], row["source"])
            row["row_hash"] = row_hash(row)
            if row["row_hash"] == old["row_hash"]:
                raise StoreError(f"the correction of {shown(event_id)} changes nothing")
            fields = sorted(k for k in values if BY_NAME[k].kind.differs(old[k], row[k]))
            change_id = self._log(cursor, actor, "correct", f"event {event_id}", {"reason": reason, "fields": fields})
            self._supersede(cursor, old, change_id, row, bool(old["retracted"]), fields)
            return change_id

    def retract(self, event_id: str, reason: str, actor: str | None = None, restore: bool = False) -> int:
        """Hide an event (or, with ``restore``, show it again) by adding a version; nothing is deleted."""
        with self._writing() as cursor:
            old = self._current(cursor, event_id)
            if bool(old["retracted"]) != restore:
                raise StoreError(f"event {shown(event_id)} is {'already' if not restore else 'not'} retracted")
            change_id = self._log(cursor, actor, "restore" if restore else "retract", f"event {event_id}", {"reason": reason})
            row = {c: old[c] for c in COLUMNS}
            row["row_hash"] = old["row_hash"]
            self._supersede(cursor, old, change_id, row, not restore, [])
            return change_id

    def merge_source(self, name: str, into: str, reason: str, actor: str | None = None) -> int:
        """Make ``name`` a name of the source ``into`` (a rename when ``into`` is new): every current event of
        ``name`` gets a new version with ``into``, and the reader will propose ``into`` for ``name`` from now on."""
        name, into = name.strip(), into.strip()
        if not name or not into or name == into:
            raise StoreError(f"a source needs a new name other than its own, got {shown(name)} into {shown(into)}")
        with self._writing() as cursor:
            # Into the name a source has now: merging into a name merged away would bring that name back.
            asked, seen = into, {into}
            for _ in range(16):
                self._execute(cursor, "SELECT canonical FROM source_aliases WHERE alias = ?", (into,))
                found = cursor.fetchone()
                if found is None or str(found[0]) in seen:
                    break
                into = str(found[0])
                seen.add(into)
            if into == name:
                raise StoreError(f"{shown(asked)} is already a name of {shown(name)}; there is nothing to merge")
            self._execute(cursor, SQL_CURRENT_OF_SOURCE, (name,))
            columns = ["version_id", "row_hash", "retracted", *COLUMNS]
            current = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            touched = aliases.touched_by_merge(self._execute, cursor, name)
            change_id = self._log(cursor, actor, "merge source", f"source {name}",
                                  {"from": name, "into": into, "events": len(current), "reason": reason,
                                   "aliases_touched": touched, "aliases_before": aliases.rows(self._execute, cursor, touched)})
            for old in current:
                row = {c: old[c] for c in COLUMNS} | {"source": into}
                row["row_hash"] = row_hash(row)
                self._supersede(cursor, old, change_id, row, bool(old["retracted"]), ["source"])
            self._execute(cursor, "DELETE FROM source_aliases WHERE alias = ?", (name,))
            self._execute(cursor, "UPDATE source_aliases SET canonical = ?, change_id = ? WHERE canonical = ?",
                          (into, change_id, name))
            self._execute(cursor, "INSERT INTO source_aliases (alias, canonical, change_id) VALUES (?, ?, ?)",
                          (name, into, change_id))
            return change_id

    def change_versions(self, change_id: int, limit: int = 1_000) -> list[tuple[str, Version]]:
        """The versions one change made (of its first ``limit`` events), each with its event's id and the values
        it changed (old → new)."""
        ids = self._arrow("SELECT DISTINCT event_id FROM event_versions WHERE change_id = ? ORDER BY event_id LIMIT ?",
                          (int(change_id), int(limit))).column("event_id").to_pylist()
        return [(str(event_id), version) for event_id in ids for version in self.versions(event_id)
                if version.change_id == int(change_id)]

    def undo(self, change_id: int, reason: str, actor: str | None = None) -> int:
        """Put back what one change altered, as a new change: each event it gave a version goes back to the
        version before (an event it added is retracted). Refused when any of those events changed since
        (undo the later change first); a source merge also stops naming the merged name that source."""
        if isinstance(change_id, bool) or not isinstance(change_id, numbers.Integral) or not 0 < change_id < 2**62:
            raise StoreError(f"a change is named by its number, got {shown(change_id)}")
        if len(reason or "") > MAX_REASON:
            raise StoreError(f"a reason is at most {MAX_REASON:,} characters, got {len(reason):,}")
        with self._writing() as cursor:
            self._execute(cursor, "SELECT action, detail FROM changes WHERE id = ?", (int(change_id),))
            found = cursor.fetchone()
            if found is None:
                raise StoreError(f"there is no change {shown(change_id)} in the store")
            action, detail = found
            columns = ["version_id", "superseded_by", "row_hash", "retracted", *COLUMNS]
            self._execute(cursor, SQL_MADE_BY, (int(change_id),))
            made = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
            later = next((m for m in made if m["superseded_by"] is not None), None)
            if later is not None:
                raise StoreError(f"change {change_id} cannot be undone: event {shown(later['event_id'])} changed since, in "
                                 f"change {later['superseded_by']}; undo that change first")
            recorded = json.loads(detail) if isinstance(detail, str) and detail.startswith("{") else {}
            if not made and "aliases_touched" not in recorded and action != "merge source":
                raise StoreError(f"change {change_id} ({action}) changed no event; there is nothing to undo")
            # The source names as the change found them go back (and, undone in turn, come back as it left them).
            names = aliases.before_undo(self._execute, cursor, int(change_id), recorded) if "aliases_touched" in recorded else {}
            undo_id = self._log(cursor, actor, "undo", f"change {change_id}",
                                {"undoes": int(change_id), "reason": reason, "events": len(made), **names})
            if names:
                aliases.put_back(self._execute, cursor, undo_id, recorded)
            rows, retracted, fields = [], [], []
            for version in made:
                self._execute(cursor, SQL_VERSION_BEFORE, (version["event_id"], version["version_id"]))
                before = cursor.fetchone()
                if before is None:  # the change added this event: taking it back is retracting it
                    rows.append({c: version[c] for c in COLUMNS})
                    retracted.append(True)
                    fields.append([])
                    continue
                earlier = dict(zip(["version_id", "retracted", *COLUMNS], before, strict=True))
                rows.append({c: earlier[c] for c in COLUMNS})
                retracted.append(bool(earlier["retracted"]))
                fields.append([c for c in COLUMNS if BY_NAME[c].kind.differs(version[c], rows[-1][c])])
            self._supersede_all(cursor, [v["version_id"] for v in made], undo_id, rows, retracted, fields)
            merged = recorded if action == "merge source" and "aliases_touched" not in recorded else {}
            if merged.get("from"):
                # A merge made before merges recorded their names' rows: it made its own name an alias and pointed
                # the names that named it further on, all under its change; those point back at it again.
                self._execute(cursor, "DELETE FROM source_aliases WHERE alias = ? AND change_id = ?",
                              (merged["from"], int(change_id)))
                self._execute(cursor, "UPDATE source_aliases SET canonical = ?, change_id = ? WHERE change_id = ?",
                              (merged["from"], undo_id, int(change_id)))
            return undo_id

    # ---- opening ---------------------------------------------------------------------------

    def _open(self) -> None:
        """Create or upgrade the schema (under the upgrade lock); a store that is up to date costs one read."""
        try:
            recorded = self._recorded_schema()
            if recorded is None:
                self._refuse_foreign()
            if recorded == migrations.EXPECTED:
                return
            if self.read_only:
                raise StoreError(f"the store {self.shown!r} is on a read-only file system and needs an upgrade this "
                                 "program cannot write; open it once where it can be written")
            with contextlib.closing(self._connect(autocommit=True)) as connection, connection.cursor() as cursor:
                self.dialect.after_open(cursor)
            with contextlib.closing(self._connect(autocommit=self.dialect.autocommit_writes)) as connection, \
                    connection.cursor() as cursor:
                self.dialect.begin_upgrade(cursor)
                try:
                    migrations.upgrade(cursor, self.dialect, self.shown)
                except BaseException:
                    self.dialect.abandon_write(cursor, connection)
                    raise
                if self.dialect.autocommit_writes:
                    cursor.execute("COMMIT")
                else:
                    connection.commit()
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"the store {self.shown!r} cannot be opened: {self._reason(exc)}") from None

    def _recorded_schema(self) -> str | None:
        """What the store records of its schema (one read, no lock); None for a store with no schema yet."""
        with self._reading() as cursor:
            try:
                cursor.execute("SELECT schema_version, schema_signature FROM store_lock")
            except Exception as exc:
                if not self.dialect.missing_table(exc) and "schema_signature" not in str(exc):
                    raise StoreError(f"the store {self.shown!r} cannot be read: {self._reason(exc)}") from None
                self._rollback(cursor)
                return self._legacy_version(cursor)
            row = cursor.fetchone()
        if row is None:
            return None
        _checked_version(row[0], self.shown)
        return row[1] or ""

    def _legacy_version(self, cursor) -> str | None:
        """A store written before schema signatures: its schema version, checked ("" means: needs an upgrade)."""
        try:
            cursor.execute("SELECT schema_version FROM store_lock")
        except Exception as exc:
            if not self.dialect.missing_table(exc):
                raise StoreError(f"the store {self.shown!r} cannot be read: {self._reason(exc)}") from None
            return None
        row = cursor.fetchone()
        if row is None:
            return None
        _checked_version(row[0], self.shown)
        return ""

    def _rollback(self, cursor) -> None:
        """A failed statement aborts PostgreSQL's transaction: start afresh before the next one."""
        with contextlib.suppress(Exception):
            cursor.connection.rollback()

    def _refuse_foreign(self) -> None:
        """A database with tables but no deploymap schema belongs to another program: never add to it."""
        with self._reading() as cursor:
            cursor.execute(self.dialect.tables_sql())
            tables = [str(row[0]) for row in cursor.fetchall()]
        if tables:
            listed = ", ".join(map(repr, tables[:5])) + (f" and {len(tables) - 5:,} more" if len(tables) > 5 else "")
            raise StoreError(f"{self.shown!r} is not a deploymap store: it holds other tables ({listed}) and no "
                             "deploymap schema. Nothing was changed; point DEPLOYMAP_DATABASE at a new file or an "
                             "empty database")

    # ---- connections -----------------------------------------------------------------------

    def _connect(self, autocommit: bool = False):
        try:
            return self.dialect.connect(autocommit, self.connect_timeout, self.statement_timeout)
        except Exception as exc:  # each driver raises its own DatabaseError family
            raise StoreError(f"the store {self.shown!r} cannot be opened: {self._reason(exc)}") from None

    def _reason(self, exc: BaseException) -> str:
        """Why a driver failed, in words, never with a password (libpq may echo its connection string)."""
        text = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300] or type(exc).__name__
        if self.address.password:
            text = text.replace(self.address.password, "***")
        if "timeout expired" in text or "canceling statement due to statement timeout" in text:
            which = ("connect_timeout_seconds", self.connect_timeout) if "timeout expired" in text \
                else ("statement_timeout_seconds", self.statement_timeout)
            return (f"the server at {self.address.where()} did not answer within {which[1]:g} s; check that it is "
                    f"running and reachable, or raise [store] {which[0]} in deploymap.toml")
        return text

    @contextlib.contextmanager
    def _reading(self) -> Iterator:
        connection = self._connect()
        try:
            with connection.cursor() as cursor:
                yield cursor
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"the store {self.shown!r} cannot be read: {self._reason(exc)}") from None
        finally:
            with contextlib.suppress(Exception):
                connection.rollback()
            connection.close()

    def _arrow(self, sql: str, parameters: tuple = ()) -> pa.Table:
        """One query into Arrow: no Python object per row."""
        with self._reading() as cursor:
            self.dialect.read_whole(cursor)
            cursor.execute(self.dialect.sql(sql), parameters or None)
            return cursor.fetch_arrow_table()

    def _one(self, sql: str, parameters: tuple) -> object | None:
        with self._reading() as cursor:
            cursor.execute(self.dialect.sql(sql), parameters)
            row = cursor.fetchone()
        return row[0] if row else None

    @contextlib.contextmanager
    def _writing(self) -> Iterator:
        """One transaction holding the store's write lock; any error rolls everything back."""
        if self.read_only:
            raise StoreError(f"the store {self.shown!r} is on a read-only file system: it can be read, not changed")
        connection = self._connect(autocommit=self.dialect.autocommit_writes)
        try:
            with connection.cursor() as cursor:
                self.dialect.begin_write(cursor)
                try:
                    yield cursor
                except BaseException:
                    self.dialect.abandon_write(cursor, connection)
                    raise
                self.dialect.end_write(cursor, connection)
        except BaseException as exc:
            with contextlib.suppress(Exception):
                connection.rollback()
            if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                raise
            raise StoreError(f"the change to {self.shown!r} was not made: {self._reason(exc)}") from None
        finally:
            connection.close()

    # ---- statements inside a write -----------------------------------------------------------

    def _execute(self, cursor, sql: str, parameters: tuple = ()) -> None:
        cursor.execute(self.dialect.sql(sql), parameters or None)

    def _executemany(self, cursor, sql: str, table: pa.Table) -> None:
        cursor.executemany(self.dialect.sql(sql), table)

    def _merged_names(self, cursor) -> dict[str, str]:
        self._execute(cursor, "SELECT alias, canonical FROM source_aliases")
        return {str(alias): str(canonical) for alias, canonical in cursor.fetchall()}

    def _log(self, cursor, actor: str | None, action: str, origin: str, detail: dict) -> int:
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._execute(cursor, "INSERT INTO changes (at, actor, action, origin, detail) VALUES (?, ?, ?, ?, ?) RETURNING id",
                      (at, actor or current_user(), action, origin, json.dumps(detail, ensure_ascii=False, sort_keys=True)))
        return int(cursor.fetchone()[0])

    def _insert_versions(self, cursor, rows: pa.Table, change_id: int, retracted: np.ndarray,
                         differences: Sequence[str | None]) -> None:
        if not rows.num_rows:
            return
        table = rows.append_column("change_id", pa.array(np.full(rows.num_rows, change_id, "int64")))
        table = table.append_column("retracted", pa.array(retracted.astype(bool)))
        table = table.append_column("changed_fields", pa.array(list(differences), pa.string()))
        self._executemany(cursor, SQL_INSERT_VERSION, table.select(_INSERTED))

    def _versions_by_id(self, cursor, version_ids: np.ndarray) -> pa.Table:
        """Stored versions by id, in the order asked (for the fields a new version changes)."""
        found = []
        for start in range(0, len(version_ids), BATCH):
            batch = tuple(int(v) for v in version_ids[start:start + BATCH])
            self.dialect.read_whole(cursor)
            self._execute(cursor, SQL_VERSIONS_BY_ID, _padded(batch))
            found.append(cursor.fetch_arrow_table())
        schema = pa.schema([("version_id", pa.int64()), *STORED_SCHEMA])
        table = pa.concat_tables([part.cast(schema) for part in found])
        order = pc.index_in(pa.array(version_ids, pa.int64()), value_set=table.column("version_id").cast(pa.int64()))
        return table.take(order)

    def _current(self, cursor, event_id: str) -> dict:
        columns = ["version_id", "row_hash", "retracted", *COLUMNS]
        self._execute(cursor, SQL_CURRENT_OF_EVENT, (normal_id(event_id),))
        row = cursor.fetchone()
        if row is None:
            raise StoreError(f"there is no event {shown(event_id)} in the store")
        return dict(zip(columns, row, strict=True))

    def _mark_superseded(self, cursor, version_ids: Sequence[int], change_id: int) -> None:
        """The versions ``change_id`` replaces: one statement for all of them."""
        self._executemany(cursor, SQL_SUPERSEDE, pa.table({"s": pa.array(np.full(len(version_ids), change_id, "int64")),
                                                           "v": pa.array(np.asarray(version_ids, "int64"))}))

    def _supersede(self, cursor, old: dict, change_id: int, row: dict, retracted: bool, fields: list[str]) -> None:
        self._supersede_all(cursor, [old["version_id"]], change_id, [row], [retracted], [fields])

    def _supersede_all(self, cursor, old_ids: list[int], change_id: int, rows: list[dict], retracted: list[bool],
                       fields: list[list[str]]) -> None:
        """New versions of many events at once, each replacing its old one (no statement per event)."""
        if not rows:
            return
        self._mark_superseded(cursor, old_ids, change_id)
        table = stored_rows(rows)
        table = table.append_column("row_hash", pa.array(row_hashes(table), pa.string()))
        self._insert_versions(cursor, table, change_id, np.array(retracted, dtype=bool), [json.dumps(f) for f in fields])

    def _has_report(self, cursor, text: str) -> bool:
        self._execute(cursor, "SELECT 1 FROM reports WHERE sha256 = ?", (sha256_of(text),))
        return cursor.fetchone() is not None


def _reason(detail: object) -> str:
    """The reason recorded with a change (its detail is JSON written by ``_log``)."""
    try:
        found = json.loads(detail) if isinstance(detail, str) else {}
    except ValueError:
        return ""
    reason = found.get("reason") if isinstance(found, dict) else None
    return reason if isinstance(reason, str) else ""


def _checked_version(value: object, where: str) -> int:
    if not isinstance(value, int) or value < 0:
        raise StoreError(f"the store {where!r} records schema version {value!r}, which no deploymap "
                         "writes: its store_lock table was changed by hand or is damaged")
    return value
