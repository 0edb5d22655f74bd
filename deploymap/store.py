"""Events ready for the dashboard: validated once, sorted once, kept as typed Parquet.

Reading and validating a million CSV rows takes seconds; reading the typed Parquet copy made
the first time takes a fraction of one. The copy lives in the cache folder and is remade
whenever the source file's size or modification time changes, so it never goes stale.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from deploymap.loading import read_events
from deploymap.schema import SEARCH_COLUMN

STORE_VERSION = 1
_META_KEY = b"deploymap.store"


def prepare_events(events: pd.DataFrame) -> pd.DataFrame:
    """Sort newest ``event_date`` first (ties by event_id) and add the folded search text."""
    ordered = events.sort_values(["event_date", "event_id"], ascending=[False, True], kind="stable",
                                 ignore_index=True)
    # One lower-cased haystack: a text search is then one case-sensitive scan, not two folding ones.
    ordered[SEARCH_COLUMN] = (ordered["summary"] + "\n" + ordered["quote"]).str.lower()
    return ordered


def load_events(path: str | os.PathLike, cache_dir: str | os.PathLike | None) -> pd.DataFrame:
    """Prepared events of ``path``, from the typed copy in ``cache_dir`` when it is up to date."""
    source = Path(path)
    stamp = _stamp(source)
    copy = _copy_path(source, cache_dir) if cache_dir else None
    if copy is not None and stamp is not None:
        cached = _read_copy(copy, stamp)
        if cached is not None:
            return cached
    events = prepare_events(read_events(source))
    if copy is not None and stamp is not None:
        _write_copy(events, copy, stamp)
    return events


def _stamp(source: Path) -> dict | None:
    try:
        info = source.stat()
    except OSError:
        return None
    return {"path": str(source.resolve()), "size": info.st_size, "mtime_ns": info.st_mtime_ns,
            "version": STORE_VERSION}


def _copy_path(source: Path, cache_dir: str | os.PathLike) -> Path:
    digest = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:20]
    return Path(cache_dir).expanduser() / "events" / f"{source.stem}-{digest}.parquet"


def _read_copy(copy: Path, stamp: dict) -> pd.DataFrame | None:
    try:
        meta = pq.read_schema(copy).metadata or {}
        if json.loads(meta.get(_META_KEY, b"{}")) != stamp:
            return None
        return pd.read_parquet(copy)
    except (OSError, ValueError, pa.ArrowException):
        return None  # missing or damaged: made again from the source


def _write_copy(events: pd.DataFrame, copy: Path, stamp: dict) -> None:
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(events, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), _META_KEY: json.dumps(stamp).encode()})
        tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, copy)
    except OSError:
        pass  # a read-only cache folder costs speed, not correctness
