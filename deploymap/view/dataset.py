"""Where the dashboard's events come from: the store (the default) or one file, read-only.

``DEPLOYMAP_EVENTS=FILE`` shows one events file as it is; otherwise the events are the current
rows of the store at ``DEPLOYMAP_DATABASE`` (an SQLite file by default), seeded with the shipped
data on first use. Both give the same prepared, geocoded events to the page and the command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from deploymap.config import DEFAULT_EVENTS, PROJECT_ROOT, load_settings
from deploymap.ingest import conversion
from deploymap.ingest.events_file import read_events
from deploymap.ingest.imports import seed_if_empty
from deploymap.ingest.placement import Placement, place_events
from deploymap.ingest.typed_copy import file_stamp, load_events, prepare_events
from deploymap.memory import release_freed_memory
from deploymap.store.address import StoreAddressError, parse
from deploymap.store.database import Database, default_url
from deploymap.view.markers import with_place_ids
from geo import Resolver, default_cache_dir

REPORTS_DIR = PROJECT_ROOT / "data" / "reports"


STORE, FILE, PREVIEW = "store", "file", "preview"  # a preview: a large file's first rows while its copy is made


class EventSource(NamedTuple):
    """A store URL or a file path; hashable, so the page can cache by it."""

    origin: str  # STORE, FILE or PREVIEW
    location: str

    @property
    def writable(self) -> bool:
        return self.origin == STORE

    @property
    def is_preview(self) -> bool:
        return self.origin == PREVIEW

    def label(self) -> str:
        if self.writable:
            return _store_label(self.location)
        name = Path(self.location).name
        return f"the first rows of {name}" if self.is_preview else name

    def preview(self) -> EventSource:
        """This file, read only as far as its first rows."""
        return EventSource(PREVIEW, self.location)


def event_source() -> EventSource:
    """``DEPLOYMAP_EVENTS`` (a read-only file) if set, else the store."""
    path = os.environ.get("DEPLOYMAP_EVENTS", "").strip()
    return EventSource(FILE, path) if path else EventSource(STORE, default_url())


def store_at(url: str) -> Database:
    """The store at ``url`` with the timeouts of the settings (``[store]`` in deploymap.toml)."""
    timeouts = load_settings().store
    return Database(url, timeouts.connect_timeout_seconds, timeouts.statement_timeout_seconds)


def open_store(url: str) -> Database:
    """The store at ``url``, created and seeded with the shipped events and report if new."""
    database = store_at(url)
    if not database.read_only:
        seed_if_empty(database, DEFAULT_EVENTS, REPORTS_DIR)
    return database


def stamp(source: EventSource, database: Database | None = None) -> tuple:
    """What changes whenever the source's events may have: the file's stamp, or the store's version."""
    if not source.writable:
        return (source.origin, *file_stamp(source.location))
    return (STORE, (database or store_at(source.location)).version())


def load_placed(source: EventSource, resolver: Callable[[], Resolver], include_retracted: bool = False,
                database: Database | None = None) -> Placement:
    """The source's events, sorted and searchable, with coordinates filled where a place needs them."""
    if source.writable:
        events = prepare_events((database or open_store(source.location)).snapshot(include_retracted))
    elif source.is_preview:
        events = prepare_events(read_events(source.location, first_rows=conversion.PREVIEW_ROWS))
    else:
        events = load_events(source.location, default_cache_dir())
    placement = place_events(events, resolver)
    placement.events = with_place_ids(placement.events)
    release_freed_memory()  # reading and checking a large file leaves far more freed than kept
    return placement


def stored_report(source: EventSource, name: str, database: Database | None = None) -> str | None:
    """The text of the report a row names: from the store, or the shipped reports folder (never outside it)."""
    if not name:
        return None
    if source.writable:
        found = (database or store_at(source.location)).report_named(name)
        if found is not None:
            return found
    path = REPORTS_DIR / Path(name).name  # a name is data: only its last part, only in this folder
    try:
        return path.read_text(encoding="utf-8") if path.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _store_label(url: str) -> str:
    try:
        address = parse(url)
    except StoreAddressError:
        return "the store"
    return f"the store {address.where()}" + (f"/{address.database}" if address.database else "")
