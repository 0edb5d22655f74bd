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


# What each headline figure counts: its label, the ``counts`` values it takes, and whether ACLED's
# ``fatalities`` count too. "killed or wounded" stays apart: it is neither of the two alone.
FIGURES = (
    ("Troops", ("", "troops"), False),
    ("Killed", ("killed",), True),
    ("Wounded", ("wounded",), False),
    ("Killed or wounded", ("killed or wounded",), False),
    ("Captured", ("captured",), False),
)
ALWAYS_SHOWN = ("Troops", "Killed", "Wounded", "Captured")


def headline(events: pd.DataFrame, keep: np.ndarray | None = None, on_map: np.ndarray | None = None) -> list[Headline]:
    """Events, distinct sources, places on the map (of the events ``on_map`` draws), then the largest figure of each
    kind: how many troops, and how many killed, wounded and captured."""
    keep = np.ones(len(events), dtype=bool) if keep is None else keep
    on_map = keep if on_map is None else on_map
    places = mapped_places(events, on_map)
    unmapped = distinct(events["location"], keep & events["latitude"].isna().to_numpy())
    return [
        Headline("Events", f"{int(keep.sum()):,}"),
        Headline("Sources", f"{distinct(events['source'], keep):,}"),
        Headline("Places on the map", f"{places:,}", f"+ {plural(unmapped, 'name')} not on the map" if unmapped else ""),
        *largest_figures(events, keep),
    ]


def largest_figures(events: pd.DataFrame, keep: np.ndarray) -> list[Headline]:
    """The largest figure of each kind among the kept events, each with whose claim it is and how sure;
    "killed or wounded" only where some event states it."""
    found = []
    for label, counts, fatalities in FIGURES:
        figure = largest(events, keep, label, counts, fatalities)
        if figure.value != "—" or label in ALWAYS_SHOWN:
            found.append(figure)
    return found


def largest(events: pd.DataFrame, keep: np.ndarray, label: str, counts: tuple[str, ...], fatalities: bool) -> Headline:
    """The largest figure counting ``counts``, saying whose claim it is and how sure.

    A forecast ("expected") is not a count: when the largest figure is not confirmed, the note
    also gives the largest confirmed one.
    """
    values = events["troops"].to_numpy(dtype="float64", na_value=np.nan)
    if "counts" in events:  # isin compares a categorical's codes, not a million strings
        kind = events["counts"].isin(list(counts)).to_numpy(dtype=bool, na_value=False)
        if "" in counts:
            kind = kind | events["counts"].isna().to_numpy()
    else:
        kind = np.full(len(events), "" in counts)
    values = np.where(kind, values, np.nan)
    if fatalities and "fatalities" in events:
        dead = events["fatalities"].to_numpy(dtype="float64", na_value=np.nan)
        values = np.fmax(values, dead)
    kept = keep & np.isfinite(values)
    if not kept.any():
        return Headline(label, "—", "none stated in this view")
    position = int(np.flatnonzero(kept)[np.argmax(values[kept])])
    status, source = str(events["status"].iloc[position]), str(events["source"].iloc[position])
    note = f"{status}, {source}, {events['event_date'].iloc[position]:%Y-%m-%d}"
    if status != "confirmed":
        confirmed = kept & events["status"].isin(["confirmed"]).to_numpy(dtype=bool, na_value=False)
        note += (f"; largest confirmed: {int(np.max(values[confirmed])):,}" if confirmed.any() else "; none confirmed")
    return Headline(label, f"{int(values[position]):,}", note)


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
