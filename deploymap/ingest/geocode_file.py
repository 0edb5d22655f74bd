"""Geocode an events file in place: ``python -m deploymap geocode data/events.csv``.

Fills latitude, longitude, country and geo_precision for every row whose location has no
coordinates yet. Only those cells change: the byte-order mark, line endings, quoting of every
other cell, the final newline, the file's mode and owner are kept, and a symbolic link is
followed so that its target is updated. Nothing is written when nothing needs filling.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from geo.resolver import Resolver

if TYPE_CHECKING:
    from deploymap.config import Settings
    from deploymap.ingest.rewrite import FileRewrite

UTF8_BOM = "\ufeff"


def geocode_file(path: Path, config: Path | None = None) -> int:
    """Fill the coordinates ``path`` lacks, printing what was done; 0, or 2 with a message on stderr."""
    from deploymap.config import load_settings
    from deploymap.errors import DeploymapError
    from deploymap.ingest.events_file import read_events
    from deploymap.ingest.rewrite import FileRewrite

    try:
        read_events(path)  # refuse to touch a file that does not validate
        settings = load_settings(config)
        with FileRewrite(path) as rewrite:  # an unwritable folder is reported now, before any lookup
            return _fill(path, rewrite, settings)
    except DeploymapError as exc:
        print(exc, file=sys.stderr)
        return 2


def _fill(path: Path, rewrite: FileRewrite, settings: Settings) -> int:
    """Fill the rows of ``path`` that name a place without coordinates; commit only if a cell changed."""
    from deploymap.ingest.csv_records import CsvRecordError, replace_cells, split_records

    text = rewrite.original.decode("utf-8")
    bom = UTF8_BOM if text.startswith(UTF8_BOM) else ""
    body = text[len(bom):]
    records = [r for r in split_records(body, str(path)) if not r.blank]
    header, rows = records[0].values, records[1:]
    for row in rows:
        if len(row.cells) != len(header):
            raise CsvRecordError(f"{path}, line {row.line}: {len(row.cells)} cells, but the header has {len(header)}")
    column = {name.strip(): i for i, name in enumerate(header)}
    cell = {name: column[name] for name in ("event_id", "location", "country", "latitude", "longitude", "geo_precision")}
    todo = [r for r in rows if r.values[cell["location"]].strip() and not r.values[cell["latitude"]].strip()]
    if not todo:
        print(f"{path}: every row that names a place has coordinates; the file is unchanged")
        return 0
    resolution = Resolver.from_settings(settings.geo).resolve(
        (r.values[cell["location"]], r.values[cell["country"]]) for r in todo)

    changes = {}
    for row in todo:
        values = row.values
        place = resolution.places.get((values[cell["location"]].strip(), values[cell["country"]].strip().upper()))
        if place is None:
            continue
        changes[row.cells[cell["latitude"]]] = f"{place.latitude:.5f}"
        changes[row.cells[cell["longitude"]]] = f"{place.longitude:.5f}"
        for name, value in (("country", place.country), ("geo_precision", place.precision)):
            if not values[cell[name]].strip():
                changes[row.cells[cell[name]]] = value
    if changes:
        rewrite.commit((bom + replace_cells(body, changes)).encode("utf-8"))
    filled = sum(1 for row in todo if row.cells[cell["latitude"]] in changes)
    print(f"{path}: filled coordinates for {filled} of {len(todo)} rows that needed them"
          + ("" if changes else "; the file is unchanged"))
    for note in resolution.notes:
        print(f"note: {note}")
    for name, country in resolution.unresolved:
        ids = [r.values[cell["event_id"]] for r in todo if r.values[cell["location"]].strip() == name]
        print(f"unresolved: {name!r}{' in ' + country if country else ''} (events {', '.join(ids)})")
    return 0
