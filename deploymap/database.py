"""The store of record: every version of every event, and who changed what, when and from where.

One ``Database`` class, one schema, two backends: an embedded SQLite file (the default) or a
PostgreSQL server shared by a team, both through ADBC's DB-API drivers (``adbc-driver-sqlite``,
``adbc-driver-postgresql``), which read straight into Arrow: a million events load without a
Python object per row. (Python's own ``sqlite3`` is never used on the store: two copies of the
SQLite library in one process break each other's file locks.)

Each write is one transaction whose first statement updates the single row of ``store_lock``:
that takes SQLite's write lock (WAL mode, with a busy timeout, so writers wait their turn) or
PostgreSQL's row lock, so writers never interleave and an import lands whole or not at all. A
read of the current events is one statement, so it sees the store before or after any change,
never half of one.

Nothing is deleted: a correction supersedes a row's version with a new one, a retraction adds a
version marked retracted, and every change is a row of ``changes`` naming its author, time,
origin and counts.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import hashlib
import itertools
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.errors import DeploymapError, shown
from deploymap.fields import BY_NAME, FIELDS
from deploymap.schema import CATEGORY_COLUMNS, COLUMNS
from deploymap.store_address import CONNECT_TIMEOUT_SECONDS, STATEMENT_TIMEOUT_SECONDS, StoreAddressError, parse
from deploymap.text import plural

SCHEMA_VERSION = 1
RETRACTED_COLUMN = "_retracted"  # internal: in a snapshot that includes retracted events
BUSY_TIMEOUT = "PRAGMA busy_timeout = 30000"  # milliseconds a writer waits for another, instead of failing
_MIGRATION_LOCK = 7_204_241_018  # PostgreSQL advisory lock: one migrator at a time
BATCH = 500  # values bound in one statement at most (SQLite allows 32,766 variables, PostgreSQL 65,535)


class StoreError(DeploymapError):
    """The store cannot be opened, read or changed as asked."""


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


def _column_type(name: str, backend: str) -> str:
    kind = BY_NAME[name].kind
    if kind == "number":
        return "BIGINT"
    if kind == "coordinate":
        return "DOUBLE PRECISION"
    if kind == "date":
        return "TEXT"  # ISO text: the same on both backends
    return "TEXT NOT NULL DEFAULT ''"


def _schema_v1(backend: str) -> list[str]:
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT" if backend == "sqlite" else "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    fields = ",\n  ".join(f"{name} {_column_type(name, backend)}" for name in COLUMNS)
    return [
        f"""CREATE TABLE changes (
  id {serial},
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  origin TEXT NOT NULL,
  detail TEXT NOT NULL)""",
        f"""CREATE TABLE event_versions (
  version_id {serial},
  change_id BIGINT NOT NULL REFERENCES changes (id),
  superseded_by BIGINT REFERENCES changes (id),
  retracted BOOLEAN NOT NULL DEFAULT FALSE,
  row_hash TEXT NOT NULL,
  {fields})""",
        # At most one current version of an event: concurrent writers cannot both add one.
        "CREATE UNIQUE INDEX one_current_version ON event_versions (event_id) WHERE superseded_by IS NULL",
        "CREATE INDEX versions_by_change ON event_versions (change_id)",
        """CREATE TABLE reports (
  sha256 TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  text TEXT NOT NULL,
  change_id BIGINT NOT NULL REFERENCES changes (id))""",
    ]


# Versioned migrations: MIGRATIONS[n](backend) are the statements from schema version n to n + 1.
MIGRATIONS = {0: _schema_v1}


def default_url() -> str:
    """``DEPLOYMAP_DATABASE``, or an SQLite file in the project's git-ignored ``var/`` folder."""
    configured = os.environ.get("DEPLOYMAP_DATABASE", "").strip()
    if configured:
        return configured
    return f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'deploymap.sqlite'}"


def current_user() -> str:
    """Who the operating system says is running this process."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return f"uid {os.getuid()}"


class Database:
    """The events store behind one interface; see the module's docstring."""

    def __init__(self, url: str, connect_timeout: float = CONNECT_TIMEOUT_SECONDS,
                 statement_timeout: float = STATEMENT_TIMEOUT_SECONDS) -> None:
        self.url = url
        try:
            self.address = parse(url)
        except StoreAddressError as exc:
            raise StoreError(str(exc)) from None
        self.backend = self.address.backend
        self.connect_timeout, self.statement_timeout = connect_timeout, statement_timeout
        self.read_only = False  # an SQLite file on a read-only file system is shown, not changed
        if self.backend == "sqlite":
            self.read_only = _prepare_sqlite_file(Path(self.address.path), self.shown)
        self._migrate()

    @property
    def shown(self) -> str:
        """The store's URL for messages: never a password."""
        return self.address.shown()

    # ---- reading -------------------------------------------------------------------------

    def version(self) -> int:
        """The id of the newest change: cheap, and different after any committed change."""
        with self._reading() as cursor:
            cursor.execute("SELECT COALESCE(MAX(id), 0) FROM changes")
            return int(cursor.fetchone()[0])

    def snapshot(self, include_retracted: bool = False) -> pd.DataFrame:
        """The current version of every event, typed as a loaded events file (one consistent read)."""
        where = "superseded_by IS NULL" + ("" if include_retracted else " AND NOT retracted")
        table = self._arrow(f"SELECT {', '.join(COLUMNS)}, retracted FROM event_versions WHERE {where}")
        frame = _typed_frame(table)
        if include_retracted:
            frame[RETRACTED_COLUMN] = table.column("retracted").cast(pa.bool_()).to_numpy(zero_copy_only=False)
        return frame

    def history(self, event_id: str) -> pd.DataFrame:
        """Every version of one event, oldest first, with the change that made each."""
        table = self._arrow(
            "SELECT v.version_id, v.superseded_by, v.retracted, c.id AS change_id, c.at, c.actor, c.action, c.origin, "
            f"{', '.join('v.' + c for c in COLUMNS)} FROM event_versions v JOIN changes c ON v.change_id = c.id "
            "WHERE v.event_id = ? ORDER BY v.version_id", (normal_id(event_id),))
        return table.to_pandas()

    def changes(self) -> pd.DataFrame:
        """The log of changes, newest first."""
        return self._arrow("SELECT id, at, actor, action, origin, detail FROM changes ORDER BY id DESC").to_pandas()

    def report_text(self, sha256: str) -> str | None:
        with self._reading() as cursor:
            cursor.execute(self._sql("SELECT text FROM reports WHERE sha256 = ?"), (sha256,))
            row = cursor.fetchone()
        return row[0] if row else None

    def quoting(self, quotes: Sequence[str]) -> pd.DataFrame:
        """The current events (retracted ones too) whose quote is one of ``quotes``, typed as ``snapshot``."""
        wanted = sorted(set(quotes))
        if not wanted:
            return _typed_frame(self._arrow(f"SELECT {', '.join(COLUMNS)} FROM event_versions WHERE 1 = 0"))
        tables = []
        for start in range(0, len(wanted), BATCH):  # a statement binds a bounded number of values
            batch = tuple(wanted[start:start + BATCH])
            marks = ", ".join("?" * len(batch))  # placeholders only: the quotes are bound parameters
            tables.append(self._arrow(f"SELECT {', '.join(COLUMNS)} FROM event_versions "
                                      f"WHERE superseded_by IS NULL AND quote IN ({marks})", batch))
        return _typed_frame(pa.concat_tables(tables, promote_options="permissive"))

    def report_named(self, name: str) -> str | None:
        """The text of the newest stored report of that name, if any."""
        with self._reading() as cursor:
            cursor.execute(self._sql("SELECT text FROM reports WHERE name = ? ORDER BY change_id DESC LIMIT 1"), (name,))
            row = cursor.fetchone()
        return row[0] if row else None

    def is_empty(self) -> bool:
        return self.version() == 0

    # ---- writing -------------------------------------------------------------------------

    def import_events(self, events: pd.DataFrame, origin: str, actor: str | None = None, action: str = "import",
                      report_texts: Sequence[tuple[str, str]] = (), only_if_empty: bool = False) -> ImportResult | None:
        """Add new events and new versions of changed ones, in one transaction; same rows change nothing.

        ``report_texts`` are (name, text) of reports to keep with the change (stored once, by SHA-256).
        With ``only_if_empty``, nothing is done (None) when the store already has a change.
        """
        rows = stored_table(events)
        with self._writing() as cursor:
            if only_if_empty:
                cursor.execute("SELECT COUNT(*) FROM changes")
                if cursor.fetchone()[0]:
                    return None
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
                cursor.execute(self._sql("INSERT INTO reports (sha256, name, text, change_id) VALUES (?, ?, ?, ?)"),
                               (sha256_of(text), name, text, change_id))
            if changed.any():
                superseded = old_version.to_numpy(zero_copy_only=False)[changed].astype("int64")
                cursor.executemany(self._sql("UPDATE event_versions SET superseded_by = ? WHERE version_id = ?"),
                                   pa.table({"s": pa.array(np.full(len(superseded), change_id, "int64")),
                                             "v": pa.array(superseded)}))
            keep = new | changed
            # A correction of a retracted event stays retracted until someone restores it.
            was_retracted = pc.fill_null(old_retracted, 0).to_numpy(zero_copy_only=False) > 0
            retracted = (changed & was_retracted)[keep]
            self._insert_versions(cursor, rows.filter(pa.array(keep)), change_id, retracted)
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
            row.update({k: _stored_value(k, v) for k, v in values.items()})
            row["row_hash"] = row_hash(row)
            if row["row_hash"] == old["row_hash"]:
                raise StoreError(f"the correction of {shown(event_id)} changes nothing")
            fields = sorted(k for k in values if row[k] != old[k])
            change_id = self._log(cursor, actor, "correct", f"event {event_id}", {"reason": reason, "fields": fields})
            self._supersede(cursor, old, change_id, row, bool(old["retracted"]))
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
            self._supersede(cursor, old, change_id, row, not restore)
            return change_id

    def seed_if_empty(self, events_file: Path, reports_dir: Path) -> ImportResult | None:
        """Fill a new, empty store with the shipped events and the reports they quote (once)."""
        if not self.is_empty():
            return None
        from deploymap.loading import read_events

        events = read_events(events_file)
        names = sorted(set(events["report"].astype(str)) - {""})
        texts = [(n, (reports_dir / n).read_text(encoding="utf-8")) for n in names if (reports_dir / n).is_file()]
        result = self.import_events(events, origin=events_file.name, actor="deploymap (shipped data)", action="seed",
                                    report_texts=texts, only_if_empty=True)
        return result

    # ---- internals -----------------------------------------------------------------------

    def _connect(self, autocommit: bool = False):
        try:
            if self.backend == "sqlite":
                import adbc_driver_sqlite.dbapi as adbc

                where = self.address.path
                if self.read_only:
                    # Read-only: SQLite reads a WAL store when its -wal and -shm files exist; without them
                    # nothing is pending, and "immutable" lets it read the file without creating them.
                    pending = os.path.exists(where + "-wal") and os.path.exists(where + "-shm")
                    where = f"file:{quote(where)}?mode=ro" + ("" if pending else "&immutable=1")
                connection = adbc.connect(where, autocommit=autocommit)
                with connection.cursor() as cursor:
                    cursor.execute(BUSY_TIMEOUT)  # wait for a writer, don't fail
                    cursor.execute("PRAGMA foreign_keys = ON")
                return connection
            import adbc_driver_postgresql.dbapi as adbc

            return adbc.connect(self.address.libpq(self.connect_timeout, self.statement_timeout))
        except Exception as exc:  # each driver raises its own DatabaseError family
            raise StoreError(f"the store {self.shown!r} cannot be opened: {self._reason(exc)}") from None

    def _reason(self, exc: BaseException) -> str:
        """Why a driver failed, in words, never with a password (libpq may echo its connection string)."""
        text = _reason(exc)
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
            if self.backend == "sqlite":
                # Infer column types from the whole result, not from a first batch that may be all empty.
                cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(2**30)})
            cursor.execute(self._sql(sql), parameters or None)
            return cursor.fetch_arrow_table()

    @contextlib.contextmanager
    def _writing(self) -> Iterator:
        """One transaction holding the store's write lock; any error rolls everything back.

        SQLite: ``BEGIN IMMEDIATE`` takes the write lock before anything is read, so a writer waits
        its turn (busy timeout) instead of failing half-way. PostgreSQL: the first statement locks
        the row of ``store_lock``, which every writer updates.
        """
        if self.read_only:
            raise StoreError(f"the store {self.shown!r} is on a read-only file system: it can be read, not changed")
        sqlite = self.backend == "sqlite"
        connection = self._connect(autocommit=sqlite)
        try:
            with connection.cursor() as cursor:
                cursor.execute("BEGIN IMMEDIATE" if sqlite else "UPDATE store_lock SET writes = writes + 1")
                try:
                    yield cursor
                except BaseException:
                    if sqlite:
                        with contextlib.suppress(Exception):
                            cursor.execute("ROLLBACK")
                    raise
                if sqlite:
                    cursor.execute("UPDATE store_lock SET writes = writes + 1")
                    cursor.execute("COMMIT")
            if not sqlite:
                connection.commit()
        except BaseException as exc:
            with contextlib.suppress(Exception):
                connection.rollback()
            if isinstance(exc, StoreError) or not isinstance(exc, Exception):
                raise
            raise StoreError(f"the change to {self.shown!r} was not made: {self._reason(exc)}") from None
        finally:
            connection.close()

    def _migrate(self) -> None:
        """Create or upgrade the schema (under the write lock); a store that is up to date costs one read."""
        try:
            found = self._schema_version()
            if found is None:
                self._refuse_foreign()
            if self.read_only:
                if found != SCHEMA_VERSION:
                    raise StoreError(f"the store {self.shown!r} is on a read-only file system and has schema version "
                                     f"{found}, not {SCHEMA_VERSION}; open it once where it can be written to upgrade it")
                return
            if self.backend == "sqlite":
                with contextlib.closing(self._connect(autocommit=True)) as connection, connection.cursor() as cursor:
                    cursor.execute("PRAGMA journal_mode")
                    if str(cursor.fetchone()[0]).lower() != "wal":
                        cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer; kept in the file
                        cursor.fetchall()
            if found == SCHEMA_VERSION:
                return
            sqlite = self.backend == "sqlite"
            with contextlib.closing(self._connect(autocommit=sqlite)) as connection, connection.cursor() as cursor:
                cursor.execute("BEGIN IMMEDIATE" if sqlite else f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                cursor.execute("CREATE TABLE IF NOT EXISTS store_lock (id INTEGER PRIMARY KEY, writes BIGINT NOT NULL, "
                               "schema_version INTEGER NOT NULL)")
                cursor.execute("INSERT INTO store_lock (id, writes, schema_version) SELECT 1, 0, 0 "
                               "WHERE NOT EXISTS (SELECT 1 FROM store_lock)")
                cursor.execute("SELECT schema_version FROM store_lock")
                found = self._checked_version(cursor.fetchone()[0])
                if found > SCHEMA_VERSION:
                    raise StoreError(f"the store {self.shown!r} has schema version {found}, newer than this "
                                     f"program's {SCHEMA_VERSION}; upgrade deploymap")
                for version in range(found, SCHEMA_VERSION):
                    for statement in MIGRATIONS[version](self.backend):
                        cursor.execute(statement)
                cursor.execute(self._sql("UPDATE store_lock SET schema_version = ?"), (max(found, SCHEMA_VERSION),))
                if sqlite:
                    cursor.execute("COMMIT")
                else:
                    connection.commit()
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"the store {self.shown!r} cannot be opened: {self._reason(exc)}") from None

    def _schema_version(self) -> int | None:
        """The recorded schema version, or None for a store with no schema yet (one read, no lock)."""
        with self._reading() as cursor:
            try:
                cursor.execute("SELECT schema_version FROM store_lock")
            except StoreError:
                raise
            except Exception as exc:  # no such table yet: a new store (anything else is a real failure)
                if not re.search(r"no such table|does not exist", str(exc), re.IGNORECASE):
                    raise StoreError(f"the store {self.shown!r} cannot be read: {self._reason(exc)}") from None
                return None
            row = cursor.fetchone()
            return self._checked_version(row[0]) if row else None

    def _checked_version(self, value: object) -> int:
        if not isinstance(value, int) or value < 0:
            raise StoreError(f"the store {self.shown!r} records schema version {value!r}, which no deploymap "
                             "writes: its store_lock table was changed by hand or is damaged")
        return value

    def _refuse_foreign(self) -> None:
        """A database with tables but no deploymap schema belongs to another program: never add to it."""
        sql = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
               if self.backend == "sqlite" else
               "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")
        with self._reading() as cursor:
            cursor.execute(sql)
            tables = [str(row[0]) for row in cursor.fetchall()]
        if tables:
            listed = ", ".join(map(repr, tables[:5])) + (f" and {len(tables) - 5:,} more" if len(tables) > 5 else "")
            raise StoreError(f"{self.shown!r} is not a deploymap store: it holds other tables ({listed}) and no "
                             "deploymap schema. Nothing was changed; point DEPLOYMAP_DATABASE at a new file or an "
                             "empty database")

    def _sql(self, statement: str) -> str:
        """Statements are written with ``?`` placeholders; PostgreSQL numbers them ($1, $2, …)."""
        if self.backend == "sqlite":
            return statement
        counter = itertools.count(1)
        return re.sub(r"\?", lambda m: f"${next(counter)}", statement)

    def _log(self, cursor, actor: str | None, action: str, origin: str, detail: dict) -> int:
        at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        cursor.execute(self._sql("INSERT INTO changes (at, actor, action, origin, detail) VALUES (?, ?, ?, ?, ?) RETURNING id"),
                       (at, actor or current_user(), action, origin, json.dumps(detail, ensure_ascii=False, sort_keys=True)))
        return int(cursor.fetchone()[0])

    def _insert_versions(self, cursor, rows: pa.Table, change_id: int, retracted: np.ndarray) -> None:
        if not rows.num_rows:
            return
        table = rows.append_column("change_id", pa.array(np.full(rows.num_rows, change_id, "int64")))
        table = table.append_column("retracted", pa.array(retracted.astype(bool)))
        names = table.column_names
        statement = f"INSERT INTO event_versions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        cursor.executemany(self._sql(statement), table)

    def _current(self, cursor, event_id: str) -> dict:
        columns = ["version_id", "row_hash", "retracted", *COLUMNS]
        cursor.execute(self._sql(f"SELECT {', '.join(columns)} FROM event_versions "
                                 "WHERE event_id = ? AND superseded_by IS NULL"), (normal_id(event_id),))
        row = cursor.fetchone()
        if row is None:
            raise StoreError(f"there is no event {shown(event_id)} in the store")
        return dict(zip(columns, row, strict=True))

    def _supersede(self, cursor, old: dict, change_id: int, row: dict, retracted: bool) -> None:
        cursor.execute(self._sql("UPDATE event_versions SET superseded_by = ? WHERE version_id = ?"),
                       (change_id, old["version_id"]))
        table = _one_row_table(row).append_column("row_hash", pa.array([row["row_hash"]], pa.string()))
        self._insert_versions(cursor, table, change_id, np.array([retracted]))

    def _has_report(self, cursor, text: str) -> bool:
        cursor.execute(self._sql("SELECT 1 FROM reports WHERE sha256 = ?"), (sha256_of(text),))
        return cursor.fetchone() is not None


_NULL, _SEPARATOR = "\x00", "\x1f"


def stored_table(events: pd.DataFrame) -> pa.Table:
    """Events as the store keeps them (ISO date text, int64, float64, text) with each row's hash."""
    arrays = {}
    for name in COLUMNS:
        kind, values = BY_NAME[name].kind, events[name]
        if kind == "date":
            days = values.to_numpy().astype("datetime64[D]")
            arrays[name] = pa.array(np.datetime_as_string(days, unit="D"), pa.string(), mask=np.isnat(days))
        elif kind == "number":
            arrays[name] = pa.array(values, pa.int64(), from_pandas=True)
        elif kind == "coordinate":
            arrays[name] = pa.array(values.to_numpy(dtype="float64", na_value=np.nan), pa.float64(), from_pandas=True)
        elif isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy()
            categories = pa.array([str(c) for c in values.cat.categories], pa.string())
            encoded = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), categories)
            arrays[name] = pc.fill_null(encoded.cast(pa.string()), "")
        else:
            arrays[name] = pc.fill_null(pa.array(values, pa.string(), from_pandas=True), "")
    table = pa.table(arrays)
    return table.append_column("row_hash", pa.array(_hashes(table), pa.string()))


def row_hash(row: dict) -> str:
    """The hash ``stored_table`` gives a row, for one row as a dict of stored values."""
    return _hashes(_one_row_table(row))[0]


def _hashes(table: pa.Table) -> list[str]:
    """SHA-256 of each row's canonical text: equal rows, equal hashes, on either backend."""
    parts = []
    for name in COLUMNS:
        column = table.column(name)
        if BY_NAME[name].kind == "coordinate":  # micro-degrees: no float formatting differences
            column = pc.cast(pc.round(pc.multiply(column, 1e6)), pa.int64())
        parts.append(pc.fill_null(pc.cast(column, pa.string()), _NULL))
    joined = pc.binary_join_element_wise(*parts, _SEPARATOR).to_pylist()
    return [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in joined]


def _one_row_table(row: dict) -> pa.Table:
    types = {"date": pa.string(), "number": pa.int64(), "coordinate": pa.float64(), "text": pa.string()}
    return pa.table({name: pa.array([row[name]], types[BY_NAME[name].kind]) for name in COLUMNS})


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _stored_value(name: str, value: object) -> object:
    kind = BY_NAME[name].kind
    if value is None or (isinstance(value, str) and not value.strip() and kind != "text"):
        return None if kind != "text" else ""
    if kind == "date":
        return dt.date.fromisoformat(str(value)).isoformat()
    if kind == "number":
        return int(value)
    if kind == "coordinate":
        return float(value)
    return str(value)


def _typed_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow rows from the store as the frame the loader makes (dates, Int64, floats, categories),
    converted column by column in Arrow: no Python object per row."""
    frame = {}
    for spec in FIELDS:
        column = table.column(spec.name)
        if spec.kind == "date":
            parsed = pc.strptime(column.cast(pa.string()), format="%Y-%m-%d", unit="ms", error_is_null=True)
            frame[spec.name] = parsed.to_pandas().astype("datetime64[ms]")
        elif spec.kind == "number":
            numbers = column.cast(pa.int64()).combine_chunks()
            values = numbers.fill_null(0).to_numpy(zero_copy_only=False)
            frame[spec.name] = pd.arrays.IntegerArray(values, numbers.is_null().to_numpy(zero_copy_only=False))
        elif spec.kind == "coordinate":
            frame[spec.name] = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
        else:
            text = column.cast(pa.string()).fill_null("")
            frame[spec.name] = text.dictionary_encode().to_pandas() if spec.name in CATEGORY_COLUMNS \
                else text.to_pandas().astype("str")
    return pd.DataFrame(frame, index=pd.RangeIndex(table.num_rows))[list(COLUMNS)]


def normal_id(event_id: str) -> str:
    """An event id as the store keeps it: Unicode NFC, so that ``café-1`` typed either way is one event."""
    return unicodedata.normalize("NFC", str(event_id))


def _prepare_sqlite_file(path: Path, shown: str) -> bool:
    """Check the store's path and make a new file private (0600; SQLite gives its -wal and -shm files the same
    mode); True when the file can only be read (a read-only file system or folder)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            raise StoreError(f"the store {shown!r} is a symbolic link to {os.readlink(path)!r}, which does not exist; "
                             "remove the link or create its target folder") from None
        info = None
    except OSError as exc:
        raise StoreError(f"the store {shown!r} cannot be opened: {exc.strerror or exc}") from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise StoreError(f"the store {shown!r} is a directory; DEPLOYMAP_DATABASE must name an SQLite file")
        if not stat.S_ISREG(info.st_mode):
            raise StoreError(f"the store {shown!r} is not a regular file")
        return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK) or _read_only_file_system(path)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass  # another process made it meanwhile
    except OSError as exc:
        raise StoreError(f"the store {shown!r} cannot be created: {exc.strerror or exc}") from None
    return False


def _read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    text = " ".join(str(original).split())
    return text[:300] or type(original).__name__
