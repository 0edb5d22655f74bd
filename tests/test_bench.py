"""The benchmark runs end to end at a tiny size, so it cannot rot. It asserts no timings."""

from __future__ import annotations

import subprocess
import sys

from bench.synthetic import synthetic_events
from deploymap.fields import COLUMNS
from deploymap.ingest.validation import validate_events

from .conftest import ROOT


def test_synthetic_events_are_valid_marked_and_repeatable():
    raw = synthetic_events(500, seed=7)
    assert list(raw.columns) == list(COLUMNS)
    assert raw.equals(synthetic_events(500, seed=7))
    assert raw["quote"].str.startswith("SYNTHETIC").all() and (raw["report"] == "synthetic-benchmark").all()
    events = validate_events(raw, "synthetic", lambda positions: [p + 2 for p in positions])
    assert len(events) == 500


def test_the_benchmark_prints_every_target(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bench", "--sizes", "300", "--data", str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for metric in ("load events from disk", "first page, new session", "rerun after date filter",
                   "rerun after source filter", "rerun after location filter", "rerun after text filter",
                   "map sent to the browser", "table sent to the browser", "CSV export", "peak memory"):
        assert metric in out
    assert "naive" in out and "×" in out
