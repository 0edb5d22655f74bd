"""deploymap: troop deployments from reports, on a map beside a filterable event table.

This file is the page only: widgets, layout and caching. The logic lives in ``deploymap/``
(schema, loading, filtering, export, map) and ``geo/`` (geocoding), which import no Streamlit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
import threading
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit_folium import st_folium

import time_panels
from deploymap import conversion
from deploymap.assets import AssetError, install_static_assets
from deploymap.config import Settings, load_settings
from deploymap.conversion import Conversion, in_background
from deploymap.database import Database
from deploymap.dataset import EventSource, event_source, load_placed, open_store, report_text
from deploymap.dataset import stamp as source_stamp
from deploymap.errors import DeploymapError
from deploymap.export import events_to_csv, events_to_geojson, export_file_name
from deploymap.fields import CHOICE, DATE_RANGE, FIELDS, NUMBER_RANGE
from deploymap.filtering import CHOICE_FILTERS, FILTERS, EventFilter, Filter, NumberRange, filter_mask
from deploymap.importing import import_upload
from deploymap.mapview import base_map, marker_layer
from deploymap.markers import build_markers, marker_at
from deploymap.memory import release_freed_memory, share_heaps
from deploymap.placement import Placement
from deploymap.reader_pool import ReaderPool
from deploymap.schema import COLUMNS, has_values
from deploymap.store import copy_is_current, file_stamp, load_events
from deploymap.summary import headline
from deploymap.text import escape_markdown, md, plural, shorten
from deploymap.url_state import dropped_notice, parse_view, view_to_params
from geo import GeoSettings, Resolver, default_cache_dir

st.set_page_config(page_title="deploymap", page_icon="🗺️", layout="wide")
share_heaps()

NUMBER_FILTERS = tuple(one for one in FILTERS if isinstance(one, NumberRange))
MAP_KEY = "event_map"
TABLE_KEY = "event_table"
CLAIMS_KEY = "claim_ids"
# Streamlit cannot select rows in a lazily loaded table: the table shows the newest rows of the view,
# selectable, up to this many; a toggle scrolls every row instead (streamed, without selection).
SELECTABLE_ROWS = 500
ALL_ROWS_KEY = "table_all_rows"
# The grid's own CSV button would export cells without formula neutralisation: the page's
# download button is the one export, and it is safe to open in a spreadsheet. Streamlit's error
# box links to outside search and chat services; on a closed network nothing may point there.
PAGE_STYLE = ('<style>[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"])'
              '{display:none} [data-testid="stException"] a[href^="http"]{display:none}</style>')
CRASH_MESSAGE = ("Something went wrong while drawing this page, and it stopped. Nothing was changed. "
                 "The details are in the server's log; reload the page to try again.")
log = logging.getLogger("deploymap")


def guarded(action: Callable[..., None]) -> Callable[..., None]:
    """The one boundary for the unexpected: the user sees a plain message, the log gets the traceback.

    Streamlit's own stop and rerun signals are BaseExceptions and pass through untouched.
    """

    @functools.wraps(action)
    def run(*args, **kwargs) -> None:
        try:
            action(*args, **kwargs)
        except Exception:
            log.exception("deploymap: %s failed", action.__name__)
            st.error(CRASH_MESSAGE)

    return run


@st.cache_resource(show_spinner=False)
def offline_assets() -> int:
    return len(install_static_assets())


@st.cache_resource(show_spinner="Loading the offline gazetteer…")
def resolver(settings: GeoSettings) -> Resolver:
    return Resolver.from_settings(settings)


@st.cache_resource(show_spinner="Opening the store…")
def store(url: str) -> Database:
    """The store, created and seeded on first use; shared by every session (it holds no open connection)."""
    return open_store(url)


# A shared, read-only object: cache_data would copy a large frame on every rerun. Nothing
# below mutates it; filters make new frames. ``stamp`` changes whenever the events may have.
@st.cache_resource(show_spinner="Reading events…", max_entries=4)
def placed_events(source: EventSource, stamp: tuple, settings: GeoSettings) -> Placement:
    database = store(source.location) if source.writable else None
    return load_placed(source, lambda: resolver(settings), include_retracted=stamp[-1], database=database)


@st.cache_resource(show_spinner=False, max_entries=4)
def filter_choices(source: EventSource, stamp: tuple, settings: GeoSettings) -> dict:
    """The values each choice filter offers, the number ranges and the date range: once per file."""
    events = placed_events(source, stamp, settings).events
    choices: dict = {one.field.name: one.options(events) for one in CHOICE_FILTERS}
    for one in NUMBER_FILTERS:
        values = events[one.field.name].dropna()
        choices[one.field.name] = (int(values.min()), int(values.max())) if len(values) else None
    choices["dates"] = date_bounds(events)
    return choices


@st.cache_resource(show_spinner=False, max_entries=4)
def offered_choices(source: EventSource, stamp: tuple, settings: GeoSettings) -> dict[str, list[str]]:
    """What each choice widget lists (bounded; see ``Choice.offered``): once per file."""
    events = placed_events(source, stamp, settings).events
    every = filter_choices(source, stamp, settings)
    return {one.field.name: one.offered(events, every=every.get(one.field.name)) for one in CHOICE_FILTERS}


@st.cache_resource(show_spinner=False, max_entries=4)
def overview_markers(source: EventSource, stamp: tuple, settings: GeoSettings) -> pd.DataFrame:
    """Markers of the whole file, the view every session opens on: made once, shared read-only."""
    return build_markers(placed_events(source, stamp, settings).events)


@st.cache_resource(show_spinner=False)
def first_open_lock() -> threading.Lock:
    """One first open of a file at a time: a second session waits, then finds the copy made."""
    return threading.Lock()


@st.cache_resource(show_spinner=False, max_entries=4)
def background_conversion(path: str, version: tuple) -> Conversion:
    """The one conversion of this version of a large file, shared by every session that opens it."""
    return Conversion(path, default_cache_dir())


def first_open(source: EventSource) -> EventSource:
    """A file's first open reads and checks every row. A small file is converted while a bar counts its
    rows; a large one in the background, while the page shows its first rows (the source returned)."""
    # Always a slot, bar or not: elements that change places between runs are drawn anew, and the map
    # would lose its iframe on the run after a first open.
    slot = st.empty()
    if source.writable or copy_is_current(source.location, default_cache_dir()):
        return source
    if in_background(source.location):
        job = background_conversion(source.location, file_stamp(source.location))
        if job.error is not None:
            raise job.error
        if not job.done:
            st.session_state["_conversion_to_start"] = job  # once this run has drawn the preview
            with slot.container():
                conversion_progress(job)
            return source.preview()
        return source
    bar = slot.progress(0.0, text=f"Opening {escape_markdown(source.label())} for the first time…")
    with first_open_lock():
        if not copy_is_current(source.location, default_cache_dir()):
            load_events(source.location, default_cache_dir(),
                        progress=lambda done, what: bar.progress(min(max(done, 0.0), 1.0), text=what))
    slot.empty()
    return source


@st.fragment(run_every=1.0)
def conversion_progress(job: Conversion) -> None:
    """How far a large file's first open has got; the whole page is drawn again when it is done."""
    if "_conversion_to_start" not in st.session_state:
        job.start()  # the page run that was to start it did not get that far
    if job.done:
        st.rerun(scope="app")
    st.progress(job.fraction, text=f"{escape_markdown(job.message)} Meanwhile the page shows the file's first "
                                   f"{conversion.PREVIEW_ROWS:,} rows; filters come with the rest.")


def widget_key(one: Filter) -> str:
    """The session-state key of a filter's widget."""
    return "f_text" if one.kind == "text" else "f_dates" if one.kind == DATE_RANGE else f"f_{one.field.name}"


def seed_from_url(choices: dict) -> None:
    """On a session's first run, turn the URL's parameters into widget values."""
    if st.session_state.get("_seeded"):
        return
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    view, notices = parse_view(params, choices)
    dropped = dropped_notice(raw_query_string(), len(params))
    st.session_state["url_notices"] = [dropped, *notices] if dropped else notices
    for one in FILTERS:
        key = widget_key(one)
        if one.kind == CHOICE:
            st.session_state[key] = list(view.chosen(one.field.name))
        elif one.kind == NUMBER_RANGE:
            st.session_state[key + "_min"], st.session_state[key + "_max"] = view.range_of(one.field.name)
        elif one.kind == "text":
            st.session_state[key] = view.text
        else:
            low, high = choices["dates"]
            start = min(max(view.start or low, low), high)
            end = max(min(view.end or high, high), low)
            st.session_state[key] = (start, end)
    st.session_state["_seeded"] = True


def raw_query_string() -> str:
    """The link's query string as the browser sent it, before Streamlit's own limits apply."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return getattr(ctx, "query_string", "") or ""


def date_bounds(events: pd.DataFrame) -> tuple[dt.date, dt.date]:
    low = events["event_date"].min()
    high = events["end_date"].fillna(events["event_date"]).max()
    return low.date(), high.date()


@guarded
def reset_filters() -> None:
    for one in FILTERS:
        key = widget_key(one)
        if one.kind == NUMBER_RANGE:
            st.session_state[key + "_min"] = st.session_state[key + "_max"] = None
        elif one.kind == DATE_RANGE:
            st.session_state.pop(key, None)
        else:
            st.session_state[key] = "" if one.kind == "text" else []
    st.session_state["selection"] = None
    st.session_state["url_notices"] = []


@guarded
def on_map_click() -> None:
    clicked = (st.session_state.get(MAP_KEY) or {}).get("last_object_clicked") or {}
    markers = st.session_state.get("_markers")
    if markers is not None and clicked:
        places = marker_at(markers, clicked.get("lat"), clicked.get("lng"))
        if places:
            st.session_state["selection"] = places


@guarded
def clear_selection() -> None:
    st.session_state["selection"] = None


def follow_data_dates(key: str, low: dt.date, high: dt.date) -> None:
    """Keep the date box in step with the data: an open range stays open when new events widen the data's
    dates (after an import), and a chosen range is kept within them."""
    previous = st.session_state.get("_date_bounds")
    st.session_state["_date_bounds"] = (low, high)
    chosen = st.session_state.get(key)
    if chosen is None or previous is None:
        st.session_state.setdefault(key, (low, high))
        return
    if previous == (low, high):
        return
    start, end = (*chosen, None, None)[:2] if isinstance(chosen, (tuple, list)) else (chosen, None)
    start = low if start is None or start == previous[0] else min(max(start, low), high)
    end = high if end is None or end == previous[1] else max(min(end, high), low)
    st.session_state[key] = (start, end)


def sidebar_filters(choices: dict, offered: dict[str, list[str]]) -> EventFilter:
    """One widget per filter of ``FILTERS``; a filter with nothing to offer in this data is left out."""
    view: dict = {"choices": {}, "ranges": {}}
    with st.sidebar:
        st.header("Filters")
        for one in FILTERS:
            key = widget_key(one)
            if one.kind == DATE_RANGE:
                low, high = choices["dates"]
                follow_data_dates(key, low, high)
                dates = st.date_input(one.label, min_value=low, max_value=high, key=key, format="YYYY-MM-DD")
                start, end = (*dates, None, None)[:2] if isinstance(dates, (tuple, list)) else (dates, None)
                view["start"] = start if start and start != low else None
                view["end"] = end if end and end != high else None
            elif one.kind == CHOICE and choices.get(one.field.name):
                every, listed = choices[one.field.name], offered[one.field.name]
                more = len(every) > len(listed)
                shown_now = [value for value in st.session_state.get(key) or [] if value not in listed]
                chosen = st.multiselect(one.label, [*listed, *shown_now], key=key, accept_new_options=more,
                                        placeholder=f"Any · type to find one of {len(every):,}" if more else "Any",
                                        help=f"The {len(listed):,} values with the most events are listed; type the "
                                             "name of any other." if more else None)
                if chosen:
                    view["choices"][one.field.name] = one.canonical(chosen, every) if more else tuple(chosen)
            elif one.kind == NUMBER_RANGE and choices.get(one.field.name):
                low_col, high_col = st.columns(2)
                low = low_col.number_input(f"{one.label} from", min_value=0, step=1, value=None, key=key + "_min",
                                           placeholder="any")
                high = high_col.number_input("to", min_value=0, step=1, value=None, key=key + "_max", placeholder="any")
                if low is not None or high is not None:
                    view["ranges"][one.field.name] = (None if low is None else int(low), None if high is None else int(high))
            elif one.kind == "text":
                view["text"] = st.text_input(one.label, key=key, placeholder="e.g. uniforms").strip()
        st.button("Reset filters", on_click=reset_filters, width="stretch")
    return EventFilter(**view)


def signed_in_user() -> str | None:
    """Who is signed in, where Streamlit's login is configured; else None (the OS user is recorded)."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name") or "") or None
    except (AttributeError, KeyError, st.errors.StreamlitAPIException):
        pass
    return None


@guarded
def import_upload_now(url: str) -> None:
    """The import button's action: runs before the page is drawn, so the page shows the new events."""
    upload = st.session_state.get("upload")
    if upload is None:
        st.session_state["import_message"] = ("warning", "Choose a file first.")
        return
    try:
        result = import_upload(store(url), upload.name, upload.getvalue(), actor=signed_in_user())
    except DeploymapError as exc:
        st.session_state["import_message"] = ("error", str(exc))
        return
    st.session_state["import_message"] = ("success", f"{upload.name}: {result.describe()}")


def store_panel(source: EventSource, database: Database | None) -> None:
    """Import into the store, and whether retracted events show; a file view is read-only."""
    with st.sidebar:
        st.divider()
        if not source.writable:
            st.caption("This view shows one file, read-only (DEPLOYMAP_EVENTS). Without it, the dashboard shows the "
                       "store, where files can be imported.")
            return
        if database is not None and database.read_only:
            st.caption("The store is on a read-only file system: it is shown as it is, and importing, adding reports "
                       "and retracting are off.")
        else:
            import_panel(source)
        st.toggle("Show retracted events", key="show_retracted",
                  help="Retracted events are kept with their history; they are hidden unless you ask for them.")


def import_panel(source: EventSource) -> None:
    """Upload a file into the store; the outcome of the last import is shown once."""
    with st.expander("Import events", expanded=bool(st.session_state.get("import_message"))):
        st.file_uploader("CSV or Parquet in deploymap's schema, or an ACLED export", type=["csv", "parquet"],
                         key="upload")
        st.button("Import into the store", on_click=import_upload_now, args=(source.location,), width="stretch")
        kind, message = st.session_state.pop("import_message", (None, None))
        if kind == "error":
            st.error("Nothing was imported; the store is as it was.")
            st.code(message, language=None)
        elif kind:
            getattr(st, kind)(escape_markdown(message, limit=600))


def online_tiles_toggle(default: bool) -> bool:
    with st.sidebar:
        st.divider()
        return st.toggle("OpenStreetMap tiles (online)", value=default, key="online_tiles",
                         help="Needs the internet. Off, the map is drawn from the offline Natural Earth basemap.")


def sync_url(view: EventFilter) -> None:
    wanted = view_to_params(view)
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


@st.cache_resource(show_spinner=False, max_entries=4)
def display_table(source: EventSource, stamp: tuple, settings: GeoSettings) -> pa.Table:
    """The schema columns as one Arrow table, made once: the table widget then needs no conversion."""
    events = placed_events(source, stamp, settings).events
    return pa.Table.from_pandas(events[list(COLUMNS)], preserve_index=False)


@st.cache_resource(show_spinner=False, max_entries=4)
def table_columns(source: EventSource, stamp: tuple, settings: GeoSettings) -> list[str]:
    """The table's columns in the order of ``FIELDS``; an optional field that this data never fills is left out."""
    events = placed_events(source, stamp, settings).events
    return [spec.name for spec in FIELDS if not spec.optional_column or has_values(events[spec.name])]


def table_rows(source: EventSource, stamp: tuple, settings: GeoSettings, keep: np.ndarray,
               limit: int | None = SELECTABLE_ROWS) -> pa.Table:
    """The table's rows: the first ``limit`` kept events (newest first), or all kept events without a limit."""
    table = display_table(source, stamp, settings)
    if limit is None:
        return table if keep.all() else table.filter(pa.array(keep))
    return table.take(pa.array(np.flatnonzero(keep)[:limit]))


def column_config(spec) -> st.column_config.Column:
    """How the table shows one field, from its declaration."""
    if spec.kind == "date":
        return st.column_config.DateColumn(spec.label, format="YYYY-MM-DD", help=spec.help or None)
    if spec.kind in ("number", "coordinate"):
        return st.column_config.NumberColumn(spec.label, format="%d" if spec.kind == "number" else "%.4f",
                                             help=spec.help or None, width=spec.width)
    return st.column_config.TextColumn(spec.label, help=spec.help or None, width=spec.width)


TABLE_CONFIG = {spec.name: column_config(spec) for spec in FIELDS}


def selected_event(events: pd.DataFrame, in_rows: np.ndarray) -> pd.Series | None:
    """The event of the row selected in the table (its position among the rows shown), if any."""
    if st.session_state.get(ALL_ROWS_KEY) and in_rows.sum() > SELECTABLE_ROWS:
        return None  # the streamed table has no selection
    state = st.session_state.get(TABLE_KEY) or {}
    rows = (state.get("selection") or {}).get("rows") or []
    if not rows:
        return None
    positions = np.flatnonzero(in_rows)[:SELECTABLE_ROWS]
    return events.iloc[int(positions[rows[0]])] if 0 <= rows[0] < len(positions) else None


@guarded
def clear_claims() -> None:
    st.session_state[CLAIMS_KEY] = None


def show_table(rows: pa.Table, columns: list[str], streamed: bool) -> None:
    """The event table: selectable rows, or (``streamed``) every row loaded from the server as the user scrolls."""
    st.dataframe(
        rows,
        key=TABLE_KEY + "_all" if streamed else TABLE_KEY,
        on_select="ignore" if streamed else "rerun",
        selection_mode="single-row",
        hide_index=True,
        lazy=streamed,
        height=min(540, 56 + 35 * max(rows.num_rows, 1)),  # header, rows, scrollbar; no empty grid below
        placeholder="",
        column_order=columns,
        column_config=TABLE_CONFIG,
    )


def table_header(events: pd.DataFrame, in_rows: np.ndarray, selection: tuple | None, claim_ids: tuple | None) -> bool:
    """What limits the table, and its count; returns whether the table streams every row."""
    if selection:
        note, button = st.columns([3, 1], vertical_alignment="center")
        note.info(md("Table limited to **{place}** (clicked on the map).", place=selection[0]) if len(selection) == 1
                  else f"Table limited to the **{len(selection):,} places** of the clicked area (clicked on the map).")
        button.button("Show all places", on_click=clear_selection, key="clear_selection")
    if claim_ids:
        note, button = st.columns([3, 1], vertical_alignment="center")
        note.info(f"Table limited to {plural(len(claim_ids), 'claim')} picked on the estimates chart.")
        button.button("Show all claims", on_click=clear_claims, key="clear_claims")
    count = int(in_rows.sum())
    streamed = count > SELECTABLE_ROWS and st.toggle(
        f"Scroll all {count:,} rows (row selection off)", key=ALL_ROWS_KEY,
        help=f"The table shows the newest {SELECTABLE_ROWS:,} rows of the view, and you can select one. "
             "Switched on, it streams every row as you scroll, and sorting a column sorts them all.")
    shown = ("" if streamed or count <= SELECTABLE_ROWS
             else f" · showing the newest {SELECTABLE_ROWS:,} (sorting a column sorts these; the downloads hold all)")
    action = "scroll to load more" if streamed else "select a row to read its claim in its report"
    st.caption(f"{count:,} of {plural(len(events), 'event')}, newest first{shown} · {action}")
    return bool(streamed)


def map_caption(events: pd.DataFrame, markers: pd.DataFrame, on_map: np.ndarray) -> None:
    unmapped = int((on_map & events["latitude"].isna().to_numpy()).sum())
    binned = bool(markers["binned"].any())
    shown = plural(len(markers), "area") if binned else plural(len(markers), "place")
    verb = "names" if unmapped == 1 else "name"
    st.caption(f"{shown} on the map · {unmapped:,} of {plural(int(on_map.sum()), 'event')} {verb} no mappable "
               "place and appear in the table only. Click a marker to list its events"
               + (" (nearby places are grouped; click an area to see its places)." if binned else "."))


def downloads(events: pd.DataFrame, in_rows: np.ndarray, view: EventFilter) -> None:
    """The view as CSV and as GeoJSON, each built only when its button is clicked."""
    count = int(in_rows.sum())
    file_name = export_file_name(events[["event_date", "end_date"]][in_rows], view.start, view.end)
    csv_column, geojson_column = st.columns([2, 1])
    csv_column.download_button(
        f"Download {'this row' if count == 1 else f'these {count:,} rows'} as CSV",
        data=lambda: events_to_csv(events[in_rows]),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    geojson_column.download_button(
        "GeoJSON",
        data=lambda: events_to_geojson(events[in_rows])[0],
        file_name=file_name.removesuffix(".csv") + ".geojson",
        mime="application/geo+json",
        on_click="ignore",
        icon=":material/map:",
        help="The rows with coordinates, as GeoJSON points with every field; rows without a place are left out.",
    )


def main() -> None:
    started = time.perf_counter()
    st.html(PAGE_STYLE)
    try:
        offline_assets()
        map_problem = None
    except AssetError as exc:  # the table and the export still work without the map's files
        map_problem = str(exc)
    try:
        settings: Settings = load_settings()
        source = event_source()
        database = store(source.location) if source.writable else None
        source = first_open(source)
        stamp = (*source_stamp(source, database), bool(st.session_state.get("show_retracted")) and source.writable)
        placement = placed_events(source, stamp, settings.geo)
        choices = filter_choices(source, stamp, settings.geo)
    except DeploymapError as exc:
        st.title("deploymap")
        st.error("The events could not be loaded; nothing was changed. Fix the file or the store's settings and "
                 "reload the page.")
        st.code(str(exc), language=None)
        st.stop()
    events = placement.events

    if source.kind == "preview":  # the first rows of a large file: the filters wait for every value
        with st.sidebar:
            st.header("Filters")
            st.caption("The filters, and the link's view, apply once every row of the file is checked.")
        view = EventFilter()
    else:
        seed_from_url(choices)
        view = sidebar_filters(choices, offered_choices(source, stamp, settings.geo))
    store_panel(source, database)
    online_tiles = online_tiles_toggle(settings.online_tiles)
    if source.kind != "preview":
        sync_url(view)

    in_view = filter_mask(events, view)
    selection = st.session_state.get("selection")
    in_rows = in_view & events["location"].isin(selection).to_numpy() if selection else in_view
    if selection and not in_rows.any():
        selection = st.session_state["selection"] = None
        in_rows = in_view
    claim_ids = st.session_state.get(CLAIMS_KEY)
    if claim_ids:  # points picked on the estimates chart
        picked = in_rows & events["event_id"].isin(claim_ids).to_numpy()
        in_rows = picked if picked.any() else in_rows
    chosen_row = selected_event(events, in_rows)  # a row selected in the table
    # A clicked area (several places) is drilled into: the map then shows its places one by one.
    drilled = bool(selection) and len(selection) > 1
    on_map = in_rows if drilled else in_view
    markers = overview_markers(source, stamp, settings.geo) if on_map.all() else build_markers(events, on_map)
    st.session_state["_markers"] = markers

    st.title("deploymap")
    st.caption(md("Troop deployments as the reports tell them · {count} from {source} · every row carries its source "
                  "and the sentence that supports it", count=plural(len(events), "event"), source=source.label()))
    for notice in st.session_state.get("url_notices", []):
        st.warning(escape_markdown(notice, limit=600), icon="🔗")  # a shared link is untrusted text
    for note in placement.notes:
        st.info(escape_markdown(note, limit=600))

    figure_row = st.container()  # filled after the map: see below

    # What a filter change waits for goes out first: the table's count, then the map's markers; the
    # headline figures, the grid, the timeline and the estimates follow (each lands in its place
    # on the page whatever the order it is sent in).
    map_column, table_column = st.columns([0.9, 1.1], gap="medium")
    with table_column:
        streamed = table_header(events, in_rows, selection, claim_ids)
    with map_column:
        if map_problem:
            st.error(md("The map cannot be shown: {problem}. The table and the export still work; reinstall with "
                        "`pip install -r requirements.txt` and reload.", problem=shorten(map_problem, 600)))
        else:
            highlight = (str(chosen_row["location"]),) if chosen_row is not None and str(chosen_row["location"]) else None
            # The map itself changes only when its opening view does (a drilled area, the tiles); a filter
            # change sends the new markers as a layer, so the browser keeps the map and its basemap drawn.
            view_markers = markers if drilled else overview_markers(source, stamp, settings.geo)
            layer = marker_layer(markers, selected=highlight or (None if drilled else selection),
                                 open_popup=highlight[0] if highlight else None)
            st_folium(base_map(view_markers, online_tiles=online_tiles), key=MAP_KEY, height=540,
                      use_container_width=True, feature_group_to_add=layer,
                      returned_objects=["last_object_clicked"], on_change=on_map_click)
        map_caption(events, markers, on_map)
    with figure_row:
        figures = headline(events, in_rows)
        for column, figure in zip(st.columns(len(figures)), figures, strict=True):
            column.metric(figure.label, figure.value)
            if figure.note:
                column.caption(escape_markdown(figure.note))
    with table_column:
        show_table(table_rows(source, stamp, settings.geo, in_rows, None if streamed else SELECTABLE_ROWS),
                   table_columns(source, stamp, settings.geo), streamed)
        downloads(events, in_rows, view)
        if chosen_row is not None:
            time_panels.claim_panel(chosen_row, report_text(source, str(chosen_row["report"]), database))
    with map_column:
        dated = view.start is not None or view.end is not None  # only then does the timeline need its own mask
        undated = filter_mask(events, dataclasses.replace(view, start=None, end=None)) if dated else in_view
        time_panels.timeline(events, undated, *choices["dates"], date_key="f_dates")
    time_panels.estimates(events, in_view, ids_key=CLAIMS_KEY)

    # How long this run of the script took: the benchmark reads it (a test harness adds its own overhead).
    st.session_state["_script_seconds"] = time.perf_counter() - started
    release_freed_memory()  # this run's temporary arrays: back to the system, not kept per thread
    job = st.session_state.pop("_conversion_to_start", None)
    if job is not None:
        job.start()

    if len(placement.unresolved):
        with st.expander(f"⚠️ {plural(len(placement.unresolved), 'place name')} could not be resolved", expanded=True):
            st.write("These rows stay in the table and the export; they are not on the map.")
            st.dataframe(placement.unresolved, hide_index=True)



@st.cache_resource(show_spinner=False)
def reader_pool() -> ReaderPool:
    """The one process that reads pasted reports, shared by every session (see ``deploymap.reader_pool``)."""
    return ReaderPool()


def add_report_page() -> None:
    import add_report

    settings = load_settings()
    source = event_source()
    database = store(source.location) if source.writable else None
    add_report.render(database, reader_pool(), resolver(settings.geo), signed_in_user())


# The dashboard is the default page: its links (?source=…) keep working at the site's root.
navigation = st.navigation([st.Page(guarded(main), title="Dashboard", icon=":material/map:", default=True),
                            st.Page(guarded(add_report_page), title="Add a report", icon=":material/post_add:",
                                    url_path="add-report")])
navigation.run()
