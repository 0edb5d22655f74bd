"""How long the report reader takes on a megabyte of any text, and how much memory it needs.

    python -m bench.reading              # every kind of text, 1 MB each
    python -m bench.reading --size 200000 --strict

Each kind of text is read in a fresh process (its peak memory is its own). The baseline, from the
same run and process, is a plain pass over the same text (splitting it into words), the least any
reader must do; the floor for memory is the process with the gazetteer loaded, before reading.
Targets: at most 10 s and 300 MB per megabyte, whatever the text.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS, TARGET_MB = 10.0, 300.0
ORDINARY = ("Seoul, Dec. 19 — About 100 North Korean soldiers were killed near Kursk, the NIS said on Thursday. "
            "Ukraine's military intelligence said 3,000 troops had moved to the Kursk region by rail.\n")
KINDS = {
    "ordinary report": ORDINARY,
    "10,000+ short sentences": "The NIS said 10 troops moved. ",
    "capitalised words (ABC ABC …)": "ABC ",
    "initials (A. A. …)": "A. ",
    "one word repeated": "troops ",
    "no punctuation": "north korean troops were moved to the kursk region by rail and Ukraine said ",
    "capitalised, no punctuation": "North Korean Troops Were Moved To Kursk Region By Rail Ukraine Said ",
    "attributions only": "According to the NIS said Budanov told Reuters ",
    "one long line of numbers": "1,000 2,000 about 3,000 troops ",
    "one endless word (AAAA…)": "A",
    "camel-case run": "NorthKorean12000troopsKurskNIS",
    # three shapes a red-team pass found slow (each once took minutes per megabyte)
    "lines of spaces only": " \n",
    "time words after runs of spaces": "Troops moved" + "        last week" * 8 + " Officials said.\n",
    "'the agency said', then names": ("The agency said so. ", "NIS "),
    # and three a second red-team pass found slow
    "an interview's questions": ("Interview: Oleh commands a battalion of Ukraine's 95th Separate Air Assault Brigade.\n\n",
                                 "Why?\nNo.\n"),
    "a channel's name, then spaces": ("channel" + " " * 5000, " "),
    "bullets under a place": ("Near Plekhovo:\n- ", "5 KIA. "),
}


def fill(unit: str | tuple[str, str], size: int) -> str:
    """``size`` characters of ``unit`` repeated; of a pair, the first half of one and the second of the other."""
    if isinstance(unit, tuple):
        return fill(unit[0], size // 2) + fill(unit[1], size - size // 2)
    return (unit * (size // len(unit) + 1))[:size]


def measure(kind: str, size: int) -> dict:
    """In this process: the baseline pass and the reader over ``size`` characters of one kind of text."""
    import datetime as dt

    from deploymap.reading.extraction import extract
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    floor_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = fill(KINDS[kind], size)
    started = time.perf_counter()
    words = len(text.split())
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    proposals = extract(text, "bench.txt", gazetteer, dt.date(2024, 12, 19))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"kind": kind, "seconds": seconds, "baseline": baseline, "words": words, "proposals": len(proposals),
            "peak_mb": peak, "floor_mb": floor_mb}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reading", description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="characters of each kind of text")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one kind in this process
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.size)))
        return 0
    print(f"the report reader on {args.size:,} characters of each kind of text; each in a fresh process\n")
    print(f"  {'text':<32} {'reader (s)':>10} {'baseline (s)':>12} {'peak MB':>8} {'floor MB':>9} {'rows':>6}  ok")
    missed = 0
    for kind in KINDS:
        done = subprocess.run([sys.executable, "-m", "bench.reading", "--one", kind, "--size", str(args.size)], cwd=ROOT,
                              capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
        if done.returncode:
            raise SystemExit(f"bench.reading failed on {kind!r}:\n{done.stderr[-3000:]}")
        row = json.loads(done.stdout.strip().splitlines()[-1])
        scale = 1_000_000 / args.size  # targets are per megabyte
        ok = row["seconds"] * scale <= TARGET_SECONDS and row["peak_mb"] <= TARGET_MB
        missed += not ok
        print(f"  {kind:<32} {row['seconds']:>10.2f} {row['baseline']:>12.3f} {row['peak_mb']:>8.0f} "
              f"{row['floor_mb']:>9.0f} {row['proposals']:>6}  {'yes' if ok else 'NO'}")
    print(f"\ntargets: ≤ {TARGET_SECONDS:g} s and ≤ {TARGET_MB:g} MB per megabyte; "
          + ("all met" if not missed else f"{missed} missed"))
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
