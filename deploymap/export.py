"""CSV export of events in the public schema, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from deploymap.schema import COLUMNS, DATE_COLUMNS, TEXT_COLUMNS

# OWASP "CSV injection": a cell starting with one of these may be run as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Excel only detects UTF-8 (Cyrillic, Hangul) when the file starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def neutralize_formula(value: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate with an apostrophe, as OWASP recommends."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def neutralize_column(values: pd.Series) -> pd.Series:
    """``neutralize_formula`` over a column of text, vectorised."""
    text = values.astype(str)
    risky = text.str.startswith(FORMULA_TRIGGERS)
    return text.where(~risky, "'" + text)


def events_to_csv(events: pd.DataFrame) -> bytes:
    """The rows of ``events`` as UTF-8 CSV (with BOM) in schema column order."""
    out = pd.DataFrame(index=events.index)
    for column in COLUMNS:
        values = events[column]
        if column in DATE_COLUMNS:
            out[column] = values.dt.strftime("%Y-%m-%d").fillna("")
        elif column in ("latitude", "longitude"):
            out[column] = _format_coordinates(values)
        elif column == "troops":
            out[column] = values.astype("string").fillna("")
        elif column in TEXT_COLUMNS:
            out[column] = neutralize_column(values)
    return (UTF8_BOM + out.to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def export_file_name(events: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> str:
    """A name that says the date range: the filter's, or the data's own where the filter is open."""
    if start is None and len(events):
        start = events["event_date"].min().date()
    if end is None and len(events):
        end = events["end_date"].fillna(events["event_date"]).max().date()
    if start is None or end is None:
        return "deploymap-events-empty.csv"
    return f"deploymap-events-{start.isoformat()}-to-{end.isoformat()}.csv"


def _format_coordinates(values: pd.Series) -> pd.Series:
    numbers = values.astype("float64").round(5)
    return numbers.astype(str).where(numbers.notna(), "")
