"""The dashboard's sidebar: a widget per filter of ``view.filters.FILTERS``, seeded from the link and written
back to it, and the store's import panel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from deploymap.errors import DeploymapError
from deploymap.ingest.imports import import_upload
from deploymap.pages.common import guarded, store
from deploymap.pages.signin import may, require
from deploymap.store.database import Database
from deploymap.text import escape_markdown
from deploymap.view.dataset import EventSource
from deploymap.view.filters import FILTERS, Choice, DateRange, EventFilter, NumberRange, TextSearch
from deploymap.view.selection import EVENT_KEY, parse_event
from deploymap.view.url_state import dropped_notice, parse_view, view_to_params


def seed_from_url(choices: dict) -> None:
    """On a session's first run, turn the URL's parameters into widget values."""
    if st.session_state.get("_seeded"):
        return
    params = {name: st.query_params.get_all(name) for name in st.query_params}
    view, notices = parse_view(params, choices)
    dropped = dropped_notice(raw_query_string(), len(params))
    st.session_state["url_notices"] = [dropped, *notices] if dropped else notices
    for one in FILTERS:
        st.session_state.update(one.widget_state(view, choices))
    event, notice = parse_event(params.get(EVENT_KEY, []))
    if notice:
        st.session_state["url_notices"].append(notice)
    # A claim the link names is shown even outside the link's filters, until the analyst changes the view.
    st.session_state["event"], st.session_state["event_pinned_view"] = event, view_to_params(view) if event else None
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
    bounds = st.session_state.get("_date_bounds")
    for one in FILTERS:
        if isinstance(one, DateRange):
            st.session_state.pop(one.widget_key, None)  # the date box then follows the data's dates
        else:
            st.session_state.update(one.widget_state(EventFilter(), {"dates": bounds}))
    st.session_state["selection"] = None
    st.session_state["url_notices"] = []


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


def current_view(choices: dict, offered: dict[str, list[str]]) -> EventFilter:
    """The view the filter widgets hold (their keyed state), read before they are drawn, so that the choice
    lists can show how many events of this very view each value has."""
    view: dict = {"choices": {}, "ranges": {}}
    for one in FILTERS:
        READERS[type(one)](one, choices, offered, view)
    return EventFilter(**view)


def draw_filters(slot, choices: dict, offered: dict[str, list[str]], counts: Mapping[str, Mapping[str, int]]) -> None:
    """One widget per filter of ``FILTERS`` in ``slot`` (a sidebar container); a filter with nothing to offer in this
    data is left out. ``counts`` are each choice field's facets (``filters.facets``), shown in its list.

    Drawn last on the page: the view is read from the widgets' state before (``current_view``), so the count
    and the map go out first and the browser draws them before the sidebar's widgets."""
    with slot:
        st.header("Filters")
        for one in FILTERS:
            WIDGETS[type(one)](one, choices, offered, counts.get(getattr(getattr(one, "field", None), "name", ""), {}))
        st.button("Reset filters", on_click=reset_filters, width="stretch")


def read_dates(one: DateRange, choices: dict, offered: dict, view: dict) -> None:
    low, high = choices["dates"]
    follow_data_dates(one.widget_key, low, high)
    dates = st.session_state.get(one.widget_key)
    start, end = (*dates, None, None)[:2] if isinstance(dates, (tuple, list)) else (dates, None)
    view["start"] = start if start and start != low else None
    view["end"] = end if end and end != high else None


def date_widget(one: DateRange, choices: dict, offered: dict, counts: Mapping[str, int]) -> None:
    low, high = choices["dates"]
    st.date_input(one.label, min_value=low, max_value=high, key=one.widget_key, format="YYYY-MM-DD")


def read_choice(one: Choice, choices: dict, offered: dict, view: dict) -> None:
    if not choices.get(one.field.name):
        return
    every, listed = choices[one.field.name], offered[one.field.name]
    chosen = list(st.session_state.get(one.widget_key) or [])
    if chosen:
        view["choices"][one.field.name] = one.canonical(chosen, every) if len(every) > len(listed) else tuple(chosen)


def choice_widget(one: Choice, choices: dict, offered: dict, counts: Mapping[str, int]) -> None:
    if not choices.get(one.field.name):
        return
    every, listed = choices[one.field.name], offered[one.field.name]
    more = len(every) > len(listed)
    shown_now = [value for value in st.session_state.get(one.widget_key) or [] if value not in listed]
    # Busiest first in this view (a value the view leaves out last, with no count), like Datasette's facets.
    ordered = sorted([*listed, *shown_now], key=lambda value: -counts.get(value, 0))
    st.multiselect(one.label, ordered, key=one.widget_key, accept_new_options=more,
                   format_func=lambda value: f"{value} · {counts[value]:,}" if value in counts else value,
                   placeholder=f"Any · type to find one of {len(every):,}" if more else "Any",
                   help=("Each value with how many events of this view have it. " +
                         (f"The {len(listed):,} values with the most events are listed; type the name of any other."
                          if more else "")).strip())


def read_range(one: NumberRange, choices: dict, offered: dict, view: dict) -> None:
    if not choices.get(one.field.name):
        return
    low, high = (st.session_state.get(one.widget_key + suffix) for suffix in ("_min", "_max"))
    if low is not None or high is not None:
        view["ranges"][one.field.name] = (None if low is None else int(low), None if high is None else int(high))


def range_widget(one: NumberRange, choices: dict, offered: dict, counts: Mapping[str, int]) -> None:
    if not choices.get(one.field.name):
        return
    key = one.widget_key
    low_col, high_col = st.columns(2)
    low_col.number_input(f"{one.label} from", min_value=0, step=1, value=None, key=key + "_min", placeholder="any")
    high_col.number_input("to", min_value=0, step=1, value=None, key=key + "_max", placeholder="any")


def read_text(one: TextSearch, choices: dict, offered: dict, view: dict) -> None:
    view["text"] = str(st.session_state.get(one.widget_key) or "").strip()


def search_widget(one: TextSearch, choices: dict, offered: dict, counts: Mapping[str, int]) -> None:
    st.text_input(one.label, key=one.widget_key, placeholder="e.g. uniforms")


# How each kind of filter reads its widget's state (a new kind of filter adds its reader here).
READERS = {DateRange: read_dates, Choice: read_choice, NumberRange: read_range, TextSearch: read_text}


# The widget of each kind of filter (a new kind of filter adds its widget here).
WIDGETS = {DateRange: date_widget, Choice: choice_widget, NumberRange: range_widget, TextSearch: search_widget}


@guarded
def import_upload_now(url: str) -> None:
    """The import button's action: runs before the page is drawn, so the page shows the new events."""
    upload = st.session_state.get("upload")
    if upload is None:
        st.session_state["import_message"] = ("warning", "Choose a file first.")
        return
    try:
        actor = require("import").actor  # the server's check, whatever the page showed
        result = import_upload(store(url), upload.name, upload.getvalue(), actor=actor)
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
        elif may("import"):
            import_panel(source)
        st.toggle("Show retracted events", key="show_retracted",
                  help="Retracted events are kept with their history; they are hidden unless you ask for them.")


def import_panel(source: EventSource) -> None:
    """Upload a file into the store; the outcome of the last import is shown once."""
    with st.expander("Import events", expanded=bool(st.session_state.get("import_message"))):
        st.file_uploader("CSV or Parquet in deploymap's schema, or an ACLED export", type=["csv", "parquet"],
                         key="upload")
        st.button("Import into the store", on_click=import_upload_now, args=(source.location,), width="stretch")
        level, message = st.session_state.pop("import_message", (None, None))
        if level == "error":
            st.error("Nothing was imported; the store is as it was.")
            st.code(message, language=None)
        elif level:
            getattr(st, level)(escape_markdown(message, limit=600))


def online_tiles_toggle(default: bool) -> bool:
    with st.sidebar:
        st.divider()
        return st.toggle("OpenStreetMap tiles (online)", value=default, key="online_tiles",
                         help="Needs the internet. Off, the map is drawn from the offline Natural Earth basemap.")


def sync_url(view: EventFilter, event: str | None = None) -> None:
    """Write the view, and the selected claim, to the link (only when they changed: each write is a message)."""
    wanted = view_to_params(view) | ({EVENT_KEY: [event]} if event else {})
    current = {name: st.query_params.get_all(name) for name in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)
