"""Events ready for the dashboard: validated once, sorted once, kept as typed Parquet.

Reading and validating a million CSV rows takes seconds; reading the typed Parquet copy made
the first time takes a fraction of one. The copy lives in the cache folder and is keyed by the
source's size, modification time, inode and change time (``st_ctime_ns``, which no user can set
back, unlike the modification time ``touch -r`` restores), so an edited file is never served
stale. Copies are private to their owner (0600 in a 0700 folder), and copies of files that no
longer exist are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from deploymap.fields import SCHEMA_DIGEST
from deploymap.files import FileWriteError, atomic_write
from deploymap.ingest.batches import NeedsWholeRead, streamable, typed_table
from deploymap.ingest.events_file import Progress, read_events

# A copy is made for one shape of the typed frame: the fields as declared now. Declaring a field, or
# changing one's kind, makes every copy stale, with no number to remember to bump.
COPY_FORMAT = f"typed-frame-1:{SCHEMA_DIGEST}"
_META_KEY = b"deploymap.ingest.typed_copy"


def prepare_events(events: pd.DataFrame) -> pd.DataFrame:
    """Sort newest ``event_date`` first (ties by event_id): every view, popup and export then reads in order."""
    return events.sort_values(["event_date", "event_id"], ascending=[False, True], kind="stable", ignore_index=True)


def load_events(path: str | os.PathLike, cache_dir: str | os.PathLike | None,
                progress: Progress | None = None) -> pd.DataFrame:
    """Prepared events of ``path``, from the typed copy in ``cache_dir`` when it is up to date.

    Making the copy (a file's first open) takes seconds at a million rows: ``progress`` hears how far it is.
    """
    source = Path(path)
    stamp = _stamp(source)
    copy = _copy_path(source, cache_dir) if cache_dir else None
    if copy is not None and stamp is not None:
        cached = _read_copy(copy, stamp)
        if cached is not None:
            return cached
    if copy is not None and stamp is not None and streamable(source) and _stream_copy(source, copy, stamp, progress):
        cached = _read_copy(copy, stamp)
        if cached is not None:
            return cached
    events = read_events(source, progress=progress)
    if progress is not None:
        progress(0.75, f"Sorting {len(events):,} events, newest first…")
    events = prepare_events(events)
    if copy is not None and stamp is not None:
        if progress is not None:
            progress(0.9, "Saving the checked copy, so that the next open takes a second…")
        _write_copy(events, copy, stamp)
    return events


SORT_KEYS = [("event_date", "descending"), ("event_id", "ascending")]  # as prepare_events sorts
WRITE_ROWS = 100_000  # rows put in order and written at a time


def _stream_copy(source: Path, copy: Path, stamp: dict, progress: Progress | None) -> bool:
    """Make the typed copy of a CSV file read as a stream (``batches``), sorted and written a slice at a time, so
    that a million rows never sit in memory more than once; False when the file needs the whole read."""
    try:
        table = typed_table(source, progress)
    except NeedsWholeRead:
        return False
    if progress is not None:
        progress(0.85, f"Sorting {table.num_rows:,} events, newest first, and saving the checked copy…")
    order = pc.sort_indices(table, sort_keys=SORT_KEYS)  # stable, as pandas' sort is
    schema = table.schema.with_metadata({**(table.schema.metadata or {}), _META_KEY: json.dumps(stamp).encode()})

    def write(out) -> None:
        with pq.ParquetWriter(out, schema) as writer:
            for first in range(0, table.num_rows, WRITE_ROWS):
                writer.write_table(table.take(order[first:first + WRITE_ROWS]).replace_schema_metadata(schema.metadata))

    try:
        private_folder(copy.parent)
        atomic_write(copy, write, mode=0o600)
    except (OSError, FileWriteError):
        return False  # a read-only cache folder: the whole read still gives the events
    prune_copies(copy.parent)
    return True


def make_copy(path: str | os.PathLike, cache_dir: str | os.PathLike, progress: Progress | None = None) -> None:
    """Make the typed copy of ``path`` in ``cache_dir`` if it is not up to date, without keeping the events
    (what the background worker does: the page reads the copy once it is made). Raises EventFileError."""
    source = Path(path)
    stamp = _stamp(source)
    copy = _copy_path(source, cache_dir)
    if stamp is None or _copy_meta(copy) == stamp:
        return
    if streamable(source) and _stream_copy(source, copy, stamp, progress):
        return
    events = read_events(source, progress=progress)
    if progress is not None:
        progress(0.85, f"Sorting {len(events):,} events, newest first, and saving the checked copy…")
    _write_copy(prepare_events(events), copy, stamp)


def copy_is_current(path: str | os.PathLike, cache_dir: str | os.PathLike | None) -> bool:
    """Whether ``path`` already has an up-to-date typed copy (so loading it is quick)."""
    source = Path(path)
    stamp = _stamp(source)
    if not cache_dir or stamp is None:
        return False
    return _copy_meta(_copy_path(source, cache_dir)) == stamp


def file_stamp(path: str | os.PathLike) -> tuple[int, ...]:
    """What changes whenever a file's content may have: size, mtime, inode and ctime (all in ns)."""
    try:
        info = Path(path).stat()
    except OSError:
        return (-1,)
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def _stamp(source: Path) -> dict | None:
    stamp = file_stamp(source)
    if stamp == (-1,):
        return None
    return {"path": str(source.resolve()), "stamp": list(stamp), "version": COPY_FORMAT}


def _copy_path(source: Path, cache_dir: str | os.PathLike) -> Path:
    digest = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:20]
    return Path(cache_dir).expanduser() / "events" / f"{source.stem}-{digest}.parquet"


def _copy_meta(copy: Path) -> dict | None:
    """The stamp a typed copy was made for (its source's path, stamp and store version); None if unreadable."""
    try:
        meta = pq.read_schema(copy).metadata or {}
        found = json.loads(meta.get(_META_KEY, b"{}"))
    except (OSError, ValueError, pa.ArrowException):
        return None
    return found if isinstance(found, dict) else None


def _read_copy(copy: Path, stamp: dict) -> pd.DataFrame | None:
    if _copy_meta(copy) != stamp:
        return None
    try:
        return pd.read_parquet(copy)
    except (OSError, ValueError, pa.ArrowException):
        return None  # missing or damaged: made again from the source


def _write_copy(events: pd.DataFrame, copy: Path, stamp: dict) -> None:
    try:
        private_folder(copy.parent)
        table = pa.Table.from_pandas(events, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META_KEY: json.dumps(stamp).encode()})
        atomic_write(copy, lambda out: pq.write_table(table, out), mode=0o600)  # private from its first byte
    except (OSError, FileWriteError):
        return  # a read-only cache folder costs speed, not correctness
    prune_copies(copy.parent)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents) readable by its owner only; tighten it if it exists."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)
    return folder


STALE_SECONDS = 6 * 3600  # a temporary copy untouched this long has no writer left (a million rows take seconds)


def prune_copies(folder: Path) -> list[Path]:
    """Remove typed copies whose source file no longer exists (or that cannot be read at all)."""
    removed = []
    for leftover in folder.glob(".*.parquet.*.tmp"):  # a copy whose writer was killed: never trusted, never finished
        with contextlib.suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_SECONDS:
                leftover.unlink()
                removed.append(leftover)
    for copy in folder.glob("*.parquet"):
        source = (_copy_meta(copy) or {}).get("path")
        if not isinstance(source, str) or not source or not Path(source).exists():
            with contextlib.suppress(OSError):
                copy.unlink()
                removed.append(copy)
    return removed
