"""A view as URL parameters, and every way a URL can be wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from deploymap.view.filters import EventFilter
from deploymap.view.url_state import dropped_notice, parse_view, view_to_params

CHOICES = {"source": ["NATO", "NIS (South Korea)"], "location": ["Vladivostok", "Seoul"],
           "event_type": ["deployment", "statement"], "status": ["reported", "expected"]}


@pytest.mark.parametrize(
    ("params", "view"),
    [
        ({}, EventFilter()),
        ({"start": ["2024-10-01"], "end": ["2024-10-31"]}, EventFilter(start=dt.date(2024, 10, 1), end=dt.date(2024, 10, 31))),
        ({"source": ["NATO", "NIS (South Korea)"]}, EventFilter(choices={"source": ("NATO", "NIS (South Korea)")})),
        ({"location": ["Seoul"], "status": ["expected"]}, EventFilter(choices={"location": ("Seoul",), "status": ("expected",)})),
        ({"event_type": ["statement", "statement"]}, EventFilter(choices={"event_type": ("statement",)})),
        ({"q": ["  uniforms "]}, EventFilter(text="uniforms")),
        ({"embed": ["true"]}, EventFilter()),
    ],
)
def test_good_parameters(params, view):
    assert parse_view(params, CHOICES) == (view, [])


@pytest.mark.parametrize(
    ("params", "view", "named"),
    [
        ({"start": ["yesterday"], "source": ["NATO"]}, EventFilter(choices={"source": ("NATO",)}), "'start'"),
        ({"end": ["2024-02-30"]}, EventFilter(), "'end'"),
        ({"start": ["2024-10-01", "2024-10-02"]}, EventFilter(), "'start'"),
        ({"start": ["2024-11-01"], "end": ["2024-10-01"]}, EventFilter(), "reversed"),
        ({"source": ["NATO", "Kremlin"]}, EventFilter(choices={"source": ("NATO",)}), "'source' has no such value 'Kremlin'"),
        ({"colour": ["red"], "q": ["ships"]}, EventFilter(text="ships"), "Unknown URL parameter 'colour'"),
        ({"status": ["<script>"]}, EventFilter(), "'status'"),
        ({"q": ["x" * 500]}, EventFilter(), "'q'"),
    ],
)
def test_bad_parameters_are_named_and_the_rest_applies(params, view, named):
    parsed, notices = parse_view(params, CHOICES)
    assert parsed == view
    assert len(notices) == 1 and named in notices[0]


def test_round_trip():
    view = EventFilter(start=dt.date(2024, 10, 1), choices={"source": ("NATO",), "location": ("Seoul", "Vladivostok")},
                       text="x y")
    assert view_to_params(view) == {"start": ["2024-10-01"], "source": ["NATO"], "location": ["Seoul", "Vladivostok"],
                                    "q": ["x y"]}
    assert parse_view(view_to_params(view), CHOICES) == (view, [])


def test_many_bad_values_give_one_short_notice():
    view, notices = parse_view({"source": [f"bad{i}" for i in range(999)] + ["NATO"]}, CHOICES)
    assert view.chosen("source") == ("NATO",)
    (notice,) = notices
    assert "999 values that match nothing" in notice and "'bad0'" in notice and "and 994 more" in notice
    assert len(notice) < 600


def test_a_very_long_value_is_shortened_in_its_notice():
    _, (notice,) = parse_view({"source": ["x" * 10_000]}, CHOICES)
    assert "10,000 characters" in notice and len(notice) < 400


def test_many_unknown_parameters_give_one_notice():
    _, notices = parse_view({f"p{i}": ["1"] for i in range(50)}, CHOICES)
    assert len(notices) == 1 and "50 parameters" in notices[0]


@pytest.mark.parametrize(("query", "received", "dropped"), [
    ("", 0, False), ("source=NATO", 1, False), ("&".join(f"p{i}=1" for i in range(1001)), 0, True),
    ("a=1", 0, True),
])
def test_a_notice_when_the_server_dropped_the_parameters(query, received, dropped):
    notice = dropped_notice(query, received)
    assert (notice is not None) == dropped
    if dropped:
        assert "none of them were applied" in notice
