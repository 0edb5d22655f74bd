"""Benchmark the dashboard against its targets and a naive baseline, at several sizes.

    python -m bench                      # 10k, 100k and 1M synthetic events
    python -m bench --sizes 2000         # a quick run
    python -m bench --strict             # exit 1 if a target is missed

Synthetic data (clearly marked, seeded) is written once to bench/.data/. Each measurement runs
in a fresh process, so each peak memory figure is that step's own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench.synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / ".data"
KB = 1024


def run(mode: str, csv_path: Path, cache: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "bench.measure", mode, str(csv_path), str(cache)], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    if done.returncode:
        raise SystemExit(f"bench.measure {mode} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0
    import pandas as pd
    import streamlit

    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; Python {platform.python_version()}, "
            f"streamlit {streamlit.__version__}, pandas {pd.__version__}")


def rows_for(size: int, ours: dict, pipe: dict, naive: dict | None, conversion: dict) -> list[tuple]:
    """(metric, target text, ours, naive, ok) for one size."""
    def ratio(mine, base):
        return f"{base / mine:,.1f}×" if naive and mine else "—"

    bare_median = statistics.median(pipe["bare"].values())
    table = [
        ("first load: CSV → checked Parquet copy (s)", "once", f"{conversion['convert_seconds']:.2f}", "—", "—", True),
        ("load events from disk at start (s)", "≤ 3", f"{ours['load_seconds']:.2f}",
         f"{naive['load_seconds']:.2f}" if naive else "—", ratio(ours["load_seconds"], naive and naive["load_seconds"]),
         ours["load_seconds"] <= 3),
        ("first page, new session (s)", "≤ 1", f"{ours['new_session_seconds']:.3f}",
         f"{naive['new_session_seconds']:.3f}" if naive else "—",
         ratio(ours["new_session_seconds"], naive and naive["new_session_seconds"]), ours["new_session_seconds"] <= 1),
    ]
    # The 2× bound is the 1M-event target: on small data the page's fixed cost dominates.
    relative = size >= 1_000_000
    for name, seconds in ours["reruns"].items():
        base = naive["reruns"][name] if naive else None
        table.append((f"rerun after {name} filter (median s)", "≤ 0.25", f"{seconds:.3f}",
                      f"{base:.3f}" if base else "—", ratio(seconds, base), seconds <= 0.25))
    median_rerun = statistics.median(ours["reruns"].values())
    table += [
        ("rerun as the test harness sees it (median s)", "—", f"{ours['round_trip_seconds']:.3f}", "—", "—", True),
        ("bare filter + aggregate, median (s)", "—", f"{bare_median:.3f}", "—", "—", True),
        ("rerun, median of all filters (s)", f"≤ 0.25{', ≤ 2× bare' if relative else ''}", f"{median_rerun:.3f}",
         "—", "—", median_rerun <= 0.25 and (not relative or median_rerun <= 2 * bare_median)),
        ("map sent to the browser (KB)", "≤ 300", f"{ours['map_bytes'] / KB:,.0f}",
         f"{naive['map_bytes'] / KB:,.0f}{'*' if naive and naive['sampled'] else ''}" if naive else "—",
         ratio(ours["map_bytes"], naive and naive["map_bytes"]), ours["map_bytes"] <= 300 * KB),
        ("table sent to the browser (KB)", "bounded", f"{ours['table_bytes'] / KB:,.0f}",
         f"{naive['table_bytes'] / KB:,.0f}" if naive else "—", ratio(ours["table_bytes"], naive and naive["table_bytes"]),
         ours["table_bytes"] <= 20 * KB * KB),
        (f"CSV export of {pipe['export_rows']:,} rows (s)", "≤ 1, on click", f"{pipe['export_seconds']:.3f}",
         f"{naive['export_seconds']:.3f}" if naive else "—", ratio(pipe["export_seconds"], naive and naive["export_seconds"]),
         pipe["export_seconds"] <= 1),
        ("peak memory of the page process (MB)", "≤ 1536", f"{ours['peak_mb']:,.0f}",
         f"{naive['peak_mb']:,.0f}" if naive else "—", "—", ours["peak_mb"] <= 1536),
    ]
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--no-naive", action="store_true", help="skip the baseline")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--data", type=Path, default=DATA, help="where synthetic files are kept")
    args = parser.parse_args(argv)

    print(f"machine: {machine()}")
    print("data: synthetic events (bench/synthetic.py, seed 20241018); * = baseline map rendered on a sample and "
          "scaled; targets in the README\n")
    missed = 0
    for size in args.sizes:
        csv_path = write_synthetic(args.data / f"synthetic-{size}.csv", size)
        cache = args.data / f"cache-{size}"
        shutil.rmtree(cache, ignore_errors=True)
        conversion = run("convert", csv_path, cache)
        ours = run("app", csv_path, cache)
        pipe = run("pipeline", csv_path, cache)
        naive = None if args.no_naive else run("naive", csv_path, cache)
        print(f"{size:,} events")
        print(f"  {'metric':44} {'target':26} {'deploymap':>10} {'naive':>10} {'ratio':>8}  ok")
        for metric, target, mine, base, ratio, ok in rows_for(size, ours, pipe, naive, conversion):
            missed += not ok
            print(f"  {metric:44} {target:26} {mine:>10} {base:>10} {ratio:>8}  {'yes' if ok else 'NO'}")
        print()
    print("all targets met" if not missed else f"{missed} target(s) missed")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
