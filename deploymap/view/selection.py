"""Which claim is selected: an event id, never a row's position, so that the panel shows the event the
analyst picked or none.

A claim stays selected while the view holds it, and is let go (with a note) when a filter removes
it. A claim opened from a link (``?event=ID``) is shown even outside the link's filters, and says so,
until the analyst changes the view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deploymap.errors import shown
from deploymap.text import addressable

EVENT_KEY = "event"  # the link's parameter
MAX_ID = 200  # characters; an id beyond this is no id of ours


@dataclass(frozen=True)
class Selected:
    """The selected claim's row in the events (None: nothing shown), a note for the analyst, and whether it
    is shown although the view's filters leave it out."""

    position: int | None = None
    note: str = ""
    outside: bool = False
    keep: bool = True  # False: the selection is let go


def parse_event(values: list[str]) -> tuple[str | None, str]:
    """The event id of a link's ``event`` parameter, or None and a notice saying why it was ignored."""
    if not values:
        return None, ""
    value = values[-1].strip()
    if not value or len(value) > MAX_ID or not addressable(value):
        return None, f"URL parameter {EVENT_KEY!r} is no event id, got {shown(value)}; ignored."
    return value, ""


def select(event_ids: pd.Series, in_view: np.ndarray, chosen: str | None, pinned: bool) -> Selected:
    """Where the claim ``chosen`` is, given which events the view holds; ``pinned`` when it came from a link
    and the analyst has not changed the view since."""
    if not chosen:
        return Selected()
    where = np.flatnonzero((event_ids == chosen).to_numpy(dtype=bool, na_value=False))
    if not len(where):
        return Selected(note=f"There is no event {shown(chosen)} here; nothing is selected.", keep=False)
    position = int(where[0])
    if in_view[position]:
        return Selected(position)
    if pinned:
        return Selected(position, "This claim is outside the view's filters: it is shown because the link names it.",
                        outside=True)
    return Selected(note=f"The selected claim {shown(chosen)} is not in this view any more; nothing is selected.",
                    keep=False)
