"""CSV export: exactly the rows given, schema order, spreadsheet-safe, UTF-8 that Excel reads."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from deploymap.fields import COLUMNS
from deploymap.ingest.events_file import read_events
from deploymap.kinds import neutralize_formula
from deploymap.view.export import events_to_csv, export_file_name

from .conftest import event_row, write_events


@pytest.mark.parametrize(
    ("cell", "exported"),
    [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("plain text", "plain text"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralize_formula(cell, exported):
    assert neutralize_formula(cell) == exported


def _rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_export_neutralises_formulas_in_every_text_column(tmp_path):
    hostile = event_row(summary="=cmd|' /C calc'!A0", source="@evil", location="+Place", quote="-1+1 is a formula")
    events = read_events(write_events(tmp_path / "e.csv", [hostile]))
    # Formula-looking text survives loading unchanged; only the export defuses it.
    row = _rows(events_to_csv(events))[0]
    assert row["summary"] == "'=cmd|' /C calc'!A0"
    assert row["source"] == "'@evil"
    assert row["location"] == "'+Place"
    assert row["quote"] == "'-1+1 is a formula"


def test_negative_coordinates_stay_numbers(tmp_path):
    events = read_events(write_events(tmp_path / "e.csv", [event_row(latitude="-33.86882", longitude="-151.20930")]))
    row = _rows(events_to_csv(events))[0]
    assert (row["latitude"], row["longitude"]) == ("-33.86882", "-151.2093")


def test_export_keeps_schema_order_and_unicode(tmp_path):
    rows = [event_row(location="Благовещенск", summary="블라고베셴스크 주둔", troops="1500", end_date="2024-10-20"),
            event_row(event_id="e2", location="", latitude="", longitude="", country="", geo_precision="")]
    events = read_events(write_events(tmp_path / "e.csv", rows))
    data = events_to_csv(events)
    parsed = _rows(data)
    assert list(parsed[0]) == list(COLUMNS)
    assert parsed[0]["location"] == "Благовещенск" and parsed[0]["summary"] == "블라고베셴스크 주둔"
    assert parsed[0]["troops"] == "1500" and parsed[0]["end_date"] == "2024-10-20"
    assert parsed[1]["latitude"] == "" and parsed[1]["troops"] == "" and parsed[1]["end_date"] == ""
    assert read_events(write_events(tmp_path / "again.csv", parsed))["event_id"].tolist() == ["e1", "e2"]


def test_file_name_says_the_date_range(tmp_path):
    events = read_events(write_events(tmp_path / "e.csv", [
        event_row(event_date="2024-06-01", end_date="2024-06-30"), event_row(event_id="e2", event_date="2024-11-01")]))
    assert export_file_name(events, None, None) == "deploymap-events-2024-06-01-to-2024-11-01.csv"
    assert export_file_name(events, dt.date(2024, 10, 1), None) == "deploymap-events-2024-10-01-to-2024-11-01.csv"
    assert export_file_name(events.iloc[0:0], None, None) == "deploymap-events-empty.csv"


@pytest.mark.parametrize(("choices", "ranges", "text", "expected"), [
    ({}, {}, "", ""),
    ({"source": ("NATO",)}, {}, "", "source-nato"),
    ({"location": ("Kursk region", "Курск")}, {}, "", "location-kursk-region+x"),
    ({"source": ("A", "B", "C")}, {"troops": (1000, None)}, "uniforms", "source-3-values_troops-1000-_q-uniforms"),
    ({"source": ("../../etc/passwd; rm -rf ~",)}, {}, "", "source-etc-passwd-rm-rf"),
    ({"source": ("x" * 500,)}, {}, "y" * 500, "source-" + "x" * 30 + "_q-" + "y" * 30),
])
def test_download_names_carry_the_filters_in_a_safe_short_form(choices, ranges, text, expected):
    from deploymap.view.export import MAX_NAME_WORDS, filter_words

    found = filter_words(choices, ranges, text)
    assert found == expected[:MAX_NAME_WORDS] and re.fullmatch(r"[a-z0-9_+-]*", found)
