"""What the map draws: one marker per place, or per area when there are too many places.

The map's size in the browser must not grow with the number of events: markers are aggregated
per place, popups share a fixed budget of lines, and beyond ``MAX_MARKERS`` places nearby places
are binned into one marker per grid cell (clicking one drills down into its places).

Everything works from a boolean mask over the whole (newest-first) event frame, with integer
place ids, so a rerun over a million events copies no text.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from deploymap.fields import FOCUS_EVENT_TYPES, RETRACTED_COLUMN

MAX_MARKERS = 300
POPUP_EVENTS = 8  # lines in one popup, at most
POPUP_LINE_BUDGET = 800  # lines across all popups
SUMMARY_CHARS = 160
BIN_DEGREES = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 45.0, 90.0)
MARKER_COLUMNS = ["name", "latitude", "longitude", "events", "precision", "focus", "members", "lines", "binned"]
POINT_COLUMNS = ["location", "latitude", "longitude", "precision", "events", "focus"]
PLACE_COLUMN = "_place"  # internal: integer id of a row's place, -1 where it has none
FOCUS_COLUMN = "_focus"  # internal: the row puts troops at its place (the opening view fits these)
_PLACE_KEYS = ["location", "latitude", "longitude"]


def with_place_ids(events: pd.DataFrame) -> pd.DataFrame:
    """Number each distinct place (name and coordinates) once and flag where troops are, so that
    every later count is integer work."""
    ids = events.groupby(_PLACE_KEYS, observed=True, sort=False, dropna=True).ngroup()
    return events.assign(**{
        PLACE_COLUMN: ids.fillna(-1).astype("int32").to_numpy(),
        FOCUS_COLUMN: events["event_type"].isin(sorted(FOCUS_EVENT_TYPES)).to_numpy(),
    })


def location_points(events: pd.DataFrame, keep: np.ndarray | None = None) -> pd.DataFrame:
    """One row per mapped place among the kept events: its event count and whether troops are there."""
    if PLACE_COLUMN not in events:
        events = with_place_ids(events)
    ids = events[PLACE_COLUMN].to_numpy()
    chosen = ids >= 0 if keep is None else keep & (ids >= 0)
    positions = np.flatnonzero(chosen)
    if not len(positions):
        return pd.DataFrame(columns=[*POINT_COLUMNS, "_id"])
    ids_kept = ids[positions]
    size = int(ids_kept.max()) + 1
    counts = np.bincount(ids_kept, minlength=size)
    in_focus = events[FOCUS_COLUMN].to_numpy()[positions]
    focus = np.bincount(ids_kept, weights=in_focus, minlength=size) > 0
    first = np.full(size, -1)
    first[ids_kept[::-1]] = positions[::-1]  # the earliest row of each place wins
    present = np.flatnonzero(counts)
    sample = events[["location", "latitude", "longitude", "geo_precision"]].iloc[first[present]]
    points = pd.DataFrame({
        "location": sample["location"].astype(str).to_numpy(),
        "latitude": sample["latitude"].to_numpy(),
        "longitude": sample["longitude"].to_numpy(),
        "precision": sample["geo_precision"].astype(str).to_numpy(),
        "events": counts[present],
        "focus": focus[present],
        "_id": present,
    })
    return points.sort_values(["events", "location"], ascending=[False, True], ignore_index=True)


def build_markers(events: pd.DataFrame, keep: np.ndarray | None = None, max_markers: int = MAX_MARKERS) -> pd.DataFrame:
    """Markers for the kept events (all when ``keep`` is None): per place, or binned beyond ``max_markers``."""
    if PLACE_COLUMN not in events:
        events = with_place_ids(events)
    points = location_points(events, keep)
    if len(points) > max_markers:
        return _binned(points, max_markers)
    per_marker = int(np.clip(POPUP_LINE_BUDGET // max(len(points), 1), 1, POPUP_EVENTS))
    lines = _event_lines(events, keep, per_marker)
    markers = pd.DataFrame({
        "name": points["location"],
        "latitude": points["latitude"],
        "longitude": points["longitude"],
        "events": points["events"],
        "precision": points["precision"],
        "focus": points["focus"],
        "members": [(name,) for name in points["location"]],
        "lines": [lines.get(place, []) for place in points["_id"]],
        "binned": False,
    })
    return markers[MARKER_COLUMNS]


def marker_at(markers: pd.DataFrame, latitude: float | None, longitude: float | None,
              tolerance: float = 1e-4) -> tuple[str, ...] | None:
    """The places of the marker at a clicked position (a click reports the marker's own position)."""
    if markers.empty or latitude is None or longitude is None:
        return None
    distance = (markers["latitude"] - latitude).abs() + (markers["longitude"] - longitude).abs()
    nearest = distance.idxmin()
    return tuple(markers.at[nearest, "members"]) if distance[nearest] <= tolerance else None


def shorten(text: str, limit: int = SUMMARY_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _event_lines(events: pd.DataFrame, keep: np.ndarray | None, per_marker: int) -> dict[int, list[list[str]]]:
    """Newest events of each place as [date · source, summary, retracted]; relies on the newest-first order."""
    ids = events[PLACE_COLUMN].to_numpy()
    chosen = ids >= 0 if keep is None else keep & (ids >= 0)
    positions = np.flatnonzero(chosen)
    rank = pd.Series(ids[positions]).groupby(ids[positions]).cumcount().to_numpy()
    newest = positions[rank < per_marker]  # only these few rows' text is ever touched
    rows = events[["event_date", "source", "summary"]].iloc[newest]
    retracted = (events[RETRACTED_COLUMN].to_numpy(dtype=bool)[newest] if RETRACTED_COLUMN in events
                 else np.zeros(len(newest), dtype=bool))
    lines: dict[int, list[list]] = {}
    for place, day, source, summary, gone in zip(ids[newest], rows["event_date"].dt.strftime("%Y-%m-%d"),
                                                 rows["source"].astype(str), rows["summary"], retracted, strict=True):
        lines.setdefault(int(place), []).append([f"{day} · {source}: ", shorten(summary), bool(gone)])
    return lines


def _binned(points: pd.DataFrame, max_markers: int) -> pd.DataFrame:
    lat, lon = points["latitude"].to_numpy(), points["longitude"].to_numpy()
    for degrees in BIN_DEGREES:
        cell = np.floor(lat / degrees).astype(np.int64) * 100_000 + np.floor(lon / degrees).astype(np.int64)
        cells, which = np.unique(cell, return_inverse=True)
        if len(cells) <= max_markers:
            break
    counts = points["events"].to_numpy()
    totals = np.bincount(which, weights=counts)
    order = np.argsort(which, kind="stable")  # points come largest first; stable keeps that in each cell
    starts = np.searchsorted(which[order], np.arange(len(cells)))
    names = points["location"].to_numpy()[order]
    sizes = counts[order]
    members, lines = [], []
    for begin, end in zip(starts, [*starts[1:], len(order)], strict=True):
        members.append(tuple(names[begin:end]))
        lines.append([["", f"{shorten(n, 60)}: {c:,} events"] for n, c in zip(names[begin:begin + POPUP_EVENTS],
                                                                             sizes[begin:begin + POPUP_EVENTS], strict=True)])
    markers = pd.DataFrame({
        "name": [f"{len(m):,} places" if len(m) > 1 else m[0] for m in members],
        "latitude": (np.bincount(which, weights=lat * counts) / totals).round(5),
        "longitude": (np.bincount(which, weights=lon * counts) / totals).round(5),
        "events": totals.astype(np.int64),
        "precision": "area",
        "focus": np.bincount(which, weights=points["focus"].to_numpy()) > 0,
        "members": members,
        "lines": lines,
        "binned": True,
    })
    return markers.sort_values("events", ascending=False, ignore_index=True)[MARKER_COLUMNS]
