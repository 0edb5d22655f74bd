"""The filter view as URL query parameters, so a view can be shared as a link.

``start``/``end`` are ISO dates; ``source``, ``location``, ``event_type`` and ``status`` may
repeat; ``q`` is the search text. Anything unknown or malformed becomes a notice naming the
parameter and is ignored; the rest of the view still applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from deploymap.filtering import EventFilter

LIST_PARAMS = {"source": "sources", "location": "locations", "event_type": "event_types", "status": "statuses"}
PARAMS = ("start", "end", *LIST_PARAMS, "q")
# Streamlit's own parameters: not ours to judge.
RESERVED = frozenset({"embed", "embed_options"})
MAX_TEXT = 200


def parse_view(params: Mapping[str, Sequence[str]], choices: Mapping[str, Sequence[str]]) -> tuple[EventFilter, list[str]]:
    """Turn query parameters into a filter; ``choices`` holds the valid values per list parameter."""
    notices: list[str] = []
    fields: dict = {}
    for name, values in params.items():
        values = list(values)
        if name in RESERVED:
            continue
        if name not in PARAMS:
            notices.append(f"Unknown URL parameter {name!r} ignored (known: {', '.join(PARAMS)}).")
        elif name in ("start", "end"):
            day = _one_date(name, values, notices)
            if day is not None:
                fields[name] = day
        elif name == "q":
            text = values[-1].strip() if values else ""
            if len(text) > MAX_TEXT:
                notices.append(f"URL parameter 'q' is longer than {MAX_TEXT} characters; ignored.")
            elif text:
                fields["text"] = text
        else:
            allowed = set(choices.get(name, ()))
            kept = []
            for value in dict.fromkeys(values):
                if value in allowed:
                    kept.append(value)
                else:
                    notices.append(f"URL parameter {name!r} has no such value {value!r}; ignored.")
            if kept:
                fields[LIST_PARAMS[name]] = tuple(kept)
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


def _one_date(name: str, values: list[str], notices: list[str]) -> dt.date | None:
    if len(values) != 1:
        notices.append(f"URL parameter {name!r} is given {len(values)} times; expected once, ignored.")
        return None
    try:
        return dt.date.fromisoformat(values[0])
    except ValueError:
        notices.append(f"URL parameter {name!r} is not an ISO date (YYYY-MM-DD), got {values[0]!r}; ignored.")
        return None
