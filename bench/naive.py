"""The naive dashboard the benchmark compares against: what a first version would do.

One folium marker (with a popup) per event, CSV bytes built on every rerun, the event table sent
whole, a cached frame copied on every rerun (``st.cache_data``), the CSV re-read at every start.
"""

from __future__ import annotations

import time

import folium
import pandas as pd
import pyarrow as pa

from deploymap.fields import BY_NAME, COLUMNS
from deploymap.kinds import Text, neutralize_formula
from deploymap.view.filters import EventFilter, filter_mask

# Rendering a marker per event is linear in the events; above this many, a sample is rendered and
# the time and bytes scaled up (reported as such), so the baseline finishes in minutes.
MARKER_SAMPLE = 5_000


def naive_csv(events: pd.DataFrame) -> bytes:
    out = events[list(COLUMNS)].copy()
    for column in (c for c in COLUMNS if isinstance(BY_NAME[c].kind, Text)):
        out[column] = out[column].astype(str).map(neutralize_formula)
    return ("\ufeff" + out.to_csv(index=False)).encode("utf-8")


def naive_map_html(events: pd.DataFrame) -> tuple[str, float]:
    """Folium HTML with one CircleMarker and Popup per mapped event; the scale factor if sampled."""
    mapped = events[events["latitude"].notna()]
    scale = 1.0
    if len(mapped) > MARKER_SAMPLE:
        scale = len(mapped) / MARKER_SAMPLE
        mapped = mapped.iloc[:MARKER_SAMPLE]
    fmap = folium.Map(location=[48, 130], zoom_start=4, tiles=None)
    for row in mapped.itertuples(index=False):
        folium.CircleMarker([row.latitude, row.longitude], radius=6,
                            popup=folium.Popup(f"{row.event_date:%Y-%m-%d} {row.source}: {row.summary}")).add_to(fmap)
    return fmap.get_root().render(), scale


def naive_page(cached: pd.DataFrame, view: EventFilter) -> dict[str, float]:
    """One rerun of the naive page; returns seconds and bytes (scaled where sampled)."""
    started = time.perf_counter()
    events = cached.copy()  # what an st.cache_data hit costs
    filtered = events[filter_mask(events, view)].sort_values(["event_date", "event_id"], ascending=[False, True])
    before_map = time.perf_counter() - started

    started = time.perf_counter()
    html, scale = naive_map_html(filtered)
    map_seconds = (time.perf_counter() - started) * scale

    started = time.perf_counter()
    csv_bytes = naive_csv(filtered)  # eager download bytes, every rerun
    table = pa.Table.from_pandas(filtered[list(COLUMNS)], preserve_index=False)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    after_map = time.perf_counter() - started
    return {"seconds": before_map + map_seconds + after_map, "map_bytes": len(html.encode()) * scale,
            "table_bytes": sink.getvalue().size, "csv_bytes": len(csv_bytes), "sampled": scale > 1}
