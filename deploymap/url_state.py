"""The filter view as URL query parameters, so a view can be shared as a link.

``start``/``end`` are ISO dates; ``source``, ``location``, ``event_type`` and ``status`` may
repeat; ``q`` is the search text. Anything unknown or malformed becomes a notice naming the
parameter and is ignored; the rest of the view still applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from deploymap.errors import shown
from deploymap.filtering import EventFilter

LIST_PARAMS = {"source": "sources", "location": "locations", "event_type": "event_types", "status": "statuses"}
PARAMS = ("start", "end", *LIST_PARAMS, "q")
# Streamlit's own parameters: not ours to judge.
RESERVED = frozenset({"embed", "embed_options"})
MAX_TEXT = 200
VALUES_NAMED = 5  # a notice names this many bad values, then counts the rest
# Streamlit ignores a whole query string with more parameters or characters than this
# (streamlit.runtime.state.query_params); the page says so instead of silently showing all.
STREAMLIT_MAX_FIELDS = 1000
STREAMLIT_MAX_LENGTH = 512 * 1024


def parse_view(params: Mapping[str, Sequence[str]], choices: Mapping[str, Sequence[str]]) -> tuple[EventFilter, list[str]]:
    """Turn query parameters into a filter; ``choices`` holds the valid values per list parameter."""
    notices: list[str] = []
    fields: dict = {}
    unknown = []
    for name, values in params.items():
        values = list(values)
        if name in RESERVED:
            continue
        if name not in PARAMS:
            unknown.append(name)
        elif name in ("start", "end"):
            day = _one_date(name, values, notices)
            if day is not None:
                fields[name] = day
        elif name == "q":
            text = values[-1].strip() if values else ""
            if len(text) > MAX_TEXT:
                notices.append(f"URL parameter 'q' is {len(text):,} characters long, more than {MAX_TEXT}; ignored.")
            elif text:
                fields["text"] = text
        else:
            allowed = set(choices.get(name, ()))
            wanted = list(dict.fromkeys(values))
            kept = [value for value in wanted if value in allowed]
            bad = [value for value in wanted if value not in allowed]
            if bad:
                what = "no such value" if len(bad) == 1 else f"{len(bad):,} values that match nothing:"
                notices.append(f"URL parameter {name!r} has {what} {_named(bad)}; ignored.")
            if kept:
                fields[LIST_PARAMS[name]] = tuple(kept)
    if unknown:
        what = "parameter" if len(unknown) == 1 else f"{len(unknown):,} parameters"
        notices.insert(0, f"Unknown URL {what} {_named(unknown)} ignored (known: {', '.join(PARAMS)}).")
    start, end = fields.get("start"), fields.get("end")
    if start and end and start > end:
        notices.append(f"URL parameters 'start' ({start}) and 'end' ({end}) are reversed; both ignored.")
        fields.pop("start"), fields.pop("end")
    return EventFilter(**fields), notices


def view_to_params(view: EventFilter) -> dict[str, list[str]]:
    """The query parameters that reproduce ``view`` (empty parts left out)."""
    params: dict[str, list[str]] = {}
    if view.start:
        params["start"] = [view.start.isoformat()]
    if view.end:
        params["end"] = [view.end.isoformat()]
    for name, attribute in LIST_PARAMS.items():
        values = getattr(view, attribute)
        if values:
            params[name] = list(values)
    if view.text:
        params["q"] = [view.text]
    return params


def dropped_notice(query_string: str, received: int) -> str | None:
    """A notice when the browser's link had parameters that Streamlit did not pass on (too many, too long)."""
    fields = [part for part in query_string.split("&") if part]
    if not fields or received:
        return None
    return (f"This link has {len(fields):,} URL parameters in {len(query_string):,} characters; the server reads at most "
            f"{STREAMLIT_MAX_FIELDS:,} parameters and {STREAMLIT_MAX_LENGTH // 1024:,} KiB, so none of them were "
            "applied and all events are shown.")


def _named(values: list[str]) -> str:
    """The first few values, each shortened, and how many more there are."""
    named = ", ".join(shown(value, MAX_TEXT) for value in values[:VALUES_NAMED])
    rest = len(values) - VALUES_NAMED
    return named + (f" and {rest:,} more" if rest > 0 else "")


def _one_date(name: str, values: list[str], notices: list[str]) -> dt.date | None:
    if len(values) != 1:
        notices.append(f"URL parameter {name!r} is given {len(values)} times; expected once, ignored.")
        return None
    try:
        return dt.date.fromisoformat(values[0])
    except ValueError:
        notices.append(f"URL parameter {name!r} is not an ISO date (YYYY-MM-DD), got {shown(values[0], MAX_TEXT)}; ignored.")
        return None
