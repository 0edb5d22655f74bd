"""The dashboard page: headline figures, the map beside the event table, the time panels, the downloads.

Widgets, layout and caching only; the logic lives in ``deploymap.view`` and the packages it reads from."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit_folium import st_folium

from deploymap.assets import AssetError
from deploymap.config import Settings, load_settings
from deploymap.errors import DeploymapError
from deploymap.fields import BY_NAME, COLUMNS, FIELDS, RETRACTED_COLUMN, has_values
from deploymap.ingest.placement import Placement
from deploymap.memory import release_freed_memory
from deploymap.pages import time_panels
from deploymap.pages.common import PAGE_STYLE, guarded, offline_assets, reader_pool, resolver, store
from deploymap.pages.first_open import first_open
from deploymap.pages.sidebar import (
    current_view,
    date_bounds,
    draw_filters,
    online_tiles_toggle,
    seed_from_url,
    store_panel,
    sync_url,
)
from deploymap.pages.signin import may, require
from deploymap.store.database import Database
from deploymap.text import escape_markdown, md, plural, shorten
from deploymap.view.dataset import EventSource, event_source, load_placed, stored_report
from deploymap.view.dataset import stamp as source_stamp
from deploymap.view.export import events_to_csv, events_to_geojson, export_file_name, filter_words
from deploymap.view.filters import CHOICE_FILTERS, FILTERS, EventFilter, NumberRange, facets, filter_mask
from deploymap.view.folium_map import base_map, marker_layer
from deploymap.view.headline import headline
from deploymap.view.markers import build_markers, marker_at
from deploymap.view.selection import select
from deploymap.view.url_state import view_to_params
from geo import GeoSettings

NUMBER_FILTERS = tuple(one for one in FILTERS if isinstance(one, NumberRange))


MAP_KEY = "event_map"
MAP_HEIGHT = 600


TABLE_KEY = "event_table"


CLAIMS_KEY = "claim_ids"


EVENT_STATE, PINNED_STATE = "event", "event_pinned_view"  # the selected claim; the link's view it came with


# Streamlit cannot select rows in a lazily loaded table: the table shows the newest rows of the view,
# selectable, up to this many; a toggle scrolls every row instead (streamed, without selection).
SELECTABLE_ROWS = 500


ALL_ROWS_KEY = "table_all_rows"


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


@st.cache_resource(show_spinner=False, max_entries=4)
def display_table(source: EventSource, stamp: tuple, settings: GeoSettings) -> pa.Table:
    """The schema columns as one Arrow table, made once: the table widget then needs no conversion."""
    events = placed_events(source, stamp, settings).events
    shown = [*COLUMNS, RETRACTED_COLUMN] if RETRACTED_COLUMN in events else list(COLUMNS)
    return pa.Table.from_pandas(events[shown], preserve_index=False)


@st.cache_resource(show_spinner=False, max_entries=4)
def table_columns(source: EventSource, stamp: tuple, settings: GeoSettings) -> list[str]:
    """The table's columns in the order of ``FIELDS``; an optional field that this data never fills is left out."""
    events = placed_events(source, stamp, settings).events
    marked = [RETRACTED_COLUMN] if RETRACTED_COLUMN in events else []
    return [*marked, *(spec.name for spec in FIELDS if not spec.optional_column or has_values(events[spec.name]))]


def table_rows(source: EventSource, stamp: tuple, settings: GeoSettings, keep: np.ndarray,
               limit: int | None = SELECTABLE_ROWS) -> pa.Table:
    """The table's rows: the first ``limit`` kept events (newest first), or all kept events without a limit."""
    table = display_table(source, stamp, settings)
    if limit is None:
        return table if keep.all() else table.filter(pa.array(keep))
    return table.take(pa.array(np.flatnonzero(keep)[:limit]))


def column_config(spec) -> st.column_config.Column:
    """How the table shows one field: its kind says which column and how (``kinds.Kind.table_column``)."""
    kind, arguments = spec.kind.table_column(spec.label, spec.help, spec.width)
    return getattr(st.column_config, kind)(**arguments)


TABLE_CONFIG = {spec.name: column_config(spec) for spec in FIELDS} | {
    RETRACTED_COLUMN: st.column_config.CheckboxColumn("Retracted", help="Retracted: kept with its history, hidden "
                                                      "unless Show retracted events is on", width="small")}


def shown_ids(source: EventSource, stamp: tuple, settings: GeoSettings, in_rows: np.ndarray) -> list[str]:
    """The event ids of the selectable table's rows, in order."""
    positions = np.flatnonzero(in_rows)[:SELECTABLE_ROWS]
    return display_table(source, stamp, settings).column("event_id").take(pa.array(positions)).to_pylist()


def choose_event(event_id: str | None) -> None:
    """Select a claim (None: none); the analyst chose it, so it no longer rides on a link's pin."""
    st.session_state[EVENT_STATE] = event_id
    st.session_state[PINNED_STATE] = None


@guarded
def clear_event() -> None:
    choose_event(None)


def pinned(view: EventFilter) -> bool:
    """Whether the selected claim came from the link and the view is still the link's."""
    return st.session_state.get(PINNED_STATE) == view_to_params(view)


@guarded
def retract_now(database: Database, event_id: str, restore: bool) -> None:
    """The retract (or restore) button's action: the server's role check, then a new version; nothing is deleted."""
    action = "restore" if restore else "retract"
    reason = str(st.session_state.get("retract_reason") or "").strip()
    try:
        actor = require(action).actor
        if not reason:
            raise DeploymapError(f"say why the claim is {action}d (the reason is kept in its history)")
        database.retract(event_id, reason, actor, restore=restore)
    except DeploymapError as exc:
        st.session_state["retract_message"] = str(exc)


def retract_controls(database: Database, event_id: str, retracted: bool) -> None:
    """An admin's controls on the open claim: retract it, or restore it, with a reason."""
    message = st.session_state.pop("retract_message", None)
    if message:
        st.error(escape_markdown(message, limit=600))
    reason, button = st.columns([3, 1], vertical_alignment="bottom")
    reason.text_input("Reason", key="retract_reason", placeholder="why (kept in the claim's history)")
    button.button("Restore" if retracted else "Retract", key="retract_event", on_click=retract_now,
                  args=(database, event_id, retracted), icon=":material/undo:" if retracted else ":material/block:")


@guarded
def clear_claims() -> None:
    st.session_state[CLAIMS_KEY] = None


def show_table(rows: pa.Table, columns: list[str], streamed: bool, ids: list[str], chosen: str | None) -> None:
    """The event table: selectable rows, or (``streamed``) every row loaded from the server as the user scrolls.

    A row is selected by its event: the table's key follows the rows it shows, and the selected claim's
    row (if shown) is ticked, so a tick never stays on a position that now holds another event."""
    key = TABLE_KEY + "_all" if streamed else f"{TABLE_KEY}_{hashlib.sha256(chr(0).join(ids).encode()).hexdigest()[:16]}"

    def on_select() -> None:
        picked = ((st.session_state.get(key) or {}).get("selection") or {}).get("rows") or []
        choose_event(ids[picked[0]] if picked and 0 <= picked[0] < len(ids) else None)

    default = {"selection": {"rows": [ids.index(chosen)]}} if chosen in ids and not streamed else None
    st.dataframe(
        rows,
        key=key,
        on_select="ignore" if streamed else on_select,
        selection_mode="single-row",
        selection_default=default,
        hide_index=True,
        lazy=streamed,
        height=min(540, 56 + 35 * max(rows.num_rows, 1)),  # header, rows, scrollbar; no empty grid below
        placeholder="",
        column_order=columns,
        column_config=TABLE_CONFIG,
    )


FIRST_ROWS = 12
FIRST_COLUMNS = ("event_date", "location", "source", "troops", "counts", "status", "summary")


def first_rows(events: pd.DataFrame, in_rows: np.ndarray) -> None:
    """The view's newest rows as a plain table, on a session's first screen: the interactive table (with its
    selection, sorting and scrolling) replaces it a moment later, once the map is drawn. Escaped HTML, not
    st.table, whose cells are Markdown: a row's text is data, never a link or an image."""
    rows = events.iloc[np.flatnonzero(in_rows)[:FIRST_ROWS]]
    specs = [BY_NAME[name] for name in FIRST_COLUMNS if name in rows]
    head = "".join(f"<th>{html.escape(spec.label)}</th>" for spec in specs)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(shorten(spec.kind.shown(value), 90))}</td>"
                                    for spec, value in zip(specs, row, strict=True)) + "</tr>"
                   for row in rows[[spec.name for spec in specs]].itertuples(index=False))
    st.html('<div data-testid="first-rows" style="height:470px;overflow:hidden;font-size:.85rem">'
            '<table style="width:100%;border-collapse:collapse"><thead style="text-align:left;color:#555">'
            f"<tr>{head}</tr></thead><tbody>{body}</tbody></table></div>")


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
    """The view as CSV and as GeoJSON, each built only when its button is clicked; the file names say the view."""
    count = int(in_rows.sum())
    unplaced = int((in_rows & events["latitude"].isna().to_numpy()).sum())
    file_name = export_file_name(events[["event_date", "end_date"]][in_rows], view.start, view.end,
                                 filter_words(view.choices, view.ranges, view.text))
    csv_column, geojson_column = st.columns([1, 1], gap="small")
    csv_column.download_button(
        f"CSV of {'this row' if count == 1 else f'these {count:,} rows'}",
        data=lambda: events_to_csv(events[in_rows]),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    geojson_column.download_button(
        f"GeoJSON ({unplaced:,} left out)" if unplaced else "GeoJSON",
        data=lambda: events_to_geojson(events[in_rows])[0],
        file_name=file_name.removesuffix(".csv") + ".geojson",
        mime="application/geo+json",
        on_click="ignore",
        icon=":material/map:",
        help=f"The rows with coordinates, as GeoJSON points with every field. {plural(unplaced, 'row')} without a "
             "place on the map " + ("is" if unplaced == 1 else "are") + " left out; the CSV has every row.",
    )


# A session's first run draws what the first screen needs (headline, map, table); the rest (filters, charts,
# downloads, the claim panel) follows in a second run that the page asks for once it has drawn them. The
# browser builds the page on one thread: the map's frame would otherwise wait for the charts' and the
# widgets' scripts (python -m bench.browser measures it).
DRAWN_STATE = "_first_screen_drawn"
ARMED_STATE = "_rest_armed"
PREVIEWED_STATE = "_previewed"  # the session is showing a large file's first rows while the rest is checked


@st.fragment(run_every=0.3)
def the_rest_follows() -> None:
    """Asks, from the browser, for the run that draws the rest: its first call is the first run's own; its
    first tick comes once the browser has drawn that run."""
    if st.session_state.get(ARMED_STATE):
        st.session_state[DRAWN_STATE] = True
        st.rerun(scope="app")
    st.session_state[ARMED_STATE] = True


def main() -> None:
    started = time.perf_counter()
    first_screen = not st.session_state.get(DRAWN_STATE)
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
        if source.is_preview:
            st.session_state[PREVIEWED_STATE] = True
        elif st.session_state.pop(PREVIEWED_STATE, False):
            # The whole file has just arrived after its first rows: its first screen first, as for a new session
            # (the filters' counts, the charts and the full table of a million rows follow a moment later).
            first_screen = True
            st.session_state[DRAWN_STATE] = st.session_state[ARMED_STATE] = False
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

    filters_slot = st.sidebar.container()  # filled last: see draw_filters
    if source.is_preview:  # the first rows of a large file: the filters wait for every value
        with filters_slot:
            st.header("Filters")
            st.caption("The filters, and the link's view, apply once every row of the file is checked.")
        view = EventFilter()
    else:
        seed_from_url(choices)
        view = current_view(choices, offered_choices(source, stamp, settings.geo))
    store_panel(source, database)
    online_tiles = online_tiles_toggle(settings.online_tiles)

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
    selected = select(events["event_id"], in_rows, st.session_state.get(EVENT_STATE), pinned(view))
    if not selected.keep:
        choose_event(None)
    chosen_row = events.iloc[selected.position] if selected.position is not None else None
    if not source.is_preview:
        sync_url(view, None if chosen_row is None else str(chosen_row["event_id"]))
    # A clicked area (several places) is drilled into: the map then shows its places one by one.
    drilled = bool(selection) and len(selection) > 1
    on_map = in_rows if drilled else in_view
    if selected.outside:  # a claim the link names is on the map too, though the filters leave it out
        on_map = on_map.copy()
        on_map[selected.position] = True
    markers = overview_markers(source, stamp, settings.geo) if on_map.all() else build_markers(events, on_map)
    st.session_state["_markers"] = markers

    st.title("deploymap")
    st.caption(md("Troop deployments as the reports tell them · {count} from {source} · every row carries its source "
                  "and the sentence that supports it", count=plural(len(events), "event"), source=source.label()))
    for notice in st.session_state.get("url_notices", []):
        st.warning(escape_markdown(notice, limit=600), icon="🔗")  # a shared link is untrusted text
    for note in placement.notes:
        st.info(escape_markdown(note, limit=600))
    if selected.note and not selected.outside:
        st.info(escape_markdown(selected.note, limit=600), icon="📌")

    figure_row = st.container()  # filled after the map: see below

    # What a filter change waits for goes out first: the table's count, then the map's markers; the
    # headline figures, the grid, the timeline and the estimates follow (each lands in its place
    # on the page whatever the order it is sent in).
    map_column, table_column = st.columns([1.1, 0.9], gap="medium")
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
            # The clicked place's popup opens again in the new layer (the click's rerun replaces the markers).
            clicked = selection[0] if selection and len(selection) == 1 else None
            layer = marker_layer(markers, selected=highlight or (None if drilled else selection),
                                 open_popup=highlight[0] if highlight else clicked)
            st_folium(base_map(view_markers, online_tiles=online_tiles), key=MAP_KEY, height=MAP_HEIGHT,
                      use_container_width=True, feature_group_to_add=layer,
                      returned_objects=["last_object_clicked"], on_change=on_map_click)
        map_caption(events, markers, on_map)
    with figure_row:
        figures = headline(events, in_rows, on_map)  # places: what the map draws
        for column, figure in zip(st.columns(len(figures)), figures, strict=True):
            column.metric(figure.label, figure.value)
            if figure.note:
                column.caption(escape_markdown(figure.note))
    with table_column:
        if first_screen:
            first_rows(events, in_rows)
        else:
            show_table(table_rows(source, stamp, settings.geo, in_rows, None if streamed else SELECTABLE_ROWS),
                       table_columns(source, stamp, settings.geo), streamed,
                       [] if streamed else shown_ids(source, stamp, settings.geo, in_rows),
                       None if chosen_row is None else str(chosen_row["event_id"]))
        if not first_screen:
            downloads(events, in_rows, view)
        if chosen_row is not None and not first_screen:
            event_id = str(chosen_row["event_id"])
            time_panels.claim_panel(chosen_row, stored_report(source, str(chosen_row["report"]), database),
                                    outside=selected.note if selected.outside else "",
                                    versions=database.versions(event_id) if database is not None else None)
            if database is not None and not database.read_only and may("retract"):
                retract_controls(database, event_id, bool(chosen_row.get(RETRACTED_COLUMN, False)))
            st.button("Close this claim", on_click=clear_event, key="clear_event", icon=":material/close:")
    if first_screen:
        the_rest_follows()
    else:
        with map_column:
            dated = view.start is not None or view.end is not None  # only then does the timeline need its own mask
            undated = filter_mask(events, dataclasses.replace(view, start=None, end=None)) if dated else in_view
            time_panels.timeline(events, undated, *choices["dates"], date_key="f_dates")
        time_panels.estimates(events, in_view, ids_key=CLAIMS_KEY)
    if not source.is_preview:
        if first_screen:
            with filters_slot:
                st.header("Filters")
                st.caption("The filters come in a moment, once the map and the table are drawn.")
        else:
            draw_filters(filters_slot, choices, offered_choices(source, stamp, settings.geo),
                         facets(events, view, [name for name, every in choices.items() if every]))

    # How long this run of the script took: the benchmark reads it (a test harness adds its own overhead).
    st.session_state["_script_seconds"] = time.perf_counter() - started
    release_freed_memory()  # this run's temporary arrays: back to the system, not kept per thread

    if len(placement.unresolved):
        with st.expander(f"⚠️ {plural(len(placement.unresolved), 'place name')} could not be resolved", expanded=True):
            st.write("These rows stay in the table and the export; they are not on the map.")
            st.dataframe(placement.unresolved, hide_index=True)


def add_report_page() -> None:
    from deploymap.pages import add_report

    settings = load_settings()
    source = event_source()
    database = store(source.location) if source.writable else None
    add_report.render(database, reader_pool(), resolver(settings.geo), lambda: require("add report").actor)


def changes_page() -> None:
    from deploymap.pages import changes

    source = event_source()
    changes.render(store(source.location) if source.writable else None)
