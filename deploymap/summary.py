"""Headline figures for a set of events."""

from __future__ import annotations

import numpy as np
import pandas as pd


def headline(events: pd.DataFrame, keep: np.ndarray | None = None) -> dict[str, str]:
    """Events, distinct sources and places, and the largest troop figure among the kept events."""
    keep = np.ones(len(events), dtype=bool) if keep is None else keep
    troops = events["troops"].to_numpy(dtype="float64", na_value=np.nan)[keep]
    largest = np.nanmax(troops) if np.isfinite(troops).any() else None
    return {
        "Events": f"{int(keep.sum()):,}",
        "Sources": f"{distinct(events['source'], keep):,}",
        "Places": f"{distinct(events['location'], keep):,}",
        "Largest troop figure": "—" if largest is None else f"{int(largest):,}",
    }


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
