"""Headline figures for a set of events, each saying what it counts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from deploymap.text import plural
from deploymap.view.markers import PLACE_COLUMN


@dataclass(frozen=True)
class Headline:
    """One headline number: its label, the value shown and a short note on where it comes from."""

    label: str
    value: str
    note: str = ""


def headline(events: pd.DataFrame, keep: np.ndarray | None = None) -> list[Headline]:
    """Events, distinct sources, places on the map, and the largest troop figure with its claim."""
    keep = np.ones(len(events), dtype=bool) if keep is None else keep
    places = mapped_places(events, keep)
    unmapped = distinct(events["location"], keep & events["latitude"].isna().to_numpy())
    return [
        Headline("Events", f"{int(keep.sum()):,}"),
        Headline("Sources", f"{distinct(events['source'], keep):,}"),
        Headline("Places on the map", f"{places:,}", f"+ {plural(unmapped, 'name')} not on the map" if unmapped else ""),
        largest_troop_figure(events, keep),
    ]


def largest_troop_figure(events: pd.DataFrame, keep: np.ndarray) -> Headline:
    """The largest troop figure among the kept events, saying whose claim it is and how sure.

    A forecast ("expected") is not a count: when the largest figure is not confirmed, the note
    also gives the largest confirmed one.
    """
    troops = events["troops"].to_numpy(dtype="float64", na_value=np.nan)
    kept = keep & np.isfinite(troops)
    if "counts" in events:  # a casualty count is no troop figure (isin compares codes, not a million strings)
        kept &= events["counts"].isin(["", "troops"]).to_numpy(dtype=bool, na_value=True)
    if not kept.any():
        return Headline("Largest troop figure", "—", "no figure in these events")
    position = int(np.flatnonzero(kept)[np.argmax(troops[kept])])
    status, source = str(events["status"].iloc[position]), str(events["source"].iloc[position])
    note = f"{status}, {source}, {events['event_date'].iloc[position]:%Y-%m-%d}"
    if status != "confirmed":
        confirmed = kept & events["status"].isin(["confirmed"]).to_numpy(dtype=bool, na_value=False)
        note += (f"; largest confirmed: {int(np.max(troops[confirmed])):,}" if confirmed.any()
                 else "; none confirmed")
    return Headline("Largest troop figure", f"{int(troops[position]):,}", note)


def mapped_places(events: pd.DataFrame, keep: np.ndarray) -> int:
    """Distinct places with coordinates among the kept events: what the map can show."""
    if PLACE_COLUMN in events:
        ids = events[PLACE_COLUMN].to_numpy()[keep]
        return int(np.count_nonzero(np.bincount(ids[ids >= 0]))) if len(ids) else 0
    placed = events.loc[keep & events["latitude"].notna().to_numpy(), ["location", "latitude", "longitude"]]
    return len(placed.drop_duplicates())


def distinct(values: pd.Series, keep: np.ndarray) -> int:
    """Distinct non-empty kept values; on a categorical column this counts codes, not strings."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = values.cat.categories
        codes = values.cat.codes.to_numpy()[keep]
        present = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
        if "" in categories:
            present[categories.get_loc("")] = False
        return int(present.sum())
    text = values[keep].dropna().astype(str)
    return int(text[text != ""].nunique())
