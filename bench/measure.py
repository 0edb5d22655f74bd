"""One measurement, in a process of its own so that its peak memory is its own.

    python -m bench.measure MODE EVENTS_CSV CACHE_DIR      (prints one JSON object)

Modes: ``convert`` (first load: CSV to the typed Parquet copy), ``app`` (the real page through
streamlit.testing: start, new sessions, reruns, bytes sent), ``pipeline`` (the bare filter and
aggregation, and the CSV export), ``naive`` (the baseline of bench/naive.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def views(events=None):
    """The filter changes measured, as (name, EventFilter) pairs, on synthetic data."""
    from deploymap.view.filters import EventFilter

    return [
        ("date", EventFilter(start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30))),
        ("source", EventFilter(choices={"source": ("Synthetic source 3",)})),
        ("location", EventFilter(choices={"location": ("Synthetic place 0", "Synthetic place 7")})),
        ("text", EventFilter(text="uniforms")),
    ]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def convert(csv_path: str, cache_dir: str) -> dict:
    from deploymap.ingest.typed_copy import load_events

    seconds, events = timed(lambda: load_events(csv_path, cache_dir))
    return {"convert_seconds": seconds, "rows": len(events), "peak_mb": peak_mb()}


def real_tables_in_apptest() -> None:
    """AppTest keeps every table eager so tests can read it; the benchmark lets the table take the
    path a real server takes (lazy above the page's threshold), or it would time a table no user gets."""
    from streamlit.elements import arrow

    class Config:
        def __init__(self, real):
            self.real = real

        def get_option(self, name):
            return False if name == "global.appTest" else self.real.get_option(name)

    arrow.dataframe_source.config = Config(arrow.dataframe_source.config)


def app(csv_path: str, cache_dir: str) -> dict:
    from streamlit.testing.v1 import AppTest

    from deploymap.ingest.typed_copy import load_events
    from deploymap.pages.dashboard import DRAWN_STATE

    real_tables_in_apptest()
    os.environ.update(DEPLOYMAP_EVENTS=csv_path, DEPLOYMAP_CACHE_DIR=cache_dir,
                      DEPLOYMAP_CONFIG=str(Path(cache_dir) / "no-settings.toml"))
    load_seconds, events = timed(lambda: load_events(csv_path, cache_dir))
    rows = len(events)
    del events

    def session() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
        at.session_state[DRAWN_STATE] = True  # the whole page, as after the browser's follow-up run
        return at

    at = session()
    start_seconds, _ = timed(at.run)  # loads the data into the process's cache
    new_session = []
    for _ in range(REPEATS):
        fresh = session()
        fresh.run()
        new_session.append(fresh.session_state["_script_seconds"])

    changes = {
        "date": (lambda: at.sidebar.date_input(key="f_dates").set_value((dt.date(2023, 1, 1), dt.date(2023, 6, 30))),
                 lambda: at.sidebar.date_input(key="f_dates").set_value((dt.date(2022, 1, 1), dt.date(2026, 1, 30)))),
        "source": (lambda: at.sidebar.multiselect(key="f_source").set_value(["Synthetic source 3"]),
                   lambda: at.sidebar.multiselect(key="f_source").set_value([])),
        "location": (lambda: at.sidebar.multiselect(key="f_location").set_value(["Synthetic place 0", "Synthetic place 7"]),
                     lambda: at.sidebar.multiselect(key="f_location").set_value([])),
        "text": (lambda: at.sidebar.text_input(key="f_text").set_value("uniforms"),
                 lambda: at.sidebar.text_input(key="f_text").set_value("")),
    }
    reruns, round_trips, sent = {}, [], {}
    for name, (apply, undo) in changes.items():
        seconds = []
        for _ in range(REPEATS):
            for change in (apply, undo):
                change()
                round_trips.append(timed(at.run)[0])
                seconds.append(at.session_state["_script_seconds"])  # the page's own time, without the harness
                if not sent:
                    sent = _bytes_sent(at)
        reruns[name] = statistics.median(seconds)
    full = _bytes_sent(at)
    if at.exception:
        raise RuntimeError(f"the page failed: {at.exception}")
    return {"rows": rows, "load_seconds": load_seconds, "start_seconds": start_seconds,
            "new_session_seconds": statistics.median(new_session), "reruns": reruns,
            "round_trip_seconds": statistics.median(round_trips),
            "map_bytes": max(full["map_bytes"], sent.get("map_bytes", 0)),
            "table_bytes": max(full["table_bytes"], sent.get("table_bytes", 0)), "peak_mb": peak_mb()}


def _bytes_sent(at) -> dict:
    component = next(c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium"))
    return {"map_bytes": len(component.proto.json_args.encode()), "table_bytes": at.dataframe[0].proto.ByteSize()}


def pipeline(csv_path: str, cache_dir: str) -> dict:
    from deploymap.fields import COLUMNS
    from deploymap.ingest.typed_copy import load_events
    from deploymap.view.export import events_to_csv
    from deploymap.view.filters import filter_mask
    from deploymap.view.folium_map import build_map
    from deploymap.view.headline import headline
    from deploymap.view.markers import build_markers, with_place_ids

    events = with_place_ids(load_events(csv_path, cache_dir))
    table = pa.Table.from_pandas(events[list(COLUMNS)], preserve_index=False)
    bare = {}
    for name, view in views():
        def step(view=view):
            """The page's data work, without Streamlit or folium: the filter (mask and table rows) and
            the aggregates (markers per place, headline figures)."""
            keep = filter_mask(events, view)
            return table.filter(pa.array(keep)), build_markers(events, keep), headline(events, keep)
        bare[name] = statistics.median(timed(step)[0] for _ in range(REPEATS))
    render = statistics.median(timed(lambda: build_map(build_markers(events)).get_root().render())[0]
                               for _ in range(REPEATS))
    sample = events.iloc[: min(100_000, len(events))]
    export = statistics.median(timed(lambda: events_to_csv(sample))[0] for _ in range(REPEATS))
    return {"rows": len(events), "bare": bare, "render_seconds": render, "export_rows": len(sample),
            "export_seconds": export, "peak_mb": peak_mb()}


def naive(csv_path: str, cache_dir: str) -> dict:
    from bench.naive import naive_csv, naive_page
    from deploymap.ingest.events_file import read_events
    from deploymap.view.filters import EventFilter

    load_seconds, events = timed(lambda: read_events(csv_path))  # no columnar copy: the CSV every start
    first = naive_page(events, EventFilter())
    reruns = {name: naive_page(events, view)["seconds"] for name, view in views()}
    sample = events.iloc[: min(100_000, len(events))]
    export = timed(lambda: naive_csv(sample))[0]
    return {"rows": len(events), "load_seconds": load_seconds, "new_session_seconds": first["seconds"],
            "reruns": reruns, "map_bytes": first["map_bytes"], "table_bytes": first["table_bytes"],
            "sampled": first["sampled"], "export_seconds": export, "peak_mb": peak_mb()}


MODES = {"convert": convert, "app": app, "pipeline": pipeline, "naive": naive}

if __name__ == "__main__":
    mode, csv_file, cache = sys.argv[1:4]
    sys.path.insert(0, str(ROOT))
    print(json.dumps(MODES[mode](csv_file, cache)))
