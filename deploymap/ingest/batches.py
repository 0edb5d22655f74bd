"""A large CSV events file checked and typed batch by batch, for its typed copy.

Reading a million rows whole holds the file's bytes, its Arrow cells, their pandas text and the
typed frame at once: over a gigabyte. Read as a stream, a batch of rows at a time is checked and
typed, and only the typed rows (as Arrow) are kept. A file with any problem is read again whole by
``events_file.read_events``, which names every problem by its line: problems are rare, and the
whole read is the one place that knows how to place them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from deploymap.errors import EventFileError
from deploymap.fields import COLUMNS, HEADER_COLUMNS, VERBATIM_COLUMNS
from deploymap.ingest.events_file import (
    MAX_COLUMNS,
    PARQUET_MAGIC,
    READ_SHARE,
    UTF8_BOM,
    Progress,
    _check_header,
    _header,
    _text_series,
    _unguarded,
    with_all_columns,
)
from deploymap.ingest.validation import validate_events

BATCH_BYTES = 16 << 20  # of CSV text per batch: about 70,000 rows
HEAD_BYTES = 1 << 20  # where the header line must be


class NeedsWholeRead(Exception):
    """The streamed read met something only the whole read can report (a problem, a duplicate id)."""


def streamable(path: str | Path) -> bool:
    """Whether a file is a CSV (not Parquet) that can be read as a stream."""
    try:
        with open(path, "rb") as head:
            return head.read(4) != PARQUET_MAGIC
    except OSError:
        return False


def typed_table(path: str | Path, progress: Progress | None = None) -> pa.Table:
    """The file's events, checked and typed, as one Arrow table in file order (as ``read_events`` types them).

    Raises NeedsWholeRead where anything is wrong; the caller then reads the file whole for the report."""
    path = Path(path)
    size = max(path.stat().st_size, 1)
    with open(path, "rb") as head_file:
        head = head_file.read(HEAD_BYTES)
    start = len(UTF8_BOM) if head.startswith(UTF8_BOM) else 0
    try:
        columns = _header(str(path), head, start)
        _check_header(str(path), columns, unit="line", line=1, expected=HEADER_COLUMNS)
    except EventFileError:
        raise NeedsWholeRead from None
    if len(columns) > MAX_COLUMNS or b"\n" not in head:
        raise NeedsWholeRead
    wanted = [c for c in dict.fromkeys(columns) if c in HEADER_COLUMNS or c in COLUMNS]
    stream = pa.OSFile(str(path))
    stream.seek(start)
    try:
        reader = pa_csv.open_csv(
            stream,
            read_options=pa_csv.ReadOptions(column_names=columns, skip_rows=1, block_size=BATCH_BYTES),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(column_types=dict.fromkeys(columns, pa.string()),
                                                  include_columns=wanted, strings_can_be_null=False,
                                                  quoted_strings_can_be_null=False))
        typed, rows = [], 0
        for batch in reader:
            typed.append(_typed_batch(str(path), pa.Table.from_batches([batch])))
            rows += batch.num_rows
            if progress is not None:  # each batch is one block of about BATCH_BYTES of the file (the reader reads ahead)
                done = min(len(typed) * BATCH_BYTES / size, 1.0)
                progress(0.8 * done, f"Reading and checking rows: {rows:,} ({done:.0%} of the file)")
    except (pa.ArrowInvalid, UnicodeDecodeError):
        raise NeedsWholeRead from None
    finally:
        stream.close()
    if not typed:
        raise NeedsWholeRead
    table = pa.concat_tables(typed).unify_dictionaries()
    ids = table.column("event_id")
    if pc.count_distinct(ids).as_py() != len(ids):  # one id, one event: the whole read names the duplicates
        raise NeedsWholeRead
    return table


def _typed_batch(name: str, cells: pa.Table) -> pa.Table:
    """One batch of text cells, checked and typed, as Arrow (categories as dictionaries of int32)."""
    raw = with_all_columns(pd.DataFrame({
        column: _text_series(_unguarded(column, cells.column(column)), strip=column not in VERBATIM_COLUMNS)
        for column in cells.column_names if column in COLUMNS
    }))

    def no_lines(positions: list[int]) -> list[int]:
        raise NeedsWholeRead  # a problem: only the whole read places it by line

    events = validate_events(raw, name, no_lines)
    table = pa.Table.from_pandas(events, preserve_index=False)
    # A batch's categories are its own: one index type for all, so the batches make one table.
    for i, field in enumerate(table.schema):
        if pa.types.is_dictionary(field.type):
            table = table.set_column(i, field.name, pc.cast(table.column(i), pa.dictionary(pa.int32(), field.type.value_type)))
    return table


__all__ = ["READ_SHARE", "NeedsWholeRead", "streamable", "typed_table"]
