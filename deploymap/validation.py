"""Check a table of raw text cells against the schema and turn it into typed columns.

Every check is vectorised so that a million rows validate in well under a second; a row
position is only turned into a file line when there is a problem to report.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from deploymap.errors import EventFileError, Problem, shown
from deploymap.schema import (
    CATEGORY_COLUMNS,
    DATE_COLUMNS,
    EVENT_TYPES,
    GEO_PRECISIONS,
    MAX_TEXT_LENGTH,
    REQUIRED_COLUMNS,
    STATUSES,
    TEXT_COLUMNS,
)

MAX_PROBLEMS = 200
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # ASCII digits only: \d also takes ８ and ٨


class _Collector:
    """Gathers problems with their row positions, keeping only the first few hundred."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str, str]] = []
        self.total = 0

    def add(self, mask: pd.Series, column: str, message: Callable[[str], str], values: pd.Series) -> None:
        hits = np.flatnonzero(mask.to_numpy(dtype=bool, na_value=False))
        self.total += len(hits)
        room = MAX_PROBLEMS - len(self.found)
        for pos in hits[: max(room, 0)]:
            self.found.append((int(pos), column, message(values.iloc[pos])))


def validate_events(raw: pd.DataFrame, path: str, line_of: Callable[[list[int]], list[int]], unit: str = "line") -> pd.DataFrame:
    """Return the typed events of ``raw`` (all cells text) or raise EventFileError naming every problem.

    ``line_of`` maps row positions to the line (or row) numbers a user sees in the file.
    """
    problems = _Collector()

    for column in REQUIRED_COLUMNS:
        problems.add(raw[column] == "", column, lambda v: "is empty; a value is required", raw[column])

    for column in TEXT_COLUMNS:
        too_long = raw[column].str.len() > MAX_TEXT_LENGTH
        problems.add(too_long, column, lambda v: f"is {len(v)} characters long, more than {MAX_TEXT_LENGTH}", raw[column])

    dates = {}
    for column in DATE_COLUMNS:
        text = raw[column]
        parsed = pd.to_datetime(text.where(text.str.match(_ISO_DATE), None), format="%Y-%m-%d", errors="coerce")
        bad = (text != "") & parsed.isna()
        problems.add(bad, column, lambda v: f"is not an ISO date (YYYY-MM-DD), got {shown(v)}", text)
        dates[column] = parsed
    ends_before = dates["end_date"].notna() & dates["event_date"].notna() & (dates["end_date"] < dates["event_date"])
    problems.add(ends_before, "end_date", lambda v: f"is before event_date, got {shown(v)}", raw["end_date"])

    for column, allowed in (("event_type", EVENT_TYPES), ("status", STATUSES), ("geo_precision", GEO_PRECISIONS)):
        text = raw[column]
        bad = (text != "") & ~text.isin(allowed)
        choices = ", ".join(sorted(allowed))
        problems.add(bad, column, lambda v, choices=choices: f"must be one of {choices}; got {shown(v)}", text)

    country = raw["country"]
    problems.add((country != "") & ~country.str.fullmatch(r"[A-Z]{2}"), "country",
                 lambda v: f"must be an ISO 3166-1 alpha-2 code such as 'RU', got {shown(v)}", country)

    coords = {}
    for column, limit in (("latitude", 90.0), ("longitude", 180.0)):
        text = raw[column]
        number = pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")
        not_number = (text != "") & (number.isna() | ~np.isfinite(number))
        problems.add(not_number, column, lambda v: f"is not a number, got {shown(v)}", text)
        out_of_range = number.abs() > limit
        problems.add(out_of_range, column, lambda v, limit=limit: f"must be between -{limit:g} and {limit:g}, got {shown(v)}", text)
        coords[column] = number.where(~(not_number | out_of_range))
    lat, lon = coords["latitude"], coords["longitude"]
    lone = (raw["latitude"] == "") != (raw["longitude"] == "")
    problems.add(lone, "longitude", lambda v: "latitude and longitude must be given together or both left empty", raw["longitude"])
    null_island = (lat == 0) & (lon == 0)
    problems.add(null_island, "latitude", lambda v: "(0, 0) is not a place; leave both coordinates empty when unknown", raw["latitude"])

    troops_text = raw["troops"]
    bad_troops = (troops_text != "") & ~troops_text.str.fullmatch(r"[0-9]{1,9}")
    problems.add(bad_troops, "troops",
                 lambda v: f"must be a whole number of troops written with the digits 0-9, got {shown(v)}", troops_text)

    ids = raw["event_id"]
    duplicated = (ids != "") & ids.duplicated(keep=False)
    if duplicated.any():
        first_pos = {}
        for pos in np.flatnonzero(duplicated.to_numpy()):
            first_pos.setdefault(ids.iloc[pos], int(pos))
        later = duplicated & ids.duplicated(keep="first")
        first_lines = dict(zip(first_pos, line_of(list(first_pos.values())), strict=True))
        problems.add(later, "event_id", lambda v: f"duplicates event_id {shown(v)} first used on {unit} {first_lines[v]}", ids)

    if problems.total:
        problems.found.sort()
        lines = line_of([pos for pos, _, _ in problems.found])
        found = [Problem(message, line, column, unit) for (_, column, message), line in zip(problems.found, lines, strict=True)]
        raise EventFileError(path, found, problems.total)

    return _typed(raw, dates, lat, lon)


def _typed(raw: pd.DataFrame, dates: dict[str, pd.Series], lat: pd.Series, lon: pd.Series) -> pd.DataFrame:
    events = pd.DataFrame(index=pd.RangeIndex(len(raw)))
    for column in raw.columns:
        if column in CATEGORY_COLUMNS:
            events[column] = raw[column].astype("category")
        else:
            events[column] = raw[column]
    for column, values in dates.items():
        events[column] = values.astype("datetime64[ms]")  # the unit Parquet keeps
    events["latitude"] = lat.to_numpy()
    events["longitude"] = lon.to_numpy()
    events["troops"] = pd.to_numeric(raw["troops"].where(raw["troops"] != "", None)).astype("Int64")
    return events
