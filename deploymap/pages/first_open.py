"""A large file's first open, as the page shows it: a bar while a small file is checked, or the first rows while
the rest is checked in the background (``ingest.conversion``)."""

from __future__ import annotations

import threading

import streamlit as st

from deploymap.ingest import conversion
from deploymap.ingest.conversion import Conversion, in_background
from deploymap.ingest.typed_copy import copy_is_current, file_stamp, load_events
from deploymap.text import escape_markdown
from deploymap.view.dataset import EventSource
from geo import default_cache_dir


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
            job.start()  # a worker process: it takes no time from this run, which draws the preview meanwhile
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


@st.fragment(run_every=0.5)
def conversion_progress(job: Conversion) -> None:
    """How far a large file's first open has got; the whole page is drawn again when it is done."""
    if job.done:
        st.rerun(scope="app")
    st.progress(job.fraction, text=f"{escape_markdown(job.message)} Meanwhile the page shows the file's first "
                                   f"{conversion.PREVIEW_ROWS:,} rows; filters come with the rest.")
