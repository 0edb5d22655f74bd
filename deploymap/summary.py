"""Headline figures for a set of events."""

from __future__ import annotations

import pandas as pd


def headline(events: pd.DataFrame) -> dict[str, str]:
    """Events, distinct sources and places, and the largest troop figure any claim states."""
    troops = events["troops"].max() if len(events) else pd.NA
    places = events["location"].astype(str)
    return {
        "Events": f"{len(events):,}",
        "Sources": f"{events['source'].nunique():,}",
        "Places": f"{places[places != ''].nunique():,}",
        "Largest troop figure": "—" if pd.isna(troops) else f"{int(troops):,}",
    }
