"""ACLED exports as ACLED delivers them, turned into deploymap events.

The mapping (also in the README):

| deploymap | from ACLED |
|---|---|
| event_id | `event_id_cnty` |
| event_date | `event_date` (`2024-10-18` or `18 October 2024`) |
| event_type, sub_event_type | `event_type` (lower case), `sub_event_type` (kept as written) |
| status | `reported` (ACLED codes what its sources report) |
| source | `source` (ACLED's own sources, e.g. `Ukrinform; Kyiv Independent`) |
| actor1, actor2 | `actor1`, `actor2` |
| location, country | `location`; `iso` (numeric) as alpha-2, or `country` by name |
| latitude, longitude | `latitude`, `longitude` |
| geo_precision | `geo_precision` 1 → city, 2 and 3 → region |
| fatalities | `fatalities` |
| summary | `notes` (ACLED's wording, so `wording` is `dataset` and `quote` stays empty) |
| report | empty: the row comes from a dataset, not from a report whose text is kept |
| provenance | the file and ACLED's `timestamp` (not part of what a row says: the same row in a file of another name is unchanged) |
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from deploymap.errors import EventFileError, Problem, shown
from deploymap.ingest.events_file import file_bytes, read_csv_cells, text_column, with_all_columns
from deploymap.ingest.validation import validate_events
from geo.countries import alpha2

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
PRECISION = {"1": "city", "2": "region", "3": "region"}
# Our column -> the ACLED column it came from, for messages about an ACLED file.
ACLED_NAME_OF = {"event_id": "event_id_cnty", "summary": "notes", "country": "iso"}
MAX_PROBLEMS = 200


def is_acled_header(columns: list[str]) -> bool:
    """An ACLED export names its events by ``event_id_cnty`` and carries ``notes``."""
    names = {c.strip() for c in columns}
    return "event_id_cnty" in names and "notes" in names


def read_acled(path: str | Path, data: bytes | None = None) -> pd.DataFrame:
    """The events of an ACLED export, checked as deploymap events; EventFileError names file, line and column."""
    path = Path(path)
    name = str(path)
    data = file_bytes(path) if data is None else data
    table, line_of = read_csv_cells(path, data, ACLED_COLUMNS)
    cells = {column: text_column(table.column(column), strip=column != "notes") for column in ACLED_COLUMNS}
    problems: list[tuple[int, str, str]] = []

    dates = cells["event_date"].map(_acled_date)
    for pos in np.flatnonzero(dates.isna().to_numpy())[:MAX_PROBLEMS]:
        problems.append((int(pos), "event_date",
                         f"is not a date like 2024-10-18 or 18 October 2024, got {shown(cells['event_date'].iloc[pos])}"))
    precision = cells["geo_precision"].map(PRECISION)
    for pos in np.flatnonzero((precision.isna() & (cells["geo_precision"] != "")).to_numpy())[:MAX_PROBLEMS]:
        problems.append((int(pos), "geo_precision", f"must be 1, 2 or 3, got {shown(cells['geo_precision'].iloc[pos])}"))
    if problems:
        problems.sort()
        lines = line_of([pos for pos, _, _ in problems])
        raise EventFileError(name, [Problem(message, line, column) for (_, column, message), line in
                                    zip(problems, lines, strict=True)])

    countries = {(n, c): alpha2(n, c) for n, c in set(zip(cells["iso"], cells["country"], strict=True))}
    notes = cells["notes"]
    fallback = cells["event_type"] + ": " + cells["sub_event_type"] + " in " + cells["location"]
    stamp = cells["timestamp"]
    raw = with_all_columns(pd.DataFrame({
        "event_id": cells["event_id_cnty"],
        "event_date": dates.fillna(""),
        "event_type": cells["event_type"].str.lower(),
        "sub_event_type": cells["sub_event_type"],
        "status": "reported",
        "source": cells["source"].where(cells["source"] != "", "ACLED"),
        "actor1": cells["actor1"],
        "actor2": cells["actor2"],
        "location": cells["location"],
        "country": [countries[key] for key in zip(cells["iso"], cells["country"], strict=True)],
        "latitude": cells["latitude"],
        "longitude": cells["longitude"],
        "geo_precision": precision.fillna(""),
        "fatalities": cells["fatalities"],
        # ACLED's fatalities read as killed: the figure of the row, so it charts with the other estimates.
        "troops": cells["fatalities"].where(cells["fatalities"].str.strip() != "0", ""),
        "counts": np.where((cells["fatalities"] != "") & (cells["fatalities"].str.strip() != "0"), "killed", ""),
        "summary": notes.where(notes.str.strip() != "", fallback),
        "wording": "dataset",
        "report": "",
        "provenance": "ACLED export " + path.name + np.where(stamp != "", ", timestamp " + stamp, "")
                      + "; summary is ACLED's notes, not a verbatim quote",
    }))
    try:
        return validate_events(raw, name, line_of, unit="line")
    except EventFileError as exc:  # name the ACLED file's own columns
        renamed = [Problem(p.message, p.line, ACLED_NAME_OF.get(p.column, p.column), p.unit) for p in exc.problems]
        raise EventFileError(name, renamed, exc.total) from None


def _acled_date(text: str) -> str | None:
    for pattern in ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    return None
