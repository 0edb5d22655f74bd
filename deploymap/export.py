"""CSV export of events in the public schema, safe to open in a spreadsheet."""

from __future__ import annotations

import datetime as dt
import io
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from deploymap.fields import BY_NAME
from deploymap.schema import COLUMNS

# OWASP "CSV injection": a cell starting with one of these may be run as a formula. The guard is an
# apostrophe before the cell, and it is reversible: a cell that (after any apostrophes) starts with a
# trigger gets one more apostrophe on export, and loses one on import, so that a file deploymap wrote
# imports back to exactly the same text ("=1" → "'=1" → "=1"; "'=1" → "''=1" → "'=1").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_PATTERN = "^'*[=+\\-@\t\r]"
_GUARDED_PATTERN = "^'+[=+\\-@\t\r]"
# Excel only detects UTF-8 (Cyrillic, Hangul) when the file starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def neutralize_formula(value: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate with an apostrophe, as OWASP recommends (reversibly)."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def restore_formula(value: str) -> str:
    """The cell as it was before ``neutralize_formula``."""
    return value[1:] if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def restore_column(text: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """``restore_formula`` over an Arrow text column (what a CSV deploymap wrote holds)."""
    guarded = pc.match_substring_regex(text, _GUARDED_PATTERN)
    return pc.if_else(guarded, pc.utf8_slice_codeunits(text, 1), text)


def neutralize_column(values: pd.Series) -> pa.Array:
    """``neutralize_formula`` over a column, as Arrow strings (empty cells stay empty)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        # Defuse each distinct value once, not each row.
        categories = [neutralize_formula(str(c)) for c in values.cat.categories]
        codes = pa.array(values.cat.codes.to_numpy(), mask=values.cat.codes.to_numpy() < 0)
        return pc.cast(pa.DictionaryArray.from_arrays(codes, pa.array(categories, pa.large_string())), pa.large_string())
    text = pa.array(values.astype(str)).cast(pa.large_string())
    risky = pc.match_substring_regex(text, _TRIGGER_PATTERN)
    quote, nothing = pa.scalar("'", pa.large_string()), pa.scalar("", pa.large_string())
    return pc.if_else(risky, pc.binary_join_element_wise(quote, text, nothing), text)


def events_to_csv(events: pd.DataFrame) -> bytes:
    """The rows of ``events`` as UTF-8 CSV (with BOM, CRLF) in schema column order."""
    columns = {column: export_column(events[column], BY_NAME[column].kind) for column in COLUMNS}
    out = io.BytesIO()
    out.write(UTF8_BOM.encode("utf-8"))
    pa_csv.write_csv(pa.table(columns), out, pa_csv.WriteOptions(include_header=True, eol="\r\n"))
    return out.getvalue()


def export_column(values: pd.Series, kind: str) -> pa.Array:
    """One column as the text the export writes, by the field's kind; text is formula-safe."""
    if kind == "date":
        return _iso_dates(values)
    if kind == "coordinate":  # the shortest text that reads back as the same number: an export re-imports exactly
        return pc.cast(pa.array(values, pa.float64(), from_pandas=True), pa.string())
    if kind == "number":
        return pc.cast(pa.array(values, pa.int64(), from_pandas=True), pa.string())
    return neutralize_column(values)


def export_file_name(events: pd.DataFrame, start: dt.date | None, end: dt.date | None) -> str:
    """A name that says the date range: the filter's, or the data's own where the filter is open."""
    if start is None and len(events):
        start = events["event_date"].min().date()
    if end is None and len(events):
        end = events["end_date"].fillna(events["event_date"]).max().date()
    if start is None or end is None:
        return "deploymap-events-empty.csv"
    return f"deploymap-events-{start.isoformat()}-to-{end.isoformat()}.csv"


def _iso_dates(values: pd.Series) -> pa.Array:
    days = values.to_numpy().astype("datetime64[D]")
    return pa.array(np.datetime_as_string(days, unit="D"), pa.string(), mask=np.isnat(days))


def events_to_geojson(events: pd.DataFrame) -> tuple[bytes, int]:
    """The events with coordinates as an RFC 7946 FeatureCollection of Points ([longitude, latitude]),
    every field a property; also the number of events left out for lack of coordinates."""
    placed = events["latitude"].notna().to_numpy() & events["longitude"].notna().to_numpy()
    rows = events[placed]
    columns = {name: _json_values(rows[name], BY_NAME[name].kind) for name in COLUMNS}
    features = []
    for i, (lat, lon) in enumerate(zip(rows["latitude"].to_numpy(), rows["longitude"].to_numpy(), strict=True)):
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]},
            "properties": {name: values[i] for name, values in columns.items()},
        })
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, allow_nan=False).encode("utf-8"), int((~placed).sum())


def _json_values(values: pd.Series, kind: str) -> list:
    if kind == "date":
        days = values.to_numpy().astype("datetime64[D]")
        return [None if np.isnat(d) else str(d) for d in days]
    if kind == "number":
        return [None if pd.isna(v) else int(v) for v in values.tolist()]
    if kind == "coordinate":
        return [None if pd.isna(v) else round(float(v), 6) for v in values.tolist()]
    return values.astype(str).tolist()
