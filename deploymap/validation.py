"""Check a table of raw text cells against the fields and turn it into typed columns.

Every check is driven by ``deploymap.fields`` and vectorised, so that a million rows validate
in well under a second; a row position is only turned into a file line when there is a problem
to report.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.errors import EventFileError, Problem, shown
from deploymap.fields import FIELDS
from deploymap.schema import CATEGORY_COLUMNS, MAX_TEXT_LENGTH

MAX_PROBLEMS = 200
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # ASCII digits only: \d also takes ８ and ٨
_WHOLE_NUMBER = r"[0-9]{1,9}"


class _Collector:
    """Gathers problems with their row positions, keeping only the first few hundred."""

    def __init__(self) -> None:
        self.found: list[tuple[int, str, str]] = []
        self.total = 0

    def add(self, mask: pd.Series, column: str, message: Callable[[str], str], values: pd.Series) -> None:
        hits = np.flatnonzero(np.asarray(mask, dtype=bool) if not isinstance(mask, pd.Series)
                               else mask.to_numpy(dtype=bool, na_value=False))
        self.total += len(hits)
        room = MAX_PROBLEMS - len(self.found)
        for pos in hits[: max(room, 0)]:
            self.found.append((int(pos), column, message(values.iloc[pos])))


def validate_events(raw: pd.DataFrame, path: str, line_of: Callable[[list[int]], list[int]], unit: str = "line") -> pd.DataFrame:
    """Return the typed events of ``raw`` (all cells text) or raise EventFileError naming every problem.

    ``line_of`` maps row positions to the line (or row) numbers a user sees in the file.
    """
    problems = _Collector()
    dates, numbers = {}, {}
    # One id, one event: "café-1" typed with a composed or a decomposed "é" is the same id (Unicode NFC).
    written_ids = raw["event_id"]
    raw = raw.assign(event_id=pd.Series(pc.utf8_normalize(pa.array(written_ids, pa.large_string()), "NFC")
                                        .to_pandas(), index=raw.index, dtype="str"))
    for spec in FIELDS:
        text = raw[spec.name]
        if spec.required:
            empty = text == ""
            if spec.required_unless:
                other, value = spec.required_unless
                empty &= raw[other] != value
            problems.add(empty, spec.name, lambda v: "is empty; a value is required", text)
        if spec.kind == "text":
            too_long = text.str.len() > MAX_TEXT_LENGTH
            problems.add(too_long, spec.name, lambda v: f"is {len(v)} characters long, more than {MAX_TEXT_LENGTH}", text)
        if spec.vocabulary:
            choices = ", ".join(spec.vocabulary)
            problems.add((text != "") & ~text.isin(spec.vocabulary), spec.name,
                         lambda v, choices=choices: f"must be one of {choices}; got {shown(v)}", text)
        if spec.pattern:
            problems.add((text != "") & ~text.str.fullmatch(spec.pattern), spec.name,
                         lambda v, hint=spec.pattern_hint: f"must be {hint}, got {shown(v)}", text)
        if spec.kind == "date":
            parsed = pd.to_datetime(text.where(text.str.match(_ISO_DATE), None), format="%Y-%m-%d", errors="coerce")
            problems.add((text != "") & parsed.isna(), spec.name,
                         lambda v: f"is not an ISO date (YYYY-MM-DD), got {shown(v)}", text)
            dates[spec.name] = parsed
        elif spec.kind == "number":
            bad = (text != "") & ~text.str.fullmatch(_WHOLE_NUMBER)
            problems.add(bad, spec.name, lambda v: f"must be a whole number written with the digits 0-9, got {shown(v)}", text)
            numbers[spec.name] = _whole_numbers(text.where((text != "") & ~bad, None))
        elif spec.kind == "coordinate":
            number = _decimals(text.where(text != "", None))
            not_number = (text != "") & (number.isna() | ~np.isfinite(number))
            problems.add(not_number, spec.name, lambda v: f"is not a number, got {shown(v)}", text)
            low, high = spec.bounds
            outside = (number < low) | (number > high)
            problems.add(outside, spec.name, lambda v, low=low, high=high: f"must be between {low:g} and {high:g}, got {shown(v)}",
                         text)
            numbers[spec.name] = number.where(~(not_number | outside))

    ends_before = dates["end_date"].notna() & dates["event_date"].notna() & (dates["end_date"] < dates["event_date"])
    problems.add(ends_before, "end_date", lambda v: f"is before event_date, got {shown(v)}", raw["end_date"])
    lat, lon = numbers["latitude"], numbers["longitude"]
    lone = (raw["latitude"] == "") != (raw["longitude"] == "")
    problems.add(lone, "longitude", lambda v: "latitude and longitude must be given together or both left empty", raw["longitude"])
    problems.add((lat == 0) & (lon == 0), "latitude",
                 lambda v: "(0, 0) is not a place; leave both coordinates empty when unknown", raw["latitude"])
    _duplicate_ids(raw["event_id"], written_ids, problems, line_of, unit)

    if problems.total:
        problems.found.sort()
        lines = line_of([pos for pos, _, _ in problems.found])
        found = [Problem(message, line, column, unit) for (_, column, message), line in zip(problems.found, lines, strict=True)]
        raise EventFileError(path, found, problems.total)
    return _typed(raw, dates, numbers)


def _whole_numbers(text: pd.Series) -> pd.Series:
    """Checked digit strings (or missing) as nullable integers; Arrow's parser is ten times pandas'."""
    parsed = pc.cast(pa.array(text, type=pa.large_string()), pa.int64())
    return pd.Series(parsed.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).array, index=text.index)


def _decimals(text: pd.Series) -> pd.Series:
    """Text (or missing) as float64, NaN where it is not a number: Arrow's parser when every cell parses
    (the usual case, ten times faster), else pandas', which marks each bad cell for its message."""
    try:
        parsed = pc.cast(pa.array(text, type=pa.large_string()), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.Series(parsed.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _duplicate_ids(ids: pd.Series, written: pd.Series, problems: _Collector, line_of: Callable[[list[int]], list[int]],
                   unit: str) -> None:
    duplicated = (ids != "") & ids.duplicated(keep=False)
    if not duplicated.any():
        return
    first_pos: dict[str, int] = {}
    for pos in np.flatnonzero(duplicated.to_numpy()):
        first_pos.setdefault(ids.iloc[pos], int(pos))
    later = duplicated & ids.duplicated(keep="first")
    first_lines = dict(zip(first_pos, line_of(list(first_pos.values())), strict=True))
    first_written = {ids.iloc[pos]: written.iloc[pos] for pos in first_pos.values()}

    def message(value: str) -> str:
        normal = unicodedata.normalize("NFC", value)
        same = "" if first_written[normal] == value else " (the same id once Unicode-normalised)"
        return f"duplicates event_id {shown(first_written[normal])} first used on {unit} {first_lines[normal]}{same}"

    problems.add(later, "event_id", message, written)


def _typed(raw: pd.DataFrame, dates: dict[str, pd.Series], numbers: dict[str, pd.Series]) -> pd.DataFrame:
    columns = {}
    for column in raw.columns:
        if column in dates:
            columns[column] = dates[column].astype("datetime64[ms]")  # the unit Parquet keeps
        elif column in numbers:
            columns[column] = numbers[column].to_numpy() if numbers[column].dtype == "float64" else numbers[column]
        elif column in CATEGORY_COLUMNS:
            columns[column] = raw[column].astype("category")
        else:
            columns[column] = raw[column]
    return pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))  # built at once: adding columns one by one is quadratic
