"""The view a user has chosen (dates, sources, places, types, statuses, text) and applying it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.schema import SEARCH_COLUMN

NO_LOCATION = "(no place named)"


@dataclass(frozen=True)
class EventFilter:
    """Empty selections mean "any"; dates are inclusive; text matches summary or quote."""

    start: dt.date | None = None
    end: dt.date | None = None
    sources: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    text: str = ""


def filter_mask(events: pd.DataFrame, view: EventFilter) -> np.ndarray:
    """Boolean mask of the events in ``view``; cheap column tests run before the text search."""
    keep = np.ones(len(events), dtype=bool)
    if view.start is not None or view.end is not None:
        starts = events["event_date"]
        ends = events["end_date"].fillna(starts)
        if view.end is not None:
            keep &= (starts <= pd.Timestamp(view.end)).to_numpy()
        if view.start is not None:
            keep &= (ends >= pd.Timestamp(view.start)).to_numpy()
    for column, chosen in (("source", view.sources), ("event_type", view.event_types), ("status", view.statuses)):
        if chosen:
            keep &= _isin(events[column], chosen)
    if view.locations:
        places = tuple(p for p in view.locations if p != NO_LOCATION)
        wanted = _isin(events["location"], places)
        if NO_LOCATION in view.locations:
            wanted |= (events["location"].astype(str) == "").to_numpy()
        keep &= wanted
    needle = view.text.strip()
    if needle and keep.any():
        narrowed = not keep.all()
        rows = np.flatnonzero(keep) if narrowed else None

        def column(name: str) -> pd.Series:  # the cheap filters first shrink the scan
            return events[name].iloc[rows] if narrowed else events[name]

        if SEARCH_COLUMN in events:
            hit = pc.match_substring(pa.array(column(SEARCH_COLUMN)), needle.lower()).to_numpy(zero_copy_only=False)
        else:
            hit = _contains(column("summary"), needle) | _contains(column("quote"), needle)
        if narrowed:
            keep[rows[~hit]] = False
        else:
            keep &= hit
    return keep


def apply_filter(events: pd.DataFrame, view: EventFilter) -> pd.DataFrame:
    """The events in ``view``, in the frame's order (``store.prepare_events`` sorts newest first)."""
    return events[filter_mask(events, view)]


def options(events: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of a column, sorted, for a filter's choices."""
    values = events[column]
    present = values.cat.remove_unused_categories().cat.categories if isinstance(values.dtype, pd.CategoricalDtype) else values.unique()
    return sorted(str(v) for v in present if str(v) != "")


def _contains(text: pd.Series, needle: str) -> np.ndarray:
    return text.str.contains(needle, case=False, regex=False).to_numpy(dtype=bool, na_value=False)


def _isin(column: pd.Series, chosen: tuple[str, ...]) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Compare integer codes: one lookup per chosen value instead of a string compare per row.
        codes = [column.cat.categories.get_loc(v) for v in chosen if v in column.cat.categories]
        return np.isin(column.cat.codes.to_numpy(), codes)
    return column.isin(chosen).to_numpy()
