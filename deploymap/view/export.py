"""CSV export of events in the public schema, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from deploymap.fields import BY_NAME, COLUMNS

# Excel only detects UTF-8 (Cyrillic, Hangul) when the file starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def events_to_csv(events: pd.DataFrame) -> bytes:
    """The rows of ``events`` as UTF-8 CSV (with BOM, CRLF) in schema column order."""
    columns = {column: BY_NAME[column].kind.csv(events[column]) for column in COLUMNS}  # text is formula-safe
    out = io.BytesIO()
    out.write(UTF8_BOM.encode("utf-8"))
    pa_csv.write_csv(pa.table(columns), out, pa_csv.WriteOptions(include_header=True, eol="\r\n"))
    return out.getvalue()


def export_file_name(events: pd.DataFrame, start: dt.date | None, end: dt.date | None, filters: str = "") -> str:
    """A name that says the date range (the filter's, or the data's own where the filter is open) and the other
    filters in short form (``filter_words``)."""
    if start is None and len(events):
        start = events["event_date"].min().date()
    if end is None and len(events):
        end = events["end_date"].fillna(events["event_date"]).max().date()
    if start is None or end is None:
        return f"deploymap-events-empty{'-' + filters if filters else ''}.csv"
    return f"deploymap-events-{start.isoformat()}-to-{end.isoformat()}{'-' + filters if filters else ''}.csv"


MAX_NAME_WORDS = 80  # characters of filters in a file name


def filter_words(choices: Mapping[str, Sequence[str]], ranges: Mapping[str, tuple[int | None, int | None]],
                 text: str) -> str:
    """The filters as a short, safe part of a file name: ``source-nato_location-kursk-region_troops-1000-``.

    Only a-z, 0-9 and ``-``/``_``/``+`` survive (a value is data, never a path or a command); three values
    or more become their count; the whole is cut to ``MAX_NAME_WORDS``."""
    parts = []
    for name, values in choices.items():
        key = BY_NAME[name].url_key or name
        shown = "+".join(_slug(v) for v in values) if len(values) <= 2 else f"{len(values)}-values"
        parts.append(f"{key}-{shown}")
    for name, (low, high) in ranges.items():
        parts.append(f"{BY_NAME[name].url_key or name}-{'' if low is None else low}-{'' if high is None else high}")
    if text:
        parts.append(f"q-{_slug(text)}")
    return "_".join(parts)[:MAX_NAME_WORDS].rstrip("-_+")


def _slug(value: str) -> str:
    folded = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:30] or "x"


def events_to_geojson(events: pd.DataFrame) -> tuple[bytes, int]:
    """The events with coordinates as an RFC 7946 FeatureCollection of Points ([longitude, latitude]),
    every field a property; also the number of events left out for lack of coordinates."""
    placed = events["latitude"].notna().to_numpy() & events["longitude"].notna().to_numpy()
    rows = events[placed]
    columns = {name: BY_NAME[name].kind.json(rows[name]) for name in COLUMNS}
    features = []
    for i, (lat, lon) in enumerate(zip(rows["latitude"].to_numpy(), rows["longitude"].to_numpy(), strict=True)):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
            "properties": {name: values[i] for name, values in columns.items()},
        })
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8"), int((~placed).sum())
