"""Bring events files into the store: the project's CSV or Parquet, or an ACLED export.

The format is told by the header (ACLED names its events ``event_id_cnty``). Every file is read
and checked before anything is written; then all of them go into the store in one transaction
per file, so a bad file changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from deploymap.ingest.acled import is_acled_header, read_acled
from deploymap.ingest.events_file import PARQUET_MAGIC, csv_header, file_bytes, read_events
from deploymap.store.database import Database, ImportResult

READERS = {"deploymap": read_events, "acled": read_acled}  # each format, and how its files are read


def detect_format(data: bytes) -> str:
    """``acled`` for an ACLED export, else ``deploymap`` (CSV or Parquet in the project's schema)."""
    if data[:4] == PARQUET_MAGIC:
        return "deploymap"
    return "acled" if is_acled_header(csv_header(data)) else "deploymap"


def read_any(name: str, data: bytes) -> tuple[pd.DataFrame, str]:
    """The checked events of one file, and its format; EventFileError names the file, line and column."""
    file_format = detect_format(data)
    events = READERS[file_format](name, data)
    return events, file_format


def import_files(database: Database, paths: Sequence[str | Path], actor: str | None = None) -> list[ImportResult]:
    """Check every file first (nothing is written if one is bad), then import each in one transaction."""
    checked = []
    for path in paths:
        path = Path(path)
        data = file_bytes(path)
        events, file_format = read_any(str(path), data)
        checked.append((path, events, file_format))
    return [database.import_events(events, origin=f"{file_format} file {path.name}", actor=actor)
            for path, events, file_format in checked]


def seed_if_empty(database: Database, events_file: Path, reports_dir: Path) -> ImportResult | None:
    """Fill a new, empty store with the shipped events and the reports they quote (once)."""
    if not database.is_empty():
        return None
    events = read_events(events_file)
    names = sorted(set(events["report"].astype(str)) - {""})
    texts = [(n, (reports_dir / n).read_text(encoding="utf-8")) for n in names if (reports_dir / n).is_file()]
    return database.import_events(events, origin=events_file.name, actor="deploymap (shipped data)", action="seed",
                                  report_texts=texts, only_if_empty=True)


def import_upload(database: Database, name: str, data: bytes, actor: str | None = None) -> ImportResult:
    """An uploaded file into the store (its name is only a label: nothing is written under it)."""
    label = Path(name).name or "upload"
    events, file_format = read_any(label, data)
    return database.import_events(events, origin=f"{file_format} upload {label}", actor=actor)
