"""Filters: date overlap, lists, text; newest first."""

from __future__ import annotations

import datetime as dt

import pytest

from deploymap.ingest.events_file import read_events
from deploymap.ingest.typed_copy import prepare_events
from deploymap.view.filters import NO_LOCATION, EventFilter, apply_filter, options

from .conftest import event_row, write_events

D = dt.date


@pytest.fixture
def events(tmp_path):
    rows = [
        event_row(event_id="ship", event_date="2024-10-08", end_date="2024-10-13", event_type="transport",
                  location="", latitude="", longitude="", country="", summary="Ships sail", quote="Sent by sea."),
        event_row(event_id="vlad", location="Vladivostok", summary="Stationed", quote="Troops in VLADIVOSTOK."),
        event_row(event_id="nato", source="NATO", location="Brussels", country="BE", latitude="50.85",
                  longitude="4.35", event_type="statement", summary="Rutte speaks", quote="Close contact."),
        event_row(event_id="diu", event_date="2024-11-01", source="DIU (Ukraine)", location="", latitude="",
                  longitude="", country="", event_type="readiness", status="expected", summary="Combat-ready",
                  quote="Ready from November 1."),
    ]
    return prepare_events(read_events(write_events(tmp_path / "e.csv", rows)))


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (EventFilter(), ["diu", "nato", "vlad", "ship"]),
        (EventFilter(start=D(2024, 10, 10), end=D(2024, 10, 10)), ["ship"]),  # inside the shipping period
        (EventFilter(start=D(2024, 10, 13), end=D(2024, 10, 13)), ["ship"]),  # its last day
        (EventFilter(start=D(2024, 10, 14), end=D(2024, 10, 17)), []),
        (EventFilter(start=D(2024, 10, 19)), ["diu"]),
        (EventFilter(end=D(2024, 10, 7)), []),
        (EventFilter(choices={"source": ("NATO",)}), ["nato"]),
        (EventFilter(choices={"source": ("NATO", "DIU (Ukraine)")}), ["diu", "nato"]),
        (EventFilter(choices={"source": ("Nobody",)}), []),
        (EventFilter(choices={"location": ("Vladivostok",)}), ["vlad"]),
        (EventFilter(choices={"location": (NO_LOCATION,)}), ["diu", "ship"]),
        (EventFilter(choices={"event_type": ("transport", "readiness")}), ["diu", "ship"]),
        (EventFilter(choices={"status": ("expected",)}), ["diu"]),
        (EventFilter(text="vladivostok"), ["vlad"]),  # in the quote, any case
        (EventFilter(text="rutte"), ["nato"]),  # in the summary
        (EventFilter(text="(no"), []),  # text, not a regular expression
        (EventFilter(text="e", choices={"source": ("NIS (South Korea)",)}, start=D(2024, 10, 12)), ["vlad", "ship"]),
    ],
)
def test_filters(events, view, expected):
    assert apply_filter(events, view)["event_id"].tolist() == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("VLADIVOSTOK", ["vlad"]), ("vladivostok", ["vlad"]), ("stationed", ["vlad"]),  # quote or summary, any case
    ("sent by", ["ship"]), ("s.a", []), ("Ready from November 1.", ["diu"]), ("(", []),  # literal, never a pattern
])
def test_search_is_case_blind_and_literal(events, text, expected):
    assert apply_filter(events, EventFilter(text=text))["event_id"].tolist() == expected


def test_options_are_sorted_and_skip_empty(events):
    assert options(events, "location") == ["Brussels", "Vladivostok"]
    assert options(events, "source") == ["DIU (Ukraine)", "NATO", "NIS (South Korea)"]



def test_a_long_list_offers_the_values_with_most_events_and_the_empty_choice(tmp_path):
    from deploymap.view.filters import CHOICE_FILTERS

    rows = [event_row(event_id=f"e{i}", location=place) for i, place in
            enumerate(["Khabarovsk"] * 3 + ["Vladivostok"] * 2 + ["Seoul", "Ussuriysk", ""])]
    events = prepare_events(read_events(write_events(tmp_path / "e.csv", rows)))
    place = next(one for one in CHOICE_FILTERS if one.field.name == "location")
    assert place.offered(events) == place.options(events)  # a short list is listed whole
    assert place.offered(events, limit=2) == ["Khabarovsk", "Vladivostok", NO_LOCATION]


@pytest.mark.parametrize(("typed", "expected"), [
    (["seoul"], ("Seoul",)),
    (["SEOUL", "Khabarovsk"], ("Seoul", "Khabarovsk")),
    (["Nowhere"], ("Nowhere",)),  # kept as typed: it matches nothing, and the count says so
    ([], ()),
])
def test_typed_values_take_the_data_spelling(typed, expected):
    from deploymap.view.filters import Choice

    assert Choice.canonical(typed, ["Khabarovsk", "Seoul"]) == expected


@pytest.mark.parametrize(("values", "dtype", "expected"), [
    (["", "", None], "str", False), (["", "x"], "str", True), ([None, None], "str", False),
    (["", ""], "category", False), (["", "a"], "category", True), ([None, None], "category", False),
    ([None, None], "Int64", False), ([None, 3], "Int64", True), ([float("nan"), 1.5], "float64", True),
])
def test_has_values(values, dtype, expected):
    import pandas as pd

    from deploymap.fields import has_values

    assert has_values(pd.Series(values, dtype=dtype)) is expected


@pytest.mark.parametrize(("view", "field", "expected"), [
    (EventFilter(), "source", {"NIS (South Korea)": 2, "DIU (Ukraine)": 1, "NATO": 1}),
    (EventFilter(), "location", {NO_LOCATION: 2, "Brussels": 1, "Vladivostok": 1}),
    # a field's own choice leaves its other values counted; the other filters apply
    (EventFilter(choices={"source": ("NATO",)}), "source", {"NIS (South Korea)": 2, "DIU (Ukraine)": 1, "NATO": 1}),
    (EventFilter(choices={"source": ("NATO",)}), "location", {"Brussels": 1}),
    (EventFilter(choices={"location": (NO_LOCATION,)}), "source", {"DIU (Ukraine)": 1, "NIS (South Korea)": 1}),
    (EventFilter(text="troops"), "status", {"reported": 1}),
    (EventFilter(start=D(2024, 11, 1)), "status", {"expected": 1}),
])
def test_facets_count_the_view_busiest_first(events, view, field, expected):
    from deploymap.view.filters import facets

    found = facets(events, view)[field]
    assert found == expected and list(found.values()) == sorted(found.values(), reverse=True)
