"""The shipped dataset: every claim of the report, verbatim, geocoded by the program."""

from __future__ import annotations

import csv

import pytest

from deploymap.fields import COLUMNS, EVENT_TYPES
from deploymap.ingest.events_file import read_events
from geo.gazetteer import distance_km

from .conftest import ROOT

EVENTS = ROOT / "data" / "events.csv"
SITES = {  # GeoNames coordinates of the four deployment sites the report names
    "Vladivostok": (43.10562, 131.87353),
    "Ussuriysk": (43.80467, 131.95734),
    "Khabarovsk": (48.46204, 135.0971),
    "Blagoveshchensk": (50.27593, 127.52637),
}


@pytest.fixture(scope="module")
def events():
    return read_events(EVENTS)


def test_header_is_the_public_schema():
    with EVENTS.open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == list(COLUMNS)


def test_every_quote_is_verbatim_in_its_report(events):
    for row in events.itertuples():
        report = ROOT / "data" / "reports" / row.report
        assert report.is_file(), f"{row.event_id}: report {row.report!r} is not shipped"
        assert row.quote in report.read_text(encoding="utf-8"), f"{row.event_id}: quote not found verbatim"
        assert row.source and row.summary


def test_the_report_is_fully_covered(events):
    assert 15 <= len(events) <= 25
    assert set(events["event_type"].astype(str)) <= set(EVENT_TYPES)
    troops = set(events["troops"].dropna().astype(int))
    assert {1500, 10000, 12000} <= troops
    assert "2024-11-01" in set(events["event_date"].dt.strftime("%Y-%m-%d"))  # DIU: combat-ready from 1 Nov
    transport = events[events["event_type"] == "transport"]
    assert ("2024-10-08", "2024-10-13") in set(
        zip(transport["event_date"].dt.strftime("%Y-%m-%d"), transport["end_date"].dt.strftime("%Y-%m-%d"), strict=True))
    sources = set(events["source"].astype(str))
    assert {"NIS (South Korea)", "NATO", "EU", "DIU (Ukraine)", "Presidential Office (South Korea)"} <= sources


def test_the_four_sites_are_four_rows_within_10_km_of_geonames(events):
    stationed = events[events["location"].isin(list(SITES))]
    assert sorted(stationed["location"].astype(str)) == sorted(SITES)
    assert stationed["quote"].nunique() == 1  # one NIS claim, one row per place
    for row in stationed.itertuples():
        assert distance_km((row.latitude, row.longitude), SITES[row.location]) < 10
        assert row.country == "RU" and row.geo_precision == "city"


def test_rows_without_a_place_are_kept_and_never_at_null_island(events):
    unplaced = events[events["location"].astype(str) == ""]
    assert len(unplaced) > 0
    assert unplaced["latitude"].isna().all()
    assert not ((events["latitude"] == 0) & (events["longitude"] == 0)).any()


def test_the_readme_schema_is_the_declared_one():
    from deploymap.fields import schema_markdown

    assert schema_markdown() in (ROOT / "README.md").read_text(encoding="utf-8")
