"""A bounded load test of the store: writers import and correct while readers read, then every
committed change is checked to be there exactly once. Local only; it stops by itself.

    python -m bench.load --backend sqlite                       # an SQLite file in a temp folder
    python -m bench.load --url postgresql://user@127.0.0.1:5432/db
    python -m bench.load --writers 4 --readers 2 --imports 20 --batch 200

Each writer imports ``imports`` batches of ``batch`` new events (ids ``w<w>-b<b>-<n>``) and, after
each, corrects one event of an earlier batch. Each reader takes snapshots until the writers are
done and checks that no batch is ever half there (an import lands whole or not at all). No
error may reach a user: a writer or reader that meets one fails the run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import queue
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd


def batch_events(writer: int, batch: int, size: int) -> pd.DataFrame:
    """``size`` valid events of one batch, typed as the loader makes them (synthetic, marked so)."""
    from deploymap.fields import CATEGORY_COLUMNS, COLUMNS

    ids = [f"w{writer}-b{batch}-{n}" for n in range(size)]
    frame = pd.DataFrame({name: [""] * size for name in COLUMNS})
    frame["event_id"] = ids
    frame["event_date"] = pd.Timestamp("2024-10-18") + pd.to_timedelta(np.arange(size) % 60, unit="D")
    frame["end_date"] = pd.NaT
    frame["reported_date"] = pd.Timestamp("2024-12-01")
    frame["event_type"], frame["status"] = "deployment", "reported"
    frame["source"] = f"Synthetic load writer {writer}"
    frame["summary"] = "SYNTHETIC load-test event"
    frame["quote"] = "SYNTHETIC, not from any report"
    frame["latitude"] = np.nan
    frame["longitude"] = np.nan
    frame["troops"] = pd.array([None] * size, dtype="Int64")
    frame["fatalities"] = pd.array([None] * size, dtype="Int64")
    for column in ("end_date", "reported_date", "event_date"):
        frame[column] = frame[column].astype("datetime64[ms]")
    for column in CATEGORY_COLUMNS:
        frame[column] = frame[column].astype("category")
    return frame


def writer(url: str, number: int, imports: int, size: int, results: mp.Queue, readers_ready: list) -> None:
    from deploymap.store.database import Database

    latencies, committed, corrections = [], [], []
    try:
        database = Database(url)
        for ready in readers_ready:  # start writing once every reader is reading, so reads overlap writes
            ready.wait(120)
        for batch in range(imports):
            started = time.perf_counter()
            result = database.import_events(batch_events(number, batch, size), origin=f"load writer {number}",
                                            actor=f"writer {number}")
            latencies.append(time.perf_counter() - started)
            committed.append((batch, result.change_id))
            if batch:
                target = f"w{number}-b{batch - 1}-0"
                started = time.perf_counter()
                change = database.correct(target, {"troops": 1000 + batch}, reason="load test", actor=f"writer {number}")
                latencies.append(time.perf_counter() - started)
                corrections.append((target, change))
        results.put(("writer", number, latencies, committed, corrections, None))
    except Exception as exc:  # reported to the parent, which fails the run
        results.put(("writer", number, latencies, committed, corrections, f"{type(exc).__name__}: {exc}"))


def reader(url: str, number: int, size: int, stop: mp.Event, ready: mp.Event, results: mp.Queue) -> None:
    from deploymap.store.database import Database

    latencies, torn = [], []
    try:
        database = Database(url)
        while True:
            started = time.perf_counter()
            ids = database.snapshot()["event_id"].astype(str)
            latencies.append(time.perf_counter() - started)
            ready.set()
            batches = ids[ids.str.startswith("w")].str.rsplit("-", n=1).str[0].value_counts()
            torn += [f"{name}: {count} of {size}" for name, count in batches.items() if count != size]
            if stop.is_set():
                break
        results.put(("reader", number, latencies, torn, None))
    except Exception as exc:
        results.put(("reader", number, latencies, torn, f"{type(exc).__name__}: {exc}"))


def _report(results: mp.Queue, processes: list, timeout: float = 600) -> tuple:
    """The next report from a worker; a worker that died without one fails the run at once, not after the timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return results.get(timeout=1)
        except queue.Empty:
            dead = [p for p in processes if p.exitcode not in (None, 0)]
            if dead:
                raise AssertionError(f"a worker process ended with exit code {dead[0].exitcode} and no report") from None
    raise AssertionError(f"no report from the workers within {timeout:g} s")


def run(url: str, writers: int = 3, readers: int = 2, imports: int = 10, size: int = 200) -> dict:
    """Run the load and check it; returns the figures, raises AssertionError on any loss or error."""
    from deploymap.store.database import Database

    database = Database(url)
    context = mp.get_context("spawn")
    results, stop = context.Queue(), context.Event()
    ready = [context.Event() for _ in range(readers)]
    started = time.perf_counter()
    write_procs = [context.Process(target=writer, args=(url, w, imports, size, results, ready)) for w in range(writers)]
    read_procs = [context.Process(target=reader, args=(url, r, size, stop, ready[r], results)) for r in range(readers)]
    for process in write_procs + read_procs:
        process.start()
    reports = [_report(results, write_procs + read_procs) for _ in write_procs]
    elapsed = time.perf_counter() - started
    stop.set()
    reports += [_report(results, read_procs) for _ in read_procs]
    for process in write_procs + read_procs:
        process.join(60)

    errors = [report[-1] for report in reports if report[-1]]
    assert not errors, f"a user-facing error: {errors}"
    write_latencies = [t for r in reports if r[0] == "writer" for t in r[2]]
    read_latencies = [t for r in reports if r[0] == "reader" for t in r[2]]
    torn = [t for r in reports if r[0] == "reader" for t in r[3]]
    assert not torn, f"a reader saw half an import: {torn[:5]}"

    events = database.snapshot()
    ids = events["event_id"].astype(str)
    assert ids.is_unique, "an event appears twice"
    expected = {f"w{w}-b{b}-{n}" for w in range(writers) for b in range(imports) for n in range(size)}
    assert expected <= set(ids), f"{len(expected - set(ids))} committed events are missing"
    log = database.changes()
    corrections = [c for r in reports if r[0] == "writer" for c in r[4]]
    for target, change in corrections:
        history = database.history(target)
        assert (history["change_id"] == change).sum() == 1, f"correction {change} of {target} is not there exactly once"
    assert (log["action"] == "correct").sum() == len(corrections)
    operations = len(write_latencies)
    return {
        "writers": writers, "readers": readers, "events written": len(expected), "write operations": operations,
        "seconds": elapsed, "writes per second": operations / elapsed,
        "events imported per second": len(expected) / elapsed,
        "write p95 (s)": _p95(write_latencies), "reads": len(read_latencies), "read p95 (s)": _p95(read_latencies),
    }


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95)) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="the store to load (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--readers", type=int, default=2)
    parser.add_argument("--imports", type=int, default=20, help="imports per writer")
    parser.add_argument("--batch", type=int, default=200, help="events per import")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="deploymap-load-") as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'load.sqlite'}"
        figures = run(url, args.writers, args.readers, args.imports, args.batch)
    backend = url.split(":", 1)[0]
    print(f"store: {backend}; {figures['writers']} writers, {figures['readers']} readers; nothing lost, no torn read")
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"  {name:<{width}}  {value:,.3f}" if isinstance(value, float) else f"  {name:<{width}}  {value:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
