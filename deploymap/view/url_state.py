"""The filter view as URL query parameters, so a view can be shared as a link.

Each filter in ``filtering.FILTERS`` reads and writes its own keys (``start``/``end``, one key
per choice field, which may repeat, ``<key>_min``/``<key>_max`` for number ranges, ``q``).
Anything unknown or malformed becomes a notice naming the parameter and is ignored; the rest of
the view still applies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from deploymap.view.filters import FILTERS, MAX_TEXT, EventFilter, named
from deploymap.view.selection import EVENT_KEY

# The filters' keys, then the selected claim's (``selection.parse_event`` reads it).
PARAMS: tuple[str, ...] = (*(key for one in FILTERS for key in one.url_keys), EVENT_KEY)
# Streamlit's own parameters: not ours to judge.
RESERVED = frozenset({"embed", "embed_options"})
# Streamlit ignores a whole query string with more parameters or characters than this
# (streamlit.runtime.state.query_params); the page says so instead of silently showing all.
STREAMLIT_MAX_FIELDS = 1000
STREAMLIT_MAX_LENGTH = 512 * 1024

__all__ = ["MAX_TEXT", "PARAMS", "dropped_notice", "parse_view", "view_to_params"]


def parse_view(params: Mapping[str, Sequence[str]], choices: Mapping[str, Sequence[str]]) -> tuple[EventFilter, list[str]]:
    """Turn query parameters into a filter; ``choices`` holds the valid values per choice field."""
    notices: list[str] = []
    view: dict = {}
    unknown = [name for name in params if name not in PARAMS and name not in RESERVED]
    if unknown:
        what = "parameter" if len(unknown) == 1 else f"{len(unknown):,} parameters"
        notices.append(f"Unknown URL {what} {named(unknown)} ignored (known: {', '.join(PARAMS)}).")
    for one in FILTERS:
        one.parse(params, choices, view, notices)
    return EventFilter(**view), notices


def view_to_params(view: EventFilter) -> dict[str, list[str]]:
    """The query parameters that reproduce ``view`` (empty parts left out)."""
    params: dict[str, list[str]] = {}
    for one in FILTERS:
        params.update(one.to_params(view))
    return params


def dropped_notice(query_string: str, received: int) -> str | None:
    """A notice when the browser's link had parameters that Streamlit did not pass on (too many, too long)."""
    fields = [part for part in query_string.split("&") if part]
    if not fields or received:
        return None
    return (f"This link has {len(fields):,} URL parameters in {len(query_string):,} characters; the server reads at most "
            f"{STREAMLIT_MAX_FIELDS:,} parameters and {STREAMLIT_MAX_LENGTH // 1024:,} KiB, so none of them were "
            "applied and all events are shown.")
