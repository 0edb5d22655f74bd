"""What the map draws: one marker per place, or per area when there are too many places.

The map's size in the browser must not grow with the number of events: markers are aggregated
per place, popups share a fixed budget of lines, and beyond ``MAX_MARKERS`` places nearby places
are binned into one marker per grid cell (clicking one drills down into its places).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from deploymap.schema import FOCUS_EVENT_TYPES

MAX_MARKERS = 400
POPUP_EVENTS = 8  # lines in one popup, at most
POPUP_LINE_BUDGET = 800  # lines across all popups
SUMMARY_CHARS = 160
BIN_DEGREES = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 45.0, 90.0)
MARKER_COLUMNS = ["name", "latitude", "longitude", "events", "precision", "focus", "members", "lines", "binned"]
_PLACE_KEYS = ["location", "latitude", "longitude"]


def location_points(events: pd.DataFrame) -> pd.DataFrame:
    """One row per mapped place (name and coordinates): its events and whether troops are there."""
    mapped = events[events["latitude"].notna()]
    frame = pd.DataFrame({
        "location": mapped["location"],
        "latitude": mapped["latitude"],
        "longitude": mapped["longitude"],
        "precision": mapped["geo_precision"],
        "focus": mapped["event_type"].isin(sorted(FOCUS_EVENT_TYPES)).to_numpy(),
    })
    points = frame.groupby(_PLACE_KEYS, observed=True, sort=False).agg(
        precision=("precision", "first"), events=("focus", "size"), focus=("focus", "any")).reset_index()
    points["location"] = points["location"].astype(str)
    points["precision"] = points["precision"].astype(str)
    return points.sort_values(["events", "location"], ascending=[False, True], ignore_index=True)


def build_markers(events: pd.DataFrame, max_markers: int = MAX_MARKERS) -> pd.DataFrame:
    """The markers for ``events`` (sorted newest first): per place, or binned beyond ``max_markers``."""
    points = location_points(events)
    if len(points) > max_markers:
        return _binned(points, max_markers)
    per_marker = int(np.clip(POPUP_LINE_BUDGET // max(len(points), 1), 1, POPUP_EVENTS))
    lines = _event_lines(events, per_marker)
    markers = pd.DataFrame({
        "name": points["location"],
        "latitude": points["latitude"],
        "longitude": points["longitude"],
        "events": points["events"],
        "precision": points["precision"],
        "focus": points["focus"],
        "members": [(name,) for name in points["location"]],
        "lines": [lines.get(key, []) for key in zip(points["location"], points["latitude"], points["longitude"], strict=True)],
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


def _event_lines(events: pd.DataFrame, per_marker: int) -> dict[tuple, list[list[str]]]:
    """Newest events of each place as [date · source, summary]; relies on the newest-first order."""
    mapped = events[events["latitude"].notna()]
    newest = mapped.groupby(_PLACE_KEYS, observed=True, sort=False).head(per_marker)
    lines: dict[tuple, list[list[str]]] = {}
    days = newest["event_date"].dt.strftime("%Y-%m-%d")
    for place, lat, lon, day, source, summary in zip(newest["location"].astype(str), newest["latitude"],
                                                     newest["longitude"], days, newest["source"].astype(str),
                                                     newest["summary"], strict=True):
        lines.setdefault((place, lat, lon), []).append([f"{day} · {source}: ", shorten(summary)])
    return lines


def _binned(points: pd.DataFrame, max_markers: int) -> pd.DataFrame:
    for degrees in BIN_DEGREES:
        cells = pd.DataFrame({"row": np.floor(points["latitude"] / degrees), "col": np.floor(points["longitude"] / degrees)})
        if len(cells.drop_duplicates()) <= max_markers:
            break
    weighted = points.assign(row=cells["row"], col=cells["col"],
                             wlat=points["latitude"] * points["events"], wlon=points["longitude"] * points["events"])
    groups = weighted.groupby(["row", "col"], sort=False)
    totals = groups.agg(events=("events", "sum"), wlat=("wlat", "sum"), wlon=("wlon", "sum"), focus=("focus", "any"),
                        places=("location", "size"))
    # points are sorted by events, so each cell's members come largest first
    members = groups["location"].agg(tuple)
    counts = groups["events"].agg(tuple)
    markers = pd.DataFrame({
        "name": [f"{n:,} places" if n > 1 else m[0] for n, m in zip(totals["places"], members, strict=True)],
        "latitude": (totals["wlat"] / totals["events"]).round(5).to_numpy(),
        "longitude": (totals["wlon"] / totals["events"]).round(5).to_numpy(),
        "events": totals["events"].to_numpy(),
        "precision": "area",
        "focus": totals["focus"].to_numpy(),
        "members": members.to_numpy(),
        "lines": [[["", f"{shorten(name, 60)}: {count:,} events"] for name, count in zip(m[:POPUP_EVENTS], c, strict=False)]
                  for m, c in zip(members, counts, strict=True)],
        "binned": True,
    })
    return markers.sort_values("events", ascending=False, ignore_index=True)[MARKER_COLUMNS]
