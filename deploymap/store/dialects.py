"""What differs between the store's backends, each in one small object: connecting, placeholders,
the write lock, types, and how to list what a database holds.

A third backend is one more class here (and its driver): ``Database``, the migrations and the row
conversions only ever ask a dialect.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import stat
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote

from deploymap.errors import DeploymapError
from deploymap.store.address import StoreAddress

BUSY_TIMEOUT = "PRAGMA busy_timeout = 30000"  # milliseconds a writer waits for another, instead of failing
MIGRATION_LOCK = 7_204_241_018  # PostgreSQL advisory lock: one migrator at a time


class StoreError(DeploymapError):
    """The store cannot be opened, read or changed as asked."""


class Dialect:
    """The common part; each backend's class fills in what it does its own way."""

    name: ClassVar[str] = ""
    types: ClassVar[dict[str, str]] = {"text": "TEXT", "integer": "BIGINT", "real": "DOUBLE PRECISION",
                                       "boolean": "BOOLEAN"}
    serial: ClassVar[str] = ""  # an auto-numbered primary key
    autocommit_writes: ClassVar[bool] = False  # whether a write transaction is begun by hand

    def __init__(self, address: StoreAddress) -> None:
        self.address = address
        self.read_only = False

    def prepare(self) -> None:
        """Before the first connection: check where the store lives (and note if it can only be read)."""

    def connect(self, autocommit: bool, connect_timeout: float, statement_timeout: float):
        raise NotImplementedError

    def sql(self, statement: str) -> str:
        """Statements are written with ``?`` placeholders; a dialect may number them."""
        return statement

    def begin_write(self, cursor) -> None:
        """The first statement of a write: it takes the store's write lock."""
        raise NotImplementedError

    def end_write(self, cursor, connection) -> None:
        raise NotImplementedError

    def abandon_write(self, cursor, connection) -> None:
        with contextlib.suppress(Exception):
            connection.rollback()

    def begin_upgrade(self, cursor) -> None:
        """The first statement of a schema upgrade: one upgrader at a time."""
        raise NotImplementedError

    def after_open(self, cursor) -> None:
        """Once per opening, outside any transaction (SQLite switches to WAL here)."""

    def read_whole(self, cursor) -> None:
        """Before a read into Arrow: infer column types from the whole result."""

    def tables_sql(self) -> str:
        raise NotImplementedError

    def columns_sql(self) -> str:
        """Names of the columns of the table bound as the one parameter."""
        raise NotImplementedError

    def missing_table(self, error: Exception) -> bool:
        return bool(re.search(r"no such table|does not exist", str(error), re.IGNORECASE))


class SQLite(Dialect):
    """An embedded file; WAL mode, so readers never wait for a writer; BEGIN IMMEDIATE takes the lock."""

    name = "sqlite"
    serial = "INTEGER PRIMARY KEY AUTOINCREMENT"
    autocommit_writes = True

    def prepare(self) -> None:
        self.read_only = _prepare_file(Path(self.address.path), self.address.shown())

    def connect(self, autocommit: bool, connect_timeout: float, statement_timeout: float):
        import adbc_driver_sqlite.dbapi as adbc

        where = self.address.path
        if self.read_only:
            # Read-only: SQLite reads a WAL store when its -wal and -shm files exist; without them nothing
            # is pending, and "immutable" lets it read the file without creating them.
            pending = os.path.exists(where + "-wal") and os.path.exists(where + "-shm")
            where = f"file:{quote(where)}?mode=ro" + ("" if pending else "&immutable=1")
        connection = adbc.connect(where, autocommit=autocommit)
        with connection.cursor() as cursor:
            cursor.execute(BUSY_TIMEOUT)  # wait for a writer, don't fail
            cursor.execute("PRAGMA foreign_keys = ON")
        return connection

    def begin_write(self, cursor) -> None:
        cursor.execute("BEGIN IMMEDIATE")

    def end_write(self, cursor, connection) -> None:
        cursor.execute("UPDATE store_lock SET writes = writes + 1")
        cursor.execute("COMMIT")

    def abandon_write(self, cursor, connection) -> None:
        with contextlib.suppress(Exception):
            cursor.execute("ROLLBACK")

    def begin_upgrade(self, cursor) -> None:
        cursor.execute("BEGIN IMMEDIATE")

    def after_open(self, cursor) -> None:
        cursor.execute("PRAGMA journal_mode")
        if str(cursor.fetchone()[0]).lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")  # kept in the file
            cursor.fetchall()

    def read_whole(self, cursor) -> None:
        cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": str(2**30)})

    def tables_sql(self) -> str:
        return "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"

    def columns_sql(self) -> str:
        return "SELECT name FROM pragma_table_info(?)"


class PostgreSQL(Dialect):
    """A server shared by a team; the first statement of a write locks the row of ``store_lock``."""

    name = "postgresql"
    serial = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

    def connect(self, autocommit: bool, connect_timeout: float, statement_timeout: float):
        import adbc_driver_postgresql.dbapi as adbc

        return adbc.connect(self.address.libpq(connect_timeout, statement_timeout))

    def sql(self, statement: str) -> str:
        counter = itertools.count(1)
        return re.sub(r"\?", lambda m: f"${next(counter)}", statement)

    def begin_write(self, cursor) -> None:
        cursor.execute("UPDATE store_lock SET writes = writes + 1")

    def end_write(self, cursor, connection) -> None:
        connection.commit()

    def begin_upgrade(self, cursor) -> None:
        cursor.execute("SELECT pg_advisory_xact_lock($1)", (MIGRATION_LOCK,))

    def tables_sql(self) -> str:
        return ("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "ORDER BY table_name")

    def columns_sql(self) -> str:
        return ("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = $1 ORDER BY ordinal_position")


DIALECTS: dict[str, type[Dialect]] = {"sqlite": SQLite, "postgresql": PostgreSQL}


def dialect_for(address: StoreAddress) -> Dialect:
    return DIALECTS[address.backend](address)


def _prepare_file(path: Path, shown: str) -> bool:
    """Check the store's path and make a new file private (0600; SQLite gives its -wal and -shm files the
    same mode); True when the file can only be read (a read-only file system or folder)."""
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
