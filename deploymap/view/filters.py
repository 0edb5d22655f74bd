"""The view a user has chosen, and the filters that make it: one object per filter, each knowing
its field, its URL keys, how to read them and how to narrow the events (as datasette's
``filters.py`` does). The list ``FILTERS`` is derived from ``deploymap.fields``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.errors import shown
from deploymap.fields import CHOICE, DATE_RANGE, FIELDS, NUMBER_RANGE, SEARCHABLE_COLUMNS, Field

NO_LOCATION = "(no place named)"
NO_VALUE = "(none)"
MAX_TEXT = 200
MAX_OFFERED = 500  # values a choice widget lists at most
MAX_NUMBER = 999_999_999


@dataclass(frozen=True)
class EventFilter:
    """Empty selections mean "any"; dates and ranges are inclusive; text matches the searchable fields."""

    start: dt.date | None = None
    end: dt.date | None = None
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # field name -> chosen values
    ranges: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)  # field -> (low, high)
    text: str = ""

    def chosen(self, name: str) -> tuple[str, ...]:
        return tuple(self.choices.get(name, ()))

    def range_of(self, name: str) -> tuple[int | None, int | None]:
        return self.ranges.get(name, (None, None))


class Filter:
    """One filter: the URL keys it reads, how it narrows a mask, and how a view writes it back."""

    kind = ""
    url_keys: tuple[str, ...] = ()
    label = ""

    def parse(self, params: Mapping[str, Sequence[str]], choices: Mapping[str, Sequence[str]],
              view: dict, notices: list[str]) -> None:
        """Read this filter's parameters into ``view`` (EventFilter keyword arguments)."""
        raise NotImplementedError

    def to_params(self, view: EventFilter) -> dict[str, list[str]]:
        raise NotImplementedError

    def narrow(self, events: pd.DataFrame, view: EventFilter, keep: np.ndarray) -> None:
        """Clear ``keep`` where an event is outside this filter's part of ``view``."""
        raise NotImplementedError

    @property
    def widget_key(self) -> str:
        """The key of this filter's widget in a page session (a range adds ``_min`` and ``_max``)."""
        return f"f_{self.field.name}"

    def widget_state(self, view: EventFilter, choices: Mapping) -> dict[str, object]:
        """The widget values that show ``view`` (a link opened, or filters reset to an empty view)."""
        raise NotImplementedError


class DateRange(Filter):
    """A period: an event counts if its own period (``event_date`` to ``end_date``) overlaps it."""

    kind = DATE_RANGE
    url_keys = ("start", "end")

    def __init__(self, spec: Field) -> None:
        self.field, self.label = spec, "Dates (an event counts if its period overlaps)"

    def parse(self, params, choices, view, notices):
        for name in self.url_keys:
            if name in params:
                day = _one_date(name, list(params[name]), notices)
                if day is not None:
                    view[name] = day
        start, end = view.get("start"), view.get("end")
        if start and end and start > end:
            notices.append(f"URL parameters 'start' ({start}) and 'end' ({end}) are reversed; both ignored.")
            view.pop("start"), view.pop("end")

    def to_params(self, view):
        return {name: [day.isoformat()] for name, day in (("start", view.start), ("end", view.end)) if day}

    @property
    def widget_key(self) -> str:
        return "f_dates"

    def widget_state(self, view, choices):
        low, high = choices["dates"]
        return {self.widget_key: (min(max(view.start or low, low), high), max(min(view.end or high, high), low))}

    def narrow(self, events, view, keep):
        if view.start is None and view.end is None:
            return
        starts = events["event_date"]
        if view.end is not None:
            keep &= (starts <= pd.Timestamp(view.end)).to_numpy()
        if view.start is not None:
            keep &= (events["end_date"].fillna(starts) >= pd.Timestamp(view.start)).to_numpy()


class Choice(Filter):
    """Any of the chosen values of one field; ``empty_label`` chooses the events without one."""

    kind = CHOICE

    def __init__(self, spec: Field) -> None:
        self.field, self.label, self.url_keys = spec, spec.label, (spec.url_key,)
        self.empty_label = NO_LOCATION if spec.name == "location" else NO_VALUE

    def parse(self, params, choices, view, notices):
        (key,) = self.url_keys
        if key not in params:
            return
        allowed = set(choices.get(self.field.name, ()))
        wanted = list(dict.fromkeys(params[key]))
        kept = [value for value in wanted if value in allowed]
        bad = [value for value in wanted if value not in allowed]
        if bad:
            what = "no such value" if len(bad) == 1 else f"{len(bad):,} values that match nothing:"
            notices.append(f"URL parameter {key!r} has {what} {named(bad)}; ignored.")
        if kept:
            view.setdefault("choices", {})[self.field.name] = tuple(kept)

    def to_params(self, view):
        values = view.chosen(self.field.name)
        return {self.url_keys[0]: list(values)} if values else {}

    def widget_state(self, view, choices):
        return {self.widget_key: list(view.chosen(self.field.name))}

    def narrow(self, events, view, keep):
        chosen = view.chosen(self.field.name)
        if not chosen:
            return
        column = events[self.field.name]
        wanted = _isin(column, tuple(v for v in chosen if v != self.empty_label))
        if self.empty_label in chosen:
            wanted |= (column.astype(str) == "").to_numpy()
        keep &= wanted

    def options(self, events: pd.DataFrame) -> list[str]:
        """The values to offer: those present, sorted, and the empty choice when some event has none."""
        column = events[self.field.name]
        present = options(events, self.field.name)
        if isinstance(column.dtype, pd.CategoricalDtype):
            empty = bool((column.cat.codes.to_numpy() < 0).any()) or "" in column.cat.categories
        else:
            empty = bool((column.fillna("") == "").any())
        if not present:
            return []  # nothing to choose: the filter is left out
        return present + ([self.empty_label] if empty else [])


    def offered(self, events: pd.DataFrame, limit: int | None = None, every: list[str] | None = None) -> list[str]:
        """What the widget lists: every option, or beyond ``limit`` (``MAX_OFFERED``) the values with the most
        events (a list of thousands makes the browser redraw every one on each rerun); others are typed by name.
        ``every`` is ``options(events)`` when the caller has it already."""
        limit = MAX_OFFERED if limit is None else limit
        every = self.options(events) if every is None else every
        if len(every) <= limit:
            return every
        column = events[self.field.name]
        counts = column.value_counts(sort=False) if isinstance(column.dtype, pd.CategoricalDtype) else \
            column.astype(str).value_counts(sort=False)
        counts = counts[counts.index.astype(str) != ""]
        top = counts.sort_values(ascending=False, kind="stable").index[:limit]
        empty = [self.empty_label] if every[-1] == self.empty_label else []
        return sorted(str(value) for value in top) + empty

    def facet(self, events: pd.DataFrame, keep: np.ndarray) -> dict[str, int]:
        """How many of the ``keep`` events each value has, busiest first (the empty value under its label)."""
        column = events[self.field.name]
        if isinstance(column.dtype, pd.CategoricalDtype):  # integer codes: a million rows in milliseconds
            codes = column.cat.codes.to_numpy()[keep]
            counted = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories))
            found = {str(value): int(n) for value, n in zip(column.cat.categories, counted, strict=True) if n}
            empty = int((codes < 0).sum()) + found.pop("", 0)
        else:
            text = column[keep].fillna("").astype(str)
            found = {str(k): int(n) for k, n in text.value_counts().items()}
            empty = found.pop("", 0)
        if empty:
            found[self.empty_label] = empty
        return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))

    @staticmethod
    def canonical(typed: Sequence[str], every: Sequence[str]) -> tuple[str, ...]:
        """Typed values as the data spells them (the widget keeps a typed name's case as typed)."""
        exact = set(every)
        folded = {value.casefold(): value for value in every}
        return tuple(value if value in exact else folded.get(value.casefold(), value) for value in typed)


class NumberRange(Filter):
    """A whole-number field between a low and a high bound (either may be open)."""

    kind = NUMBER_RANGE

    def __init__(self, spec: Field) -> None:
        self.field, self.label = spec, spec.label
        self.url_keys = (f"{spec.url_key}_min", f"{spec.url_key}_max")

    def parse(self, params, choices, view, notices):
        bounds = []
        for key in self.url_keys:
            values = list(params.get(key, ()))
            if not values:
                bounds.append(None)
            elif len(values) == 1 and values[0].strip().isascii() and values[0].strip().isdigit() \
                    and int(values[0]) <= MAX_NUMBER:
                bounds.append(int(values[0]))
            else:
                notices.append(f"URL parameter {key!r} must be one whole number, got {named(values)}; ignored.")
                bounds.append(None)
        if bounds[0] is not None and bounds[1] is not None and bounds[0] > bounds[1]:
            notices.append(f"URL parameters {self.url_keys[0]!r} and {self.url_keys[1]!r} are reversed; both ignored.")
            bounds = [None, None]
        if bounds != [None, None]:
            view.setdefault("ranges", {})[self.field.name] = tuple(bounds)

    def to_params(self, view):
        low, high = view.range_of(self.field.name)
        return {key: [str(value)] for key, value in zip(self.url_keys, (low, high), strict=True) if value is not None}

    def widget_state(self, view, choices):
        low, high = view.range_of(self.field.name)
        return {self.widget_key + "_min": low, self.widget_key + "_max": high}

    def narrow(self, events, view, keep):
        low, high = view.range_of(self.field.name)
        if low is None and high is None:
            return
        values = events[self.field.name].to_numpy(dtype="float64", na_value=np.nan)
        inside = np.isfinite(values)
        if low is not None:
            inside &= values >= low
        if high is not None:
            inside &= values <= high
        keep &= inside


class TextSearch(Filter):
    """Case-blind text in any searchable field (summary, quote); plain text, not a pattern."""

    kind, url_keys, label = "text", ("q",), "Search summary and quote"

    def parse(self, params, choices, view, notices):
        if "q" not in params:
            return
        values = list(params["q"])
        text = values[-1].strip() if values else ""
        if len(text) > MAX_TEXT:
            notices.append(f"URL parameter 'q' is {len(text):,} characters long, more than {MAX_TEXT}; ignored.")
        elif text:
            view["text"] = text

    def to_params(self, view):
        return {"q": [view.text]} if view.text else {}

    @property
    def widget_key(self) -> str:
        return "f_text"

    def widget_state(self, view, choices):
        return {self.widget_key: view.text}

    def narrow(self, events, view, keep):
        needle = view.text.strip()
        if not needle or not keep.any():
            return
        narrowed = not keep.all()
        rows = np.flatnonzero(keep) if narrowed else None

        def column(name: str) -> pd.Series:  # the cheap filters first shrink the scan
            return events[name].iloc[rows] if narrowed else events[name]

        hit = np.zeros(len(rows) if narrowed else len(events), dtype=bool)
        for name in SEARCHABLE_COLUMNS:  # Arrow's case-blind literal match: no folded copy of the text is kept
            found = pc.match_substring(pa.array(column(name), type=pa.large_string()), needle, ignore_case=True)
            hit |= pc.fill_null(found, False).to_numpy(zero_copy_only=False)
        if narrowed:
            keep[rows[~hit]] = False
        else:
            keep &= hit


def _filters() -> tuple[Filter, ...]:
    made: list[Filter] = []
    for spec in FIELDS:
        if spec.filter == DATE_RANGE:
            made.append(DateRange(spec))
        elif spec.filter == CHOICE:
            made.append(Choice(spec))
        elif spec.filter == NUMBER_RANGE:
            made.append(NumberRange(spec))
    made.append(TextSearch())  # last: it scans text, so it runs on what the others left
    return tuple(made)


FILTERS: tuple[Filter, ...] = _filters()
CHOICE_FILTERS: tuple[Choice, ...] = tuple(f for f in FILTERS if isinstance(f, Choice))


def filter_mask(events: pd.DataFrame, view: EventFilter) -> np.ndarray:
    """Boolean mask of the events in ``view``; cheap column tests run before the text search."""
    keep = np.ones(len(events), dtype=bool)
    for one in FILTERS:
        one.narrow(events, view, keep)
    return keep


def facets(events: pd.DataFrame, view: EventFilter, fields: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
    """Each choice field's counts in the view (Datasette's facets): counted with every other filter applied and
    the field's own choice left out, so that its other values keep their counts. The other filters' masks are
    made once: a text search is scanned once, not once per field."""
    wanted = [one for one in CHOICE_FILTERS if fields is None or one.field.name in fields]
    chosen = [one for one in CHOICE_FILTERS if view.chosen(one.field.name)]
    rest = EventFilter(view.start, view.end, {}, view.ranges, view.text)
    base = filter_mask(events, rest)
    own = {}
    for one in chosen:
        mask = np.ones(len(events), dtype=bool)
        one.narrow(events, view, mask)
        own[one.field.name] = mask
    found = {}
    for one in wanted:
        keep = base.copy()
        for name, mask in own.items():
            if name != one.field.name:
                keep &= mask
        found[one.field.name] = one.facet(events, keep)
    return found


def apply_filter(events: pd.DataFrame, view: EventFilter) -> pd.DataFrame:
    """The events in ``view``, in the frame's order (``store.prepare_events`` sorts newest first)."""
    return events[filter_mask(events, view)]


def options(events: pd.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of a column, sorted, for a filter's choices."""
    values = events[column]
    present = values.cat.remove_unused_categories().cat.categories if isinstance(values.dtype, pd.CategoricalDtype) \
        else values.dropna().unique()
    return sorted(str(v) for v in present if str(v) != "")


def named(values: Sequence[str], count: int = 5) -> str:
    """The first few values, each shortened, and how many more there are."""
    listed = ", ".join(shown(value, MAX_TEXT) for value in values[:count])
    rest = len(values) - count
    return listed + (f" and {rest:,} more" if rest > 0 else "")


def _one_date(name: str, values: list[str], notices: list[str]) -> dt.date | None:
    if len(values) != 1:
        notices.append(f"URL parameter {name!r} is given {len(values)} times; expected once, ignored.")
        return None
    try:
        return dt.date.fromisoformat(values[0])
    except ValueError:
        notices.append(f"URL parameter {name!r} is not an ISO date (YYYY-MM-DD), got {shown(values[0], MAX_TEXT)}; ignored.")
        return None


def _isin(column: pd.Series, chosen: tuple[str, ...]) -> np.ndarray:
    if isinstance(column.dtype, pd.CategoricalDtype):
        # Compare integer codes: one lookup per chosen value instead of a string compare per row.
        codes = [column.cat.categories.get_loc(v) for v in chosen if v in column.cat.categories]
        return np.isin(column.cat.codes.to_numpy(), codes)
    return column.isin(chosen).to_numpy()
