"""Read an events file (CSV or Parquet) into raw text cells, then validate it.

Problems are reported by the line a user sees in a text editor (the header is line 1) or,
for Parquet, by row number (the first data row is row 1).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from deploymap.errors import EventFileError, Problem
from deploymap.schema import COLUMNS
from deploymap.validation import validate_events

PARQUET_MAGIC = b"PAR1"
UTF8_BOM = b"\xef\xbb\xbf"
# Kept exactly as written, edges included: a quote must match its report verbatim.
VERBATIM_COLUMNS = frozenset({"summary", "quote"})


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
    if not data or data.isspace():
        raise EventFileError(name, [Problem("file is empty; expected a header line with the columns " + ", ".join(COLUMNS))])
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    columns = _header(name, data, start)
    _check_header(name, columns, unit="line", line=1)

    # Arrow's reader parses a million rows in about a second, without copying the file into Python strings.
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(pa.py_buffer(data)[start:]),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string()),
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid:
        raise EventFileError(name, [_locate_problem(data, len(columns))]) from None
    if table.num_rows == 0:
        raise EventFileError(name, [Problem("has a header but no events", 1)])
    raw = pd.DataFrame({
        column: _text_series(table.column(i), strip=column not in VERBATIM_COLUMNS) for i, column in enumerate(columns)
    })

    def line_of(positions: list[int]) -> list[int]:
        starts = _record_start_lines(data.decode("utf-8-sig"))
        return [starts[p] for p in positions]

    return validate_events(raw, name, line_of, unit="line")


def _header(name: str, data: bytes, start: int) -> list[str]:
    end = data.find(b"\n", start)
    first_line = data[start: end if end >= 0 else len(data)]
    try:
        text = first_line.decode("utf-8")
    except UnicodeDecodeError:
        raise EventFileError(name, [_locate_problem(data, 0)]) from None
    return [c.strip() for c in next(csv.reader([text]), [])]


def _text_series(column: pa.ChunkedArray, strip: bool) -> pd.Series:
    if strip:
        column = pc.utf8_trim_whitespace(column)
    return pd.Series(column.to_pandas(), dtype="str")


def _locate_problem(data: bytes, width: int) -> Problem:
    """Why Arrow refused the file, found the slow way: invalid UTF-8 or a record of the wrong width."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return Problem(f"is not UTF-8 text: byte {data[exc.start]:#04x} cannot be decoded; save the file as UTF-8", line)
    return _locate_bad_record(text, width)


def _read_parquet(path: Path, data: bytes) -> pd.DataFrame:
    name = str(path)
    try:
        table = pq.read_table(io.BytesIO(data))
    except (pa.ArrowException, OSError) as exc:
        raise EventFileError(name, [Problem(f"is not a readable Parquet file: {exc}")]) from None
    _check_header(name, list(table.column_names), unit="row", line=None)
    if table.num_rows == 0:
        raise EventFileError(name, [Problem("has no events")])
    raw = pd.DataFrame({column: _as_text(table.column(column), strip=column not in VERBATIM_COLUMNS)
                        for column in table.column_names})
    return validate_events(raw, name, lambda positions: [p + 1 for p in positions], unit="row")


def _as_text(column: pa.ChunkedArray, strip: bool) -> pd.Series:
    """Parquet columns may be typed (dates, numbers); check them as the text a CSV would hold."""
    if pa.types.is_date(column.type) or pa.types.is_timestamp(column.type):
        column = pc.strftime(column, format="%Y-%m-%d")
    elif not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = pc.cast(column, pa.string())
    return _text_series(pc.fill_null(column, ""), strip)


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
