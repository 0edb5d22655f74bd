"""The "Add a report" page: paste or upload a report, review the proposed rows, see them on a map, save.

The page only lays out widgets; reading the report, proposing rows and checking and saving them
live in ``deploymap.reading.sentences``, ``deploymap.reading.extraction`` and ``deploymap.reading.review``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from deploymap.errors import DeploymapError
from deploymap.fields import FIELDS
from deploymap.ingest.placement import place_events
from deploymap.ingest.typed_copy import prepare_events
from deploymap.reading.document import report_date, report_from_bytes
from deploymap.reading.pool import ReaderPool, check_length
from deploymap.reading.review import check_rows, fill_new_rows, report_name, save_report, with_summaries
from deploymap.reading.sources import SourceTable
from deploymap.store.database import Database, sha256_of
from deploymap.text import escape_markdown, md, plural
from deploymap.view.folium_map import build_map
from deploymap.view.markers import build_markers, with_place_ids
from geo import Resolver, default_cache_dir

# The editor's columns follow the fields: each field's kind says how it is edited (``kinds.Kind.editor_column``).
EDITOR_COLUMNS = [spec.name for spec in FIELDS if spec.in_editor != "hide"]


def editor_column(spec) -> st.column_config.Column:
    kind, arguments = spec.kind.editor_column(spec.label, spec.help, spec.width)
    return getattr(st.column_config, kind)(**arguments, disabled=spec.in_editor == "show")


EDITOR_CONFIG = {spec.name: editor_column(spec) for spec in FIELDS if spec.in_editor != "hide"}


def render(database: Database | None, reader: ReaderPool, resolver: Resolver,
           authorize: Callable[[], str | None] = lambda: None) -> None:
    """The page; ``authorize`` is the server's check before saving (it raises AccessError, or names who saves)."""
    st.title("Add a report")
    if database is None:
        st.info("This dashboard shows one file read-only (DEPLOYMAP_EVENTS); reports are added to the store. "
                "Start it without DEPLOYMAP_EVENTS to add reports.")
        return
    if database.read_only:
        st.info("The store is on a read-only file system: reports cannot be added to it here.")
        return
    st.caption("Paste a report or upload it. Rows are proposed from its sentences, each with the sentence it quotes and "
               "the words behind every field; review them, then save. Nothing is saved until you do.")
    source_column, meta_column = st.columns([3, 2], gap="medium")
    with source_column:
        pasted = st.text_area("Report text", height=260, key="report_pasted",
                              placeholder="SEOUL, Dec. 23, 2024 (Yonhap) -- North Korean troops …")
        upload = st.file_uploader("…or a file", type=["txt", "md", "html", "htm"], key="report_upload")
    text, name, published = pasted, "", None
    if upload is not None:
        try:
            (text, published), name = report_from_bytes(upload.name, upload.getvalue()), upload.name
        except DeploymapError as exc:
            st.error("The file cannot be read.")
            st.code(str(exc), language=None)
            return
    try:
        check_length(text, "This report")
    except DeploymapError as exc:
        st.error(escape_markdown(str(exc)))
        return
    with meta_column:
        day = date_box(text, published)
        publication = st.text_input("Publication (name or URL)", key="report_publication",
                                    placeholder="e.g. Yonhap, https://…")
        propose = st.button("Propose rows", type="primary", disabled=not text.strip() or day is None, width="stretch")
    if not text.strip() or day is None:
        return  # a report that gives no date (or no year) is read only against a date a person gave
    report = report_name(day, publication or name or "report", text)
    if database.report_text(sha256_of(text)) is not None:
        st.info("This report is already in the store. Saving again adds only rows that are new or changed.")
    if propose or st.session_state.get("_proposed_for") != sha256_of(text + str(day)):
        if not propose and "proposals" not in st.session_state:
            return
        try:
            with st.spinner("Reading the report…"):
                frame = reader.propose(text, report, day, str(default_cache_dir()), published, database.source_aliases())
        except DeploymapError as exc:
            st.error(escape_markdown(str(exc)))
            return
        if publication:
            frame["provenance"] = f"published by {publication}; " + frame["provenance"]
        st.session_state["proposals"] = frame.astype(str)
        st.session_state["_proposed_for"] = sha256_of(text + str(day))
    proposals: pd.DataFrame = st.session_state["proposals"]
    heading = st.empty()  # the count follows the table: rows an analyst deletes or adds are counted
    config = {**EDITOR_CONFIG, "source": source_column_config(database, proposals)}
    edited = st.data_editor(proposals, key="proposal_editor", num_rows="dynamic", hide_index=True, width="stretch",
                            column_order=EDITOR_COLUMNS, column_config=config, placeholder="")  # an empty cell is blank
    edited = with_summaries(fill_new_rows(edited, report, day), proposals)
    heading.subheader(f"Proposed rows: {plural(len(edited), 'row')}")
    try:
        events = check_rows(edited, report, text)
    except DeploymapError as exc:
        st.warning("Fix these before saving:")
        st.code(str(exc), language=None)
        return
    placement = place_events(prepare_events(events), lambda: resolver)
    placed = with_place_ids(placement.events)
    if placed["latitude"].notna().any():
        st_folium(build_map(build_markers(placed)), key="proposal_map", height=320, use_container_width=True,
                  returned_objects=[])
    st.caption(f"{plural(int(placed['latitude'].notna().sum()), 'row')} on the map; the rest name no mappable place.")
    if st.button("Save to the store", type="primary", key="save_report"):
        try:
            saved = save_report(database, report, text, edited, authorize())
        except DeploymapError as exc:
            st.error("Nothing was saved; the store is as it was.")
            st.code(str(exc), language=None)
            return
        st.success(escape_markdown(f"{report}: {saved.result.describe()}"
                                   + (f"; {plural(saved.skipped, 'claim')} already in the store (same source, date, "
                                      "place and figure)" if saved.skipped else "")))


def date_key(found: dt.date | None) -> str:
    """The *Report date* box's key for a report dated ``found`` (None: the report gives no date)."""
    return f"report_date_{found.isoformat() if found else 'given'}"


@st.cache_data(max_entries=16, show_spinner=False)
def found_date(text: str, published: dt.date | None) -> tuple[dt.date | None, str, str]:
    """The report's own date (``report_date``), read once per text, not on every rerun of the page."""
    return report_date(text, None, published)


def date_box(text: str, published: dt.date | None) -> dt.date | None:
    """The report's date: the box follows the date the report gives (and says where it found it); where the report
    gives none (or a dateline without its year), the box starts empty and a person gives it: None until then."""
    found, cue, origin = found_date(text, published) if text.strip() else (None, "", "")
    # The box is keyed by the date found: a newly found date is a new box that opens on it, and a value the
    # browser sends for the old box (a rerun racing the last one) cannot overwrite it.
    day = st.date_input("Report date", value=found, key=date_key(found), format="YYYY-MM-DD",
                        help="From the report's dateline or the page's own date; otherwise give it. Weekdays and "
                             "\"last week\" are read against this date.")
    if found and day == found:
        st.caption(md("Dated from {origin}: {cue}", origin=origin, cue=cue or found.isoformat()))
    elif found:
        st.caption(md("The report says {found} ({origin}); the box says otherwise.", found=found.isoformat(), origin=origin))
    elif day is not None:
        st.caption(md("Dated as given: {day}", day=day.isoformat()))
    elif cue:
        st.warning(md("The dateline “{cue}” gives no year: give the day the report was published (every date in it "
                      "is read against that day).", cue=cue), icon="📅")
    elif text.strip():
        st.warning("The report gives no date of its own: give the day it was published (every \"on Monday\" and "
                   "\"last week\" is read against that day).", icon="📅")
    return day


def source_column_config(database: Database, proposals: pd.DataFrame) -> st.column_config.Column:
    """Sources picked from a list: the canonical names, the store's sources (busiest first) and the proposals' own."""
    known = [*database.sources()["source"].astype(str), *SourceTable.shipped(database.source_aliases()).names,
             *proposals["source"].astype(str)]
    options = list(dict.fromkeys(name for name in known if name))
    return st.column_config.SelectboxColumn("Source", options=options, required=True, width="medium",
                                            help="Who makes the claim: one name per body (merge names with "
                                                 "python -m deploymap sources merge)")
