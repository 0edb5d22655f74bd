"""Read an events file (CSV or Parquet) into raw text cells, then validate it.

Problems are reported by the line a user sees in a text editor (the header is line 1) or,
for Parquet, by row number (the first data row is row 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from deploymap.errors import EventFileError, Problem
from deploymap.schema import COLUMNS
from deploymap.validation import validate_events

PARQUET_MAGIC = b"PAR1"


def read_events(path: str | Path) -> pd.DataFrame:
    """Load and validate the events file at ``path``; raise EventFileError on any problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EventFileError(str(path), [Problem("file not found")]) from None
    except OSError as exc:
        raise EventFileError(str(path), [Problem(f"cannot be read: {exc.strerror or exc}")]) from None
    if data[:4] == PARQUET_MAGIC:
        return _read_parquet(path, data)
    return _read_csv(path, data)


def _read_csv(path: Path, data: bytes) -> pd.DataFrame:
    name = str(path)
    if not data.strip():
        raise EventFileError(name, [Problem("file is empty; expected a header line with the columns " + ", ".join(COLUMNS))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        message = f"is not UTF-8 text: byte {data[exc.start]:#04x} cannot be decoded; save the file as UTF-8"
        raise EventFileError(name, [Problem(message, line)]) from None

    header = next(csv.reader(io.StringIO(text)), [])
    columns = [c.strip() for c in header]
    _check_header(name, columns, unit="line", line=1)

    try:
        raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, na_filter=False, engine="c")
    except (pd.errors.ParserError, ValueError):
        raise EventFileError(name, [_locate_bad_record(text, len(columns))]) from None
    if len(raw) == 0:
        raise EventFileError(name, [Problem("has a header but no events", 1)])
    if raw.isna().to_numpy().any():  # a record with fewer fields than the header
        raise EventFileError(name, [_locate_bad_record(text, len(columns))])
    raw.columns = columns
    raw = _stripped(raw)

    def line_of(positions: list[int]) -> list[int]:
        starts = _record_start_lines(text)
        return [starts[p] for p in positions]

    return validate_events(raw, name, line_of, unit="line")


def _read_parquet(path: Path, data: bytes) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    name = str(path)
    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError) as exc:
        raise EventFileError(name, [Problem(f"is not a readable Parquet file: {exc}")]) from None
    _check_header(name, list(table.column_names), unit="row", line=None)
    if table.num_rows == 0:
        raise EventFileError(name, [Problem("has no events")])
    raw = pd.DataFrame({column: _as_text(table.column(column)) for column in table.column_names})
    raw = _stripped(raw)
    return validate_events(raw, name, lambda positions: [p + 1 for p in positions], unit="row")


def _as_text(column) -> pd.Series:
    """Parquet columns may be typed (dates, numbers); compare them as the text a CSV would hold."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        column = pc.strftime(column, format="%Y-%m-%d")
    elif pa.types.is_floating(column.type) or (not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    return pd.Series(column.to_pandas(), dtype="str").fillna("")


def _check_header(name: str, columns: list[str], unit: str, line: int | None) -> None:
    problems = []
    seen = set()
    for column in columns:
        if column in seen:
            problems.append(Problem(f"column {column!r} appears more than once in the header", line, column, unit))
        seen.add(column)
    missing = [c for c in COLUMNS if c not in seen]
    for column in missing:
        problems.append(Problem("is missing from the header; expected columns: " + ", ".join(COLUMNS), line, column, unit))
    if problems:
        raise EventFileError(name, problems)


def _stripped(raw: pd.DataFrame) -> pd.DataFrame:
    return raw.apply(lambda col: col.str.strip())


def _record_start_lines(text: str) -> list[int]:
    """File line on which each data record starts, as pandas counts records (blank lines skipped)."""
    reader = csv.reader(io.StringIO(text))
    starts = []
    previous_end = 0
    for record in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if record:
            starts.append(start)
    return starts[1:]  # the header is not a data record


def _locate_bad_record(text: str, width: int) -> Problem:
    reader = csv.reader(io.StringIO(text))
    previous_end = 0
    try:
        for record in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if record and len(record) != width:
                return Problem(f"has {len(record)} fields but the header has {width}", start)
    except csv.Error as exc:
        return Problem(f"cannot be parsed as CSV: {exc}", previous_end + 1)
    return Problem("cannot be parsed as CSV")
