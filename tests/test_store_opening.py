"""Opening a store safely: secrets never shown, a stalled server gives up, other programs' databases are
left alone, a read-only store is shown read-only, a new file is private, large batches bind in parts."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest

from deploymap.store.address import parse
from deploymap.store.database import BATCH, Database, StoreError
from deploymap.view.dataset import open_store

from .conftest import ROOT

SECRET = "s3cr/et@pw"


@pytest.mark.parametrize("url", [
    "postgresql://bob:s3cr/et@pw@db.example:5433/events",
    "postgresql://bob:s3cr%2Fet%40pw@db.example:5433/events",
    "postgresql://bob@db.example/events?password=s3cr/et@pw&sslmode=require",
    "postgresql://db.example/events?passfile=/home/bob/s3cr/et@pw&sslpassword=s3cr/et@pw",
    "postgres://bob:s3cr/et@pw@[::1]:5432/events",
])
def test_a_password_in_any_form_is_never_shown(url):
    address = parse(url)
    assert SECRET not in address.shown() and "s3cr" not in address.shown()
    assert "db.example" in address.shown() or "[::1]" in address.shown()
    assert address.where() in ("db.example:5433", "db.example", "[::1]:5432")


def test_a_password_with_a_raw_slash_or_at_is_read_whole_and_encoded_for_libpq():
    address = parse("postgresql://bob:s3cr/et@pw@db.example:5433/events?sslmode=require")
    assert (address.user, address.password, address.host, address.port, address.database) == \
        ("bob", SECRET, "db.example", "5433", "events")
    assert "bob:s3cr%2Fet%40pw@db.example:5433/events?" in address.libpq()
    assert "connect_timeout=5" in address.libpq() and "statement_timeout%3D" in address.libpq()
    assert "connect_timeout=9" in parse("postgresql://h/d?connect_timeout=9").libpq()  # the URL's own wins


@pytest.mark.parametrize("url", ["mysql://bob:s3cr/et@pw@host/db", "bob:s3cr/et@pw@host", "sqlite://relative.db",
                                 "postgresql://bob:pw@host:port/db?password=s3cr/et@pw"])
def test_a_bad_url_is_named_without_its_secrets(url):
    with pytest.raises(StoreError) as caught:
        Database(url)
    assert "s3cr" not in str(caught.value)


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_gives_a_plain_message_naming_the_host(silent_server, tmp_path):
    url = f"postgresql://bob:{SECRET.replace('@', '%40')}@127.0.0.1:{silent_server}/events"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_DATABASE": url,
           "DEPLOYMAP_CONFIG": str(tmp_path / "none.toml")}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "deploymap", "log"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert time.monotonic() - started < 20
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"127.0.0.1:{silent_server} did not answer within 5 s" in done.stderr
    assert "s3cr" not in done.stderr + done.stdout


def test_the_connect_timeout_is_configurable(silent_server, tmp_path):
    (tmp_path / "deploymap.toml").write_text("[store]\nconnect_timeout_seconds = 2\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_DATABASE": f"postgresql://127.0.0.1:{silent_server}/x",
           "DEPLOYMAP_CONFIG": str(tmp_path / "deploymap.toml")}
    done = subprocess.run([sys.executable, "-m", "deploymap", "log"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "did not answer within 2 s" in done.stderr


def test_another_programs_sqlite_database_is_left_as_it_was(tmp_path):
    import adbc_driver_sqlite.dbapi as adbc

    path = tmp_path / "other.sqlite"
    with adbc.connect(str(path), autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE invoices (id INTEGER)")
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "delete"
    before = path.read_bytes()
    with pytest.raises(StoreError, match=r"not a deploymap store: it holds other tables \('invoices'\)"):
        open_store(f"sqlite:///{path}")
    assert path.read_bytes() == before and not (tmp_path / "other.sqlite-wal").exists()


def test_another_programs_postgresql_database_is_left_as_it_was(postgres_server):
    import adbc_driver_postgresql.dbapi as adbc

    from .conftest import new_postgres_database

    url = new_postgres_database(postgres_server)
    with adbc.connect(url, autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(StoreError, match="not a deploymap store"):
        open_store(url)
    with adbc.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()")
        assert cursor.fetchone()[0] == 1


def test_a_new_store_file_is_private(tmp_path):
    path = tmp_path / "var" / "deploymap.sqlite"
    open_store(f"sqlite:///{path}")
    for name in ("deploymap.sqlite", "deploymap.sqlite-wal", "deploymap.sqlite-shm"):
        if (path.parent / name).exists():
            assert stat.S_IMODE((path.parent / name).stat().st_mode) == 0o600, name
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_directory_or_a_dangling_link_is_named(tmp_path):
    (tmp_path / "dir.sqlite").mkdir()
    with pytest.raises(StoreError, match="is a directory"):
        Database(f"sqlite:///{tmp_path / 'dir.sqlite'}")
    (tmp_path / "link.sqlite").symlink_to(tmp_path / "missing" / "store.sqlite")
    with pytest.raises(StoreError, match=r"symbolic link to .* which does not exist"):
        Database(f"sqlite:///{tmp_path / 'link.sqlite'}")


def test_a_damaged_schema_version_is_named(tmp_path):
    import adbc_driver_sqlite.dbapi as adbc

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Database(url)
    with adbc.connect(str(tmp_path / "s.sqlite"), autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("UPDATE store_lock SET schema_version = -1")
    with pytest.raises(StoreError, match="records schema version -1, which no deploymap writes"):
        Database(url)


def test_a_store_on_a_read_only_file_system_is_shown_and_not_changed(tmp_path):
    if not shutil_which("unshare"):
        pytest.skip("needs unshare (util-linux) for a read-only mount")
    folder = tmp_path / "ro"
    url = f"sqlite:///{folder / 'store.sqlite'}"
    open_store(url)  # seeded, in WAL mode, then mounted read-only below
    script = ("import sys; sys.path.insert(0, sys.argv[2])\n"
              "from deploymap.view.dataset import open_store\n"
              "from deploymap.store.database import StoreError\n"
              "d = open_store(sys.argv[1]); print(d.read_only, len(d.snapshot()))\n"
              "try:\n    d.retract('dprk-2024-001', 'test')\nexcept StoreError as e:\n    print('refused:', e)\n")
    mount = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    command = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", mount, "sh", str(folder),
               sys.executable, "-c", script, url, str(ROOT)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "True 21"
    assert "refused:" in done.stdout and "read-only file system" in done.stdout


def test_ten_thousand_sources_are_looked_up_in_batches(store_url):
    database = open_store(store_url)
    names = [f"source {i}" for i in range(BATCH * 20 + 7)]
    assert database.by_sources(names).empty
    assert len(database.by_sources(["NATO", *names])) == 2


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)
