"""Stores written by released versions open with today's code, with everything they held.

The stores in ``tests/stores/`` were made by ``tests/stores/make_store.py`` with the code of the commit
in their name (a62b8db: before the ``counts`` field; 0460b5e: the schema as it was before named
migrations; 708a720: named migrations up to ``0003_source_aliases`` and ``add_field_counts``, before
``0004_versions_by_event``). Add one here for every release that changes the schema.
"""

from __future__ import annotations

import glob
import json
import shutil
import subprocess

import adbc_driver_postgresql.dbapi as pg
import adbc_driver_sqlite.dbapi as sqlite
import pytest

from deploymap.ingest.events_file import read_events
from deploymap.store import migrations
from deploymap.store.database import RETRACTED_COLUMN, Database, StoreError

from .conftest import ROOT, new_postgres_database

STORES = ROOT / "tests" / "stores"
HELD = ("SELECT count(*) FROM event_versions", "SELECT count(*) FROM changes", "SELECT count(*) FROM reports")


def facts(connection) -> dict:
    """What a store holds, read with plain SQL: it must be the same before and after an upgrade."""
    with connection.cursor() as cursor:
        found = {}
        for statement in HELD:
            cursor.execute(statement)
            found[statement] = cursor.fetchone()[0]
        cursor.execute("SELECT event_id, version_id, change_id, superseded_by, retracted, troops, summary, quote, "
                       "latitude FROM event_versions ORDER BY version_id")
        found["versions"] = [tuple(str(v) for v in row) for row in cursor.fetchall()]
        cursor.execute("SELECT id, at, actor, action, origin, detail FROM changes ORDER BY id")
        found["changes"] = cursor.fetchall()
        cursor.execute("SELECT sha256, name, text FROM reports ORDER BY sha256")
        found["reports"] = cursor.fetchall()
    return found


def check_upgraded(database: Database, before: dict, after: dict) -> None:
    assert after == before  # every version, change and report, as it was
    every = database.snapshot(include_retracted=True)
    assert len(every) == 26 and len(database.snapshot()) == 25
    retracted = set(every.loc[every[RETRACTED_COLUMN], "event_id"])
    assert retracted == {"dprk-2024-002"}  # up-3 was retracted and restored
    assert "counts" in every.columns and set(every["counts"].astype(str)) <= {"", "troops", "killed"}
    versions = database.versions("up-1")
    assert [v.action for v in versions] == ["import", "correct"]
    assert ("troops", "100", "120") in versions[1].differences and "nan" not in versions[1].describe().lower()
    khabarovsk = database.versions("up-2")
    assert khabarovsk[-1].differences == (("summary", "Troops in Khabarovsk, {{7*7}} =1+1", "Troops in Khabarovsk, seen again"),)
    assert [v.action for v in database.versions("up-3")] == ["import", "retract", "restore"]
    seed = read_events(ROOT / "data" / "events.csv")
    result = database.import_events(seed, origin="events.csv again")
    assert (result.added, result.changed) == (0, 0)  # hashes were made again the way today's code makes them
    database.correct("up-2", {"troops": 40}, reason="after the upgrade", actor="tester")
    assert database.versions("up-2")[-1].differences == (("troops", "", "40"),)


@pytest.mark.parametrize("name", ["v1-a62b8db.sqlite", "v1-0460b5e.sqlite", "v2-708a720.sqlite"])
def test_a_released_sqlite_store_opens_with_everything_it_held(tmp_path, name):
    path = tmp_path / name
    shutil.copy(STORES / name, path)
    with sqlite.connect(str(path)) as connection:
        before = facts(connection)
    database = Database(f"sqlite:///{path}")
    with sqlite.connect(str(path)) as connection:
        after = facts(connection)
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM schema_migrations ORDER BY name")
            applied = [row[0] for row in cursor.fetchall()]
    assert applied == sorted(step.name for step in migrations.steps())
    check_upgraded(database, before, after)
    assert Database(f"sqlite:///{path}").version() == database.version()  # opening again changes nothing


@pytest.mark.parametrize("name", ["v1-0460b5e.postgresql.sql", "v2-708a720.postgresql.sql"])
def test_a_released_postgresql_store_opens_with_everything_it_held(postgres_server, name):
    url = new_postgres_database(postgres_server)
    psql = shutil.which("psql") or (sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) or [None])[-1]
    if psql is None:
        pytest.skip("psql is not installed")
    done = subprocess.run([psql, "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", str(STORES / name)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    with pg.connect(url) as connection:
        before = facts(connection)
    database = Database(url)
    with pg.connect(url) as connection:
        after = facts(connection)
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM schema_migrations ORDER BY name")
            applied = [row[0] for row in cursor.fetchall()]
    assert applied == sorted(step.name for step in migrations.steps())
    check_upgraded(database, before, after)


def test_a_store_upgraded_by_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite"
    Database(f"sqlite:///{path}")
    with sqlite.connect(str(path), autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_from_the_future', 'later')")
        cursor.execute("UPDATE store_lock SET schema_signature = 'another'")
    with pytest.raises(StoreError, match=r"upgraded by a newer deploymap .*9999_from_the_future.* upgrade deploymap"):
        Database(f"sqlite:///{path}")


def test_an_up_to_date_store_opens_with_one_read(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    Database(url)
    monkeypatch.setattr(migrations, "upgrade", lambda *a: pytest.fail("an up-to-date store was upgraded again"))
    Database(url)


def test_the_migration_steps_are_named_once_and_in_order():
    names = [step.name for step in migrations.steps()]
    assert len(names) == len(set(names)) and names[:2] == ["0001_initial", "0002_versions_record_changed_fields"]
    assert "add_field_counts" in names
    assert json.dumps(names)  # names are plain text, recorded in the store


@pytest.mark.parametrize(("names", "definitions"), [
    ({"columns": ["event_id", "source); DROP TABLE changes; --"]}, ()),
    ({}, [("counts", "TEXT; DROP TABLE changes")]),
    ({}, [("Counts", "TEXT")]),
])
def test_a_schema_statement_takes_only_plain_names_and_declared_types(names, definitions):
    with pytest.raises(StoreError):
        migrations.schema_sql("SELECT $columns FROM event_versions; ALTER TABLE t ADD COLUMN $definitions", names=names,
                   definitions=definitions)


def test_a_schema_statement_is_built_from_its_checked_parts():
    statement = migrations.schema_sql("ALTER TABLE event_versions ADD COLUMN $definitions",
                           definitions=[("counts", "TEXT NOT NULL DEFAULT ''")])
    assert statement == "ALTER TABLE event_versions ADD COLUMN counts TEXT NOT NULL DEFAULT ''"
