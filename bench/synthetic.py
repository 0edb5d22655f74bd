"""Synthetic events in the public schema, for benchmarks only: clearly marked, seeded, repeatable.

Every row says it is synthetic in its source, summary, quote and report, so a file made here can
never be mistaken for reporting.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from deploymap.fields import COLUMNS, EVENT_TYPES, STATUSES

WORDS = ("convoy", "rail", "barracks", "port", "airfield", "uniforms", "artillery", "drill", "ferry", "depot",
         "brigade", "training", "supply", "border", "exercise", "ammunition")


def synthetic_events(rows: int, seed: int = 20241018, places: int | None = None, sources: int = 40) -> pd.DataFrame:
    """``rows`` synthetic events as text cells, like a CSV would hold them."""
    rng = np.random.default_rng(seed)
    places = places or max(10, min(20_000, rows // 50))
    place_lat = rng.uniform(35.0, 62.0, places).round(5)
    place_lon = rng.uniform(20.0, 140.0, places).round(5)
    # A few places carry most events, as in real reporting.
    weights = 1.0 / np.arange(1, places + 1) ** 0.8
    which = rng.choice(places, size=rows, p=weights / weights.sum())
    no_place = rng.random(rows) < 0.1

    day0 = np.datetime64("2022-01-01")
    start = day0 + rng.integers(0, 4 * 365, rows).astype("timedelta64[D]")
    has_end = rng.random(rows) < 0.15
    end = start + rng.integers(1, 30, rows).astype("timedelta64[D]")
    reported = start + rng.integers(0, 10, rows).astype("timedelta64[D]")
    troops = rng.integers(50, 20_000, rows)
    has_troops = rng.random(rows) < 0.2
    word_a = np.array(WORDS)[rng.integers(0, len(WORDS), rows)]
    word_b = np.array(WORDS)[rng.integers(0, len(WORDS), rows)]
    ids = np.char.add("syn-", np.char.zfill(np.arange(1, rows + 1).astype(str), 8))

    frame = pd.DataFrame({
        "event_id": ids,
        "event_date": start.astype(str),
        "end_date": np.where(has_end, end.astype(str), ""),
        "reported_date": reported.astype(str),
        "event_type": np.array(sorted(EVENT_TYPES))[rng.integers(0, len(EVENT_TYPES), rows)],
        "status": np.array(sorted(STATUSES))[rng.integers(0, len(STATUSES), rows)],
        "source": np.char.add("Synthetic source ", rng.integers(1, sources + 1, rows).astype(str)),
        "location": np.where(no_place, "", np.char.add("Synthetic place ", which.astype(str))),
        "country": np.where(no_place, "", "ZZ"),
        "latitude": np.where(no_place, "", place_lat[which].astype(str)),
        "longitude": np.where(no_place, "", place_lon[which].astype(str)),
        "geo_precision": np.where(no_place, "", "city"),
        "troops": np.where(has_troops, troops.astype(str), ""),
        "summary": np.char.add(np.char.add(np.char.add("Synthetic event: ", word_a), " near "), word_b),
        "quote": np.char.add("SYNTHETIC, not from any report: ", word_a),
        "report": "synthetic-benchmark",
    })
    return frame.reindex(columns=list(COLUMNS), fill_value="")  # optional fields stay empty


def write_synthetic(path: Path, rows: int, seed: int = 20241018) -> Path:
    """Write a synthetic events CSV (skipped when it already exists with the same size)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        synthetic_events(rows, seed).to_csv(tmp, index=False)
        tmp.replace(path)
    return path
