"""Geocode an events file in place: ``python -m geo data/events.csv``.

Fills latitude, longitude, country and geo_precision for every row whose location has no
coordinates yet, and leaves every other cell exactly as it was.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
import tempfile
from pathlib import Path

from geo.resolver import Resolver


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    parser.add_argument("events", type=Path, help="events CSV in the deploymap schema; rewritten in place")
    parser.add_argument("--config", type=Path, default=None, help="settings file (default: deploymap.toml)")
    args = parser.parse_args(argv)

    from deploymap.config import load_settings
    from deploymap.errors import DeploymapError
    from deploymap.loading import read_events

    try:
        read_events(args.events)  # refuse to touch a file that does not validate
        settings = load_settings(args.config)
    except DeploymapError as exc:
        print(exc, file=sys.stderr)
        return 2

    text = args.events.read_bytes().decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    fieldnames = list(reader.fieldnames or [])
    rows = list(reader)
    todo = [r for r in rows if r["location"].strip() and not r["latitude"].strip()]
    resolver = Resolver.from_settings(settings.geo)
    resolution = resolver.resolve((r["location"], r["country"]) for r in todo)
    filled = 0
    for row in todo:
        place = resolution.places.get((row["location"].strip(), row["country"].strip().upper()))
        if place is None:
            continue
        row["latitude"] = f"{place.latitude:.5f}"
        row["longitude"] = f"{place.longitude:.5f}"
        row["country"] = row["country"].strip() or place.country
        row["geo_precision"] = row["geo_precision"].strip() or place.precision
        filled += 1
    _write_atomically(args.events, fieldnames, rows)

    print(f"{args.events}: filled coordinates for {filled} of {len(todo)} rows that needed them")
    for note in resolution.notes:
        print(f"note: {note}")
    for name, country in resolution.unresolved:
        ids = [r["event_id"] for r in todo if r["location"].strip() == name]
        print(f"unresolved: {name!r}{' in ' + country if country else ''} (events {', '.join(ids)})")
    return 0


def _write_atomically(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
