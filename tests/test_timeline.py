"""Time on the page, as data: events per period, figures over time, a brush's dates, a quote in context."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from deploymap.ingest.events_file import read_events
from deploymap.ingest.typed_copy import prepare_events
from deploymap.view.timeline import brushed_dates, figures_over_time, per_period, quote_in_report

from .conftest import event_row, write_events

D = dt.date


@pytest.fixture
def events(tmp_path):
    rows = [event_row(event_id="a", event_date="2024-10-08", troops="1500", status="reported"),
            event_row(event_id="b", event_date="2024-10-18", troops="10000", status="confirmed"),
            event_row(event_id="c", event_date="2024-10-18", troops="100", counts="killed"),
            event_row(event_id="d", event_date="2024-10-19")]
    return prepare_events(read_events(write_events(tmp_path / "e.csv", rows)))


def test_events_per_day_for_a_short_span(events):
    counts = per_period(events, np.ones(len(events), dtype=bool))
    assert counts.attrs["bucket"] == "day"
    assert [(str(p.date()), n) for p, n in zip(counts["period"], counts["events"], strict=True)] == \
        [("2024-10-08", 1), ("2024-10-18", 2), ("2024-10-19", 1)]


def test_events_per_week_from_monday_over_a_long_span(tmp_path):
    rows = [event_row(event_id="x", event_date="2024-01-03"), event_row(event_id="y", event_date="2024-12-31"),
            event_row(event_id="z", event_date="2024-12-30")]
    events = prepare_events(read_events(write_events(tmp_path / "e.csv", rows)))
    counts = per_period(events, np.ones(3, dtype=bool))
    assert counts.attrs["bucket"] == "week"
    assert [(str(p.date()), n) for p, n in zip(counts["period"], counts["events"], strict=True)] == \
        [("2024-01-01", 1), ("2024-12-30", 2)]


def test_figures_over_time_say_what_they_count(events):
    keep = events["event_id"].isin(["a", "b", "c"]).to_numpy()
    points = figures_over_time(events, keep).sort_values("figure")
    assert points[["figure", "counts", "status"]].values.tolist() == [
        [100, "killed", "reported"], [1500, "troops", "reported"], [10000, "troops", "confirmed"]]


def test_beyond_the_cap_the_largest_figures_are_drawn_and_all_are_counted(events, monkeypatch):
    import deploymap.view.timeline as timeline

    monkeypatch.setattr(timeline, "MAX_POINTS", 2)
    points = figures_over_time(events, np.ones(len(events), dtype=bool))
    assert sorted(points["figure"]) == [1500, 10000] and points.attrs["stated"] == 3
    none = figures_over_time(events, np.zeros(len(events), dtype=bool))
    assert none.empty and none.attrs["stated"] == 0


@pytest.mark.parametrize(("selection", "expected"), [
    ({"period": [1728345600000, 1729209600000]}, (D(2024, 10, 8), D(2024, 10, 18))),
    ({"period": ["2024-10-20T00:00:00", "2024-10-10"]}, (D(2024, 10, 10), D(2024, 10, 19))),  # sorted, clamped
    ({"period": [0, 1]}, None),  # before the data
    ({}, None), (None, None), ({"period": ["soon", "later"]}, None),
])
def test_brushed_dates(selection, expected):
    assert brushed_dates(selection, D(2024, 10, 1), D(2024, 10, 19)) == expected


def test_a_quote_is_shown_in_its_context():
    text = "First line.\n" + "word " * 200 + "The claim sentence. " + "after " * 200
    before, quote, after = quote_in_report(text, "The claim sentence.")
    assert quote == "The claim sentence." and before.startswith("…") and after.endswith("…")
    assert len(before) < 450 and len(after) < 450
    assert quote_in_report(text, "not there") is None
