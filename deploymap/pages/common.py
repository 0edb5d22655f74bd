"""What every page shares: the one boundary for the unexpected, and the resources shared by all sessions
(the store, the gazetteer's resolver, the report reader's process, the offline map files)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import streamlit as st

from deploymap import assets
from deploymap.reading.pool import ReaderPool
from deploymap.store.database import Database
from deploymap.view.dataset import open_store
from geo import GeoSettings, Resolver

# The grid's own CSV button would export cells without formula neutralisation: the page's
# download button is the one export, and it is safe to open in a spreadsheet. Streamlit's error
# box links to outside search and chat services; on a closed network nothing may point there.
PAGE_STYLE = ('<style>[data-testid="stElementToolbarButton"]:has(button[aria-label="Download as CSV"])'
              '{display:none} [data-testid="stException"] a[href^="http"]{display:none}'
              # Narrower page margins than Streamlit's wide layout: the map and the table get the room.
              '[data-testid="stMainBlockContainer"]{padding-left:2rem;padding-right:2rem;padding-top:2.5rem}</style>')


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
    return len(assets.install_static_assets())  # looked up on use: tests put a broken one in its place


@st.cache_resource(show_spinner="Loading the offline gazetteer…")
def resolver(settings: GeoSettings) -> Resolver:
    return Resolver.from_settings(settings)


@st.cache_resource(show_spinner="Opening the store…")
def store(url: str) -> Database:
    """The store, created and seeded on first use; shared by every session (it holds no open connection)."""
    return open_store(url)


@st.cache_resource(show_spinner=False)
def reader_pool() -> ReaderPool:
    """The one process that reads pasted reports, shared by every session (see ``deploymap.reading.pool``)."""
    return ReaderPool()
