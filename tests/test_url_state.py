"""A view as URL parameters, and every way a URL can be wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from deploymap.filtering import EventFilter
from deploymap.url_state import parse_view, view_to_params

CHOICES = {"source": ["NATO", "NIS (South Korea)"], "location": ["Vladivostok", "Seoul"],
           "event_type": ["deployment", "statement"], "status": ["reported", "expected"]}


@pytest.mark.parametrize(
    ("params", "view"),
    [
        ({}, EventFilter()),
        ({"start": ["2024-10-01"], "end": ["2024-10-31"]}, EventFilter(start=dt.date(2024, 10, 1), end=dt.date(2024, 10, 31))),
        ({"source": ["NATO", "NIS (South Korea)"]}, EventFilter(sources=("NATO", "NIS (South Korea)"))),
        ({"location": ["Seoul"], "status": ["expected"]}, EventFilter(locations=("Seoul",), statuses=("expected",))),
        ({"event_type": ["statement", "statement"]}, EventFilter(event_types=("statement",))),
        ({"q": ["  uniforms "]}, EventFilter(text="uniforms")),
        ({"embed": ["true"]}, EventFilter()),
    ],
)
def test_good_parameters(params, view):
    assert parse_view(params, CHOICES) == (view, [])


@pytest.mark.parametrize(
    ("params", "view", "named"),
    [
        ({"start": ["yesterday"], "source": ["NATO"]}, EventFilter(sources=("NATO",)), "'start'"),
        ({"end": ["2024-02-30"]}, EventFilter(), "'end'"),
        ({"start": ["2024-10-01", "2024-10-02"]}, EventFilter(), "'start'"),
        ({"start": ["2024-11-01"], "end": ["2024-10-01"]}, EventFilter(), "reversed"),
        ({"source": ["NATO", "Kremlin"]}, EventFilter(sources=("NATO",)), "'source' has no such value 'Kremlin'"),
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
    view = EventFilter(start=dt.date(2024, 10, 1), sources=("NATO",), locations=("Seoul", "Vladivostok"), text="x y")
    assert view_to_params(view) == {"start": ["2024-10-01"], "source": ["NATO"], "location": ["Seoul", "Vladivostok"],
                                    "q": ["x y"]}
    assert parse_view(view_to_params(view), CHOICES) == (view, [])
