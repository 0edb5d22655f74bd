"""Give coordinates to events that name a place but carry none, using a geo.Resolver."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from geo import Resolver


@dataclass
class Placement:
    """Events with every resolvable place filled in, and the names nothing could resolve."""

    events: pd.DataFrame
    unresolved: pd.DataFrame  # columns: location, country, events (ids), rows
    notes: list[str] = field(default_factory=list)


UNRESOLVED_COLUMNS = ["location", "country", "rows", "event_ids"]


def place_events(events: pd.DataFrame, resolver: Callable[[], Resolver]) -> Placement:
    """Fill latitude, longitude, country and geo_precision where a location has no coordinates.

    ``resolver`` is called only when some row needs a place: loading the gazetteer is not free.
    """
    location = events["location"].astype(str)
    needs = (location != "") & events["latitude"].isna()
    if not needs.any():
        return Placement(events, pd.DataFrame(columns=UNRESOLVED_COLUMNS))
    hint = events["country"].astype(str)
    wanted = pd.DataFrame({"location": location[needs], "country": hint[needs]}).drop_duplicates()
    resolution = resolver().resolve(zip(wanted["location"], wanted["country"], strict=True))

    answers = pd.DataFrame(
        [
            {"location": name, "country": country, "_lat": p.latitude, "_lon": p.longitude,
             "_country": p.country, "_precision": p.precision}
            for (name, country), p in resolution.places.items()
        ],
        columns=["location", "country", "_lat", "_lon", "_country", "_precision"],
    )
    rows = pd.DataFrame({"location": location[needs].str.strip(), "country": hint[needs].str.strip().str.upper()})
    matched = rows.reset_index().merge(answers, on=["location", "country"], how="left").set_index("index")
    found = matched["_lat"].notna()
    target = matched.index[found]

    events = events.copy()
    events.loc[target, "latitude"] = matched.loc[found, "_lat"].to_numpy()
    events.loc[target, "longitude"] = matched.loc[found, "_lon"].to_numpy()
    for column, source in (("country", "_country"), ("geo_precision", "_precision")):
        text = events[column].astype(str)
        empty_here = text.loc[target] == ""
        text.loc[target[empty_here.to_numpy()]] = matched.loc[found, source].to_numpy()[empty_here.to_numpy()]
        events[column] = text.astype("category")

    missing = matched[~found]
    unresolved = (
        missing.assign(event_id=events.loc[missing.index, "event_id"].to_numpy())
        .groupby(["location", "country"], sort=True)["event_id"]
        .agg(rows="size", event_ids=lambda ids: ", ".join(ids.astype(str)))
        .reset_index()
    ) if len(missing) else pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    return Placement(events, unresolved[UNRESOLVED_COLUMNS], resolution.notes)
