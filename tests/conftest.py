"""Shared fixtures. Tests never reach the network: any connection beyond this machine fails."""

from __future__ import annotations

import csv
import ipaddress
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from deploymap.fields import COLUMNS

ROOT = Path(__file__).resolve().parent.parent

_real_connect = socket.socket.connect


def _local_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and host not in ("localhost",):
        try:
            local = ipaddress.ip_address(host).is_loopback
        except ValueError:
            local = False
        if not local:
            raise OSError(f"tests may not reach the network; tried to connect to {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _local_only)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory) -> Path:
    """A cache folder for the gazetteer index, shared by the session (built once, ~seconds)."""
    return tmp_path_factory.mktemp("deploymap-cache")


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, cache_dir, tmp_path):
    monkeypatch.setenv("DEPLOYMAP_CACHE_DIR", str(cache_dir))
    # No user's settings file leaks in: tests run on defaults unless they write their own.
    monkeypatch.setenv("DEPLOYMAP_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("DEPLOYMAP_EVENTS", raising=False)
    # Each test has its own store: nothing is written to the project's var/ folder.
    monkeypatch.setenv("DEPLOYMAP_DATABASE", f"sqlite:///{tmp_path / 'store' / 'deploymap.sqlite'}")


@pytest.fixture(scope="session")
def gazetteer(cache_dir):
    from geo.gazetteer import Gazetteer

    return Gazetteer.default(cache_dir)


def event_row(**overrides) -> dict[str, str]:
    """A valid events-file row; override any cell."""
    row = {
        "event_id": "e1",
        "event_date": "2024-10-18",
        "end_date": "",
        "reported_date": "2024-10-18",
        "event_type": "deployment",
        "status": "reported",
        "source": "NIS (South Korea)",
        "location": "Vladivostok",
        "country": "RU",
        "latitude": "43.10562",
        "longitude": "131.87353",
        "geo_precision": "city",
        "troops": "",
        "summary": "Troops stationed.",
        "quote": "Troops are stationed.",
        "report": "r.txt",
        "fatalities": "",
        "sub_event_type": "",
        "actor1": "",
        "actor2": "",
        "wording": "",
        "provenance": "",
        "counts": "",
    }
    row.update(overrides)
    return row


def write_events(path: Path, rows: list[dict], columns=COLUMNS) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, list(columns), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


# Property tests: a bounded, reproducible run in CI (fixed seed via derandomize), more locally.
settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("dev", max_examples=100, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_server():
    """A throw-away PostgreSQL cluster on a free local port, for the session: ``DEPLOYMAP_TEST_POSTGRES``
    if set, else started here from Debian's binaries (as the ``postgres`` user when run as root).
    Skipped where PostgreSQL is not installed, except under CI=true, where that is a failure."""
    import glob
    import shutil
    import subprocess
    import tempfile

    given = os.environ.get("DEPLOYMAP_TEST_POSTGRES")
    if given:
        yield given
        return
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI needs PostgreSQL (apt-get install postgresql)", pytrace=False)
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    bindir = Path(found[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="deploymap-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    run = lambda *command: subprocess.run([*as_user, *command], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres", "--no-sync")
    run(str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w", "-o",
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60", "start")
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


def new_postgres_database(server: str) -> str:
    """A new, empty database on the test server; its URL."""
    import uuid

    import adbc_driver_postgresql.dbapi as adbc

    name = f"test_{uuid.uuid4().hex[:12]}"
    with adbc.connect(f"{server}/postgres", autocommit=True) as connection, connection.cursor() as cursor:
        cursor.execute("CREATE DATABASE " + name)  # a generated identifier (no bind parameter exists for one)
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """An empty store on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store' / 'deploymap.sqlite'}"
    return new_postgres_database(request.getfixturevalue("postgres_server"))


ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
                "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
                "tags,timestamp")


def acled_row(**overrides) -> dict[str, str]:
    """A row as an ACLED export has it (test data, not ACLED's); override any cell."""
    row = dict.fromkeys(ACLED_HEADER.split(","), "")
    row.update({
        "event_id_cnty": "RUS9001", "event_date": "2024-12-14", "year": "2024", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Russia (2000-)", "inter1": "8", "actor2": "Military Forces of Ukraine (2019-)",
        "inter2": "8", "interaction": "88", "iso": "643", "region": "Europe", "country": "Russia", "admin1": "Kursk",
        "location": "Sudzha", "latitude": "51.1903", "longitude": "35.2706", "geo_precision": "2",
        "source": "Ukrainska Pravda; Kyiv Independent", "source_scale": "National-International",
        "notes": 'On 14 December 2024, Russian and North Korean forces attacked near Sudzha, "with infantry", '
                 "per Ukrainian officials.\nTest row, not ACLED data.",
        "fatalities": "3", "tags": "", "timestamp": "1734480000",
    })
    row.update(overrides)
    return row


def write_acled(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, ACLED_HEADER.split(","), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def main_module_restored():
    """AppTest installs each script it runs as ``__main__`` and leaves it there; a process spawned later (the
    load test's workers) would run that script. Put the real one back after every test."""
    import sys

    main = sys.modules.get("__main__")
    yield
    if main is not None:
        sys.modules["__main__"] = main
