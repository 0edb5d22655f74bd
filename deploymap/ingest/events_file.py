"""Read an events file (CSV or Parquet) into raw text cells, then validate it.

Problems are reported by the line a user sees in a text editor (the header is line 1) or,
for Parquet, by row number (the first data row is row 1).
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from deploymap.errors import EventFileError, Problem
from deploymap.fields import BY_NAME, COLUMNS, HEADER_COLUMNS, VERBATIM_COLUMNS
from deploymap.files import InputFileError, read_input
from deploymap.ingest.validation import validate_events

# How far a long read has got: (fraction done, what is happening, in words); the page draws a bar.
Progress = Callable[[float, str], None]
READ_SHARE = 0.3  # of a first open: reading the rows; checking, sorting and saving follow
BLOCK_BYTES = 8 << 20  # with a progress bar, rows are read and counted in blocks of this size
PARQUET_MAGIC = b"PAR1"
MAX_COLUMNS = 1_000  # a file with more columns than this is refused at once (the schema has a few dozen)
UTF8_BOM = b"\xef\xbb\xbf"


def read_events(path: str | Path, data: bytes | None = None, progress: Progress | None = None,
                first_rows: int | None = None) -> pd.DataFrame:
    """Load and validate the events file at ``path`` (or its ``data``, as uploaded); raise EventFileError on any problem.

    ``progress``, if given, hears how many rows have been read and when checking starts. With
    ``first_rows``, only that many records of a CSV are read and checked (a preview of a large file).
    """
    path = Path(path)
    if data is None:
        data = file_bytes(path)
    if data[:4] == PARQUET_MAGIC:
        return _read_parquet(path, data, first_rows)
    return _read_csv(path, data, progress, first_rows)


def file_bytes(path: str | Path) -> bytes:
    """An events file's bytes; a missing file, a directory, a pipe or device, or one over the size limit is an
    EventFileError naming it."""
    try:
        return read_input(path)
    except InputFileError as exc:
        raise EventFileError(exc.path, [Problem(exc.reason)]) from None


def csv_header(data: bytes) -> list[str]:
    """The column names of a CSV file's first line ([] when it has none that parses)."""
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    try:
        return _header("", data, start)
    except EventFileError:
        return []


def _read_csv(path: Path, data: bytes, progress: Progress | None = None, first_rows: int | None = None) -> pd.DataFrame:
    name = str(path)
    table, line_of = read_csv_cells(path, data, HEADER_COLUMNS, progress, first_rows)
    # Only the schema's columns are kept: a file's other columns are ignored, however many there are.
    raw = with_all_columns(pd.DataFrame({
        column: _text_series(_unguarded(column, table.column(column)), strip=column not in VERBATIM_COLUMNS)
        for column in table.column_names if column in COLUMNS
    }))
    if progress is not None:
        progress(READ_SHARE, f"Checking {len(raw):,} rows against the schema…")
    return validate_events(raw, name, line_of, unit="line")


def read_csv_cells(path: str | Path, data: bytes, expected: Sequence[str], progress: Progress | None = None,
                   first_rows: int | None = None) -> tuple[pa.Table, Callable[[list[int]], list[int]]]:
    """CSV bytes as a table of text cells (every column, as written), and a map from row positions
    to the lines a text editor shows. The header must hold the ``expected`` columns. With
    ``progress``, rows are read in blocks and counted as they come.
    """
    name = str(path)
    if not data or data.isspace():
        raise EventFileError(name, [Problem("file is empty; expected a header line with the columns " + ", ".join(expected))])
    _allow_fields_of(len(data))
    start = len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0
    columns = _header(name, data, start)
    if len(columns) > MAX_COLUMNS:
        raise EventFileError(name, [Problem(f"has {len(columns):,} columns; at most {MAX_COLUMNS:,} are read (the schema "
                                            f"has {len(COLUMNS)})", 1)])
    _check_header(name, columns, unit="line", line=1, expected=expected)

    # Arrow's reader parses a million rows in about a second, without copying the file into Python strings.
    # The header's names are ours (stripped), so every column, extra ones included, is read as text.
    source = pa.BufferReader(pa.py_buffer(data)[start:])
    # Small blocks for a preview (it stops early), else the same blocks with a progress bar or without: a record
    # longer than a block cannot be parsed, so every entrance must take the same records (and name the same problems).
    block = (1 << 20) if first_rows is not None else BLOCK_BYTES
    read_options = pa_csv.ReadOptions(column_names=columns, skip_rows=1, block_size=block)
    parse_options = pa_csv.ParseOptions(newlines_in_values=True)
    wanted = [c for c in dict.fromkeys(columns) if c in expected or c in COLUMNS]  # other columns are never parsed
    convert_options = pa_csv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string()), include_columns=wanted,
                                            strings_can_be_null=False, quoted_strings_can_be_null=False)
    try:
        if first_rows is None and progress is None:
            table = pa_csv.read_csv(source, read_options=read_options, parse_options=parse_options,
                                    convert_options=convert_options)
        else:
            lines = data.count(b"\n") if progress is not None else 0
            table = _read_blocks(source, read_options, parse_options, convert_options, lines, progress, first_rows)
    except pa.ArrowInvalid:
        raise EventFileError(name, [_locate_problem(data, len(columns))]) from None
    if table.num_rows == 0:
        raise EventFileError(name, [Problem("has a header but no events", 1)])

    def line_of(positions: list[int]) -> list[int]:
        starts = _record_start_lines(data.decode("utf-8-sig"))
        return [starts[p] for p in positions]

    return table, line_of


def _read_blocks(source: pa.BufferReader, read_options: pa_csv.ReadOptions, parse_options: pa_csv.ParseOptions,
                 convert_options: pa_csv.ConvertOptions, lines: int = 0, progress: Progress | None = None,
                 limit: int | None = None) -> pa.Table:
    """Read block by block: telling ``progress`` how many rows are in (of about ``lines``), or stopping after
    the first ``limit`` rows (the rest of the file is then never parsed)."""
    reader = pa_csv.open_csv(source, read_options=read_options, parse_options=parse_options,
                             convert_options=convert_options)
    batches, rows = [], 0
    for batch in reader:
        batches.append(batch)
        rows += batch.num_rows
        if progress is not None:
            expected = max(lines, rows, 1)
            progress(READ_SHARE * rows / expected, f"Reading rows: {rows:,} of about {expected:,}")
        if limit is not None and rows >= limit:
            break
    table = pa.Table.from_batches(batches, schema=reader.schema)
    return table if limit is None else table.slice(0, limit)


def _unguarded(name: str, column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A column without the export's formula guard (see ``kinds.Text.unguard``)."""
    return BY_NAME[name].kind.unguard(column)


def text_column(column: pa.ChunkedArray, strip: bool = True) -> pd.Series:
    """An Arrow text column as a pandas string Series, white space trimmed unless ``strip`` is false."""
    return _text_series(column, strip)


def _allow_fields_of(size: int) -> None:
    """Let Python's csv module read any cell this file can hold (its default limit is 128 KiB).

    Over-long cells are then reported by validation with their line, instead of crashing the
    line counting that locates them.
    """
    if csv.field_size_limit() < size + 1:
        csv.field_size_limit(min(size + 1, sys.maxsize))


def _header(name: str, data: bytes, start: int) -> list[str]:
    ends = [i for i in (data.find(b"\n", start), data.find(b"\r", start)) if i >= 0]
    first_line = data[start: min(ends) if ends else len(data)]
    try:
        text = first_line.decode("utf-8")
    except UnicodeDecodeError:
        raise EventFileError(name, [_locate_problem(data, 0)]) from None
    try:
        names = next(csv.reader([text]), [])
    except csv.Error as exc:
        raise EventFileError(name, [Problem(f"the header cannot be parsed as CSV: {exc}", 1)]) from None
    return [c.strip() for c in names]


def _text_series(column: pa.ChunkedArray, strip: bool) -> pd.Series:
    if strip:
        column = pc.utf8_trim_whitespace(column)
    return pd.Series(column.to_pandas(), dtype="str")


def _locate_problem(data: bytes, width: int) -> Problem:
    """Why Arrow refused the file, found the slow way: invalid UTF-8 or a record of the wrong width."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start)
        return Problem(f"is not UTF-8 text: byte {data[exc.start]:#04x} cannot be decoded; save the file as UTF-8", line)
    return _locate_bad_record(text, width)


def _line_at(data: bytes, offset: int) -> int:
    """The line a text editor shows for byte ``offset``: LF, CRLF and lone CR each end a line."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _read_parquet(path: Path, data: bytes, first_rows: int | None = None) -> pd.DataFrame:
    name = str(path)
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # hostile bytes may trip any of Arrow's decoders; all mean "not readable"
        raise EventFileError(name, [Problem(f"is not a readable Parquet file: {_short(exc)}")]) from None
    if first_rows is not None:
        table = table.slice(0, first_rows)
    if table.num_columns > MAX_COLUMNS:
        raise EventFileError(name, [Problem(f"has {table.num_columns:,} columns; at most {MAX_COLUMNS:,} are read")])
    _check_header(name, list(table.column_names), unit="row", line=None)
    if table.num_rows == 0:
        raise EventFileError(name, [Problem("has no events")])
    raw = with_all_columns(pd.DataFrame({
        column: _as_text(name, column, table.column(column), strip=column not in VERBATIM_COLUMNS)
        for column in table.column_names if column in COLUMNS}))
    return validate_events(raw, name, lambda positions: [p + 1 for p in positions], unit="row")


def _as_text(name: str, column_name: str, column: pa.ChunkedArray, strip: bool) -> pd.Series:
    """Parquet columns may be typed (dates, numbers); check them as the text a CSV would hold."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_nested(kind):
        raise EventFileError(name, [Problem(f"has type {kind}; expected text, a number or a date", None, column_name, "row")])
    try:
        if pa.types.is_date(kind) or pa.types.is_timestamp(kind):
            column = pc.strftime(column, format="%Y-%m-%d")
        elif pa.types.is_binary(kind) or pa.types.is_large_binary(kind) or pa.types.is_fixed_size_binary(kind):
            column = _utf8_column(name, column_name, column)
        elif not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            column = pc.cast(column, pa.string())
        return _text_series(pc.fill_null(column, ""), strip)
    except pa.ArrowException as exc:
        raise EventFileError(name, [Problem(f"has type {kind} that cannot be read as text: {_short(exc)}", None,
                                            column_name, "row")]) from None


def _utf8_column(name: str, column_name: str, column: pa.ChunkedArray) -> pa.ChunkedArray:
    try:
        return pc.cast(column, pa.string())
    except pa.ArrowInvalid:
        for row, value in enumerate(column.to_pylist(), start=1):  # only on failure: find the row
            try:
                (value or b"").decode("utf-8")
            except UnicodeDecodeError as exc:
                message = f"is not UTF-8 text: byte {value[exc.start]:#04x} at offset {exc.start} cannot be decoded"
                raise EventFileError(name, [Problem(message, row, column_name, "row")]) from None
        raise


def _short(exc: BaseException, limit: int = 200) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def with_all_columns(raw: pd.DataFrame) -> pd.DataFrame:
    """``raw`` with every field's column: optional ones a file lacks are empty text."""
    missing = [c for c in COLUMNS if c not in raw.columns]
    return raw.assign(**{c: pd.Series("", index=raw.index, dtype="str") for c in missing}) if missing else raw


def _check_header(name: str, columns: list[str], unit: str, line: int | None,
                  expected: Sequence[str] = HEADER_COLUMNS) -> None:
    problems = []
    seen = set()
    for column in columns:
        if column in seen:
            problems.append(Problem(f"column {column!r} appears more than once in the header", line, column, unit))
        seen.add(column)
    missing = [c for c in expected if c not in seen]
    for column in missing:
        problems.append(Problem("is missing from the header; expected columns: " + ", ".join(expected), line, column, unit))
    if problems:
        raise EventFileError(name, problems)


def _record_start_lines(text: str) -> list[int]:
    """File line on which each data record starts, as Arrow counts records (blank lines skipped)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    starts = []
    previous_end = 0
    for record in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        if record:
            starts.append(start)
    return starts[1:]  # the header is not a data record


def _locate_bad_record(text: str, width: int) -> Problem:
    reader = csv.reader(io.StringIO(text, newline=""))
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
