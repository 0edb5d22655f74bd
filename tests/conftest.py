"""Shared fixtures. Tests never reach the network: any connection beyond this machine fails."""

from __future__ import annotations

import csv
import ipaddress
import os
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from deploymap.schema import COLUMNS

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
