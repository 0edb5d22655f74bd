"""Check a table of raw text cells against the fields and turn it into typed columns.

Every check is driven by ``deploymap.fields`` (each field's kind parses its own cells) and vectorised, so that a million rows validate
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
from deploymap.fields import CATEGORY_COLUMNS, FIELDS
from deploymap.text import UNSEEN_RE2

MAX_PROBLEMS = 200


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


_NOT_IN_IDS = UNSEEN_RE2  # deploymap.text says which characters an id may not hold


def validate_events(raw: pd.DataFrame, path: str, line_of: Callable[[list[int]], list[int]], unit: str = "line") -> pd.DataFrame:
    """Return the typed events of ``raw`` (all cells text) or raise EventFileError naming every problem.

    ``line_of`` maps row positions to the line (or row) numbers a user sees in the file.
    """
    problems = _Collector()
    # One id, one event: "café-1" typed with a composed or a decomposed "é" is the same id (Unicode NFC).
    written_ids = raw["event_id"]
    raw = raw.assign(event_id=pd.Series(pc.utf8_normalize(pa.array(written_ids, pa.large_string()), "NFC")
                                        .to_pandas(), index=raw.index, dtype="str"))
    typed = {}
    for spec in FIELDS:
        text = raw[spec.name]
        if spec.required:
            empty = text == ""
            if spec.required_unless:
                other, value = spec.required_unless
                empty &= raw[other] != value
            problems.add(empty, spec.name, lambda v: "is empty; a value is required", text)

        def report(mask, message, name=spec.name, text=text) -> None:
            problems.add(mask, name, message, text)

        typed[spec.name] = spec.kind.parse(text, report)

    ends_before = typed["end_date"].notna() & typed["event_date"].notna() & (typed["end_date"] < typed["event_date"])
    problems.add(ends_before, "end_date", lambda v: f"is before event_date, got {shown(v)}", raw["end_date"])
    lat, lon = typed["latitude"], typed["longitude"]
    lone = (raw["latitude"] == "") != (raw["longitude"] == "")
    problems.add(lone, "longitude", lambda v: "latitude and longitude must be given together or both left empty", raw["longitude"])
    problems.add((lat == 0) & (lon == 0), "latitude",
                 lambda v: "(0, 0) is not a place; leave both coordinates empty when unknown", raw["latitude"])
    # An id is typed into links, the command line and the claim panel: no control or direction-changing characters
    # (a NUL cannot be passed on a command line; U+202E shows an id reversed).
    unaddressable = pd.Series(pc.match_substring_regex(pa.array(raw["event_id"], pa.large_string()), _NOT_IN_IDS)
                              .to_numpy(zero_copy_only=False), index=raw.index)
    problems.add(unaddressable, "event_id", lambda v: "holds a character that cannot be typed or seen (a control, "
                 f"direction or zero-width one), got {shown(v)}", raw["event_id"])
    _duplicate_ids(raw["event_id"], written_ids, problems, line_of, unit)

    if problems.total:
        problems.found.sort()
        lines = line_of([pos for pos, _, _ in problems.found])
        found = [Problem(message, line, column, unit) for (_, column, message), line in zip(problems.found, lines, strict=True)]
        raise EventFileError(path, found, problems.total)
    return _typed(raw, typed)


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


def _typed(raw: pd.DataFrame, typed: dict[str, pd.Series]) -> pd.DataFrame:
    columns = {}
    for column in raw.columns:
        values = typed.get(column, raw[column])
        if isinstance(values, pd.Series) and values.dtype == "float64":
            values = values.to_numpy()
        columns[column] = raw[column].astype("category") if column in CATEGORY_COLUMNS else values
    return pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))  # built at once: adding columns one by one is quadratic
