"""The selected claim is an event id: the same event or none, whatever the filters do."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from deploymap.view.selection import parse_event, select

IDS = pd.Series(["a", "b", "c"])


@pytest.mark.parametrize(("in_view", "chosen", "pinned", "position", "outside", "keep"), [
    ([1, 1, 1], None, False, None, False, True),  # nothing chosen
    ([1, 1, 1], "b", False, 1, False, True),  # in the view: shown
    ([0, 1, 1], "b", False, 1, False, True),  # the rows before it went: still b, at its own position
    ([1, 0, 1], "b", False, None, False, False),  # filtered out: let go, never "c" in its place
    ([1, 0, 1], "b", True, 1, True, True),  # from a link, outside its filters: shown, and says so
    ([1, 1, 1], "zz", True, None, False, False),  # no such event
])
def test_selection_follows_the_event_not_the_row(in_view, chosen, pinned, position, outside, keep):
    found = select(IDS, np.array(in_view, dtype=bool), chosen, pinned)
    assert (found.position, found.outside, found.keep) == (position, outside, keep)
    assert bool(found.note) == (not keep or outside)


@pytest.mark.parametrize(("values", "event", "noticed"), [
    ([], None, False),
    (["dprk-2024-001"], "dprk-2024-001", False),
    (["a", "b"], "b", False),  # the last one wins, as for any repeated parameter
    ([" "], None, True),
    (["x" * 201], None, True),
    (["bad\x1b[2J"], None, True),
])
def test_the_links_event_parameter(values, event, noticed):
    found, notice = parse_event(values)
    assert found == event and bool(notice) == noticed
