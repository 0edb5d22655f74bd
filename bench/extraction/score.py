"""Score the report reader against hand-made expected rows: recall, precision, verbatim quotes,
invented figures.

    python -m bench.extraction.score            # the development set, with targets
    python -m bench.extraction.score --verbose  # also each missed and each unmatched row

The development set is the seed report (its expected rows are ``data/events.csv``) and the reports
in ``bench/extraction/reports/``, each ``NAME.txt`` beside ``NAME.expected.csv`` (event_date,
source, location, figure, counts), written from public reporting on the same story.

A proposal matches an expected row of the same report when: its date is within a day of the
expected ``event_date``; its source names the same body (``sources.csv`` lists how each body is
named); its place is the same (an expected row without a place matches a proposal without one or
at country precision, which names no site); and its figure is the same (or both have none).
Each expected row is matched at most once.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from deploymap.reading.extraction import Proposal, extract

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TARGETS = {"recall": 0.90, "precision": 0.80, "verbatim": 1.0, "invented figures": 0}


@dataclass(frozen=True)
class Expected:
    event_date: dt.date
    source: str
    location: str
    figure: int | None


def bodies() -> list[tuple[str, re.Pattern]]:
    with (HERE / "sources.csv").open(encoding="utf-8") as rows:
        return [(row["body"], re.compile(row["pattern"], re.IGNORECASE)) for row in csv.DictReader(rows)]


def body_of(source: str, known: list[tuple[str, re.Pattern]]) -> str:
    for body, pattern in known:
        if body == source or pattern.search(source):
            return body
    return source.strip().casefold()


def development_set() -> list[tuple[Path, list[Expected]]]:
    seed = ROOT / "data" / "reports" / "2024-10-18-dprk-troops-russia.txt"
    sets = [(seed, _expected(ROOT / "data" / "events.csv", figure="troops"))]
    for report in sorted((HERE / "reports").glob("*.txt")):
        sets.append((report, _expected(report.with_suffix(".expected.csv"), figure="figure")))
    return sets


def _expected(path: Path, figure: str) -> list[Expected]:
    with path.open(encoding="utf-8") as rows:
        return [Expected(dt.date.fromisoformat(r["event_date"]), r["source"], r["location"],
                         int(r[figure]) if r[figure] else None) for r in csv.DictReader(rows)]


def matches(proposal: Proposal, expected: Expected, known: list[tuple[str, re.Pattern]]) -> bool:
    if abs((proposal.event_date - expected.event_date).days) > 1:
        return False
    if body_of(proposal.source, known) != body_of(expected.source, known):
        return False
    place = proposal.place.name if proposal.place and proposal.place.precision != "country" else ""
    if place.casefold() != expected.location.casefold():
        return False
    return (proposal.figure.value if proposal.figure else None) == expected.figure


def score(verbose: bool = False, out=sys.stdout) -> dict:
    from geo.gazetteer import Gazetteer

    gazetteer, known = Gazetteer.default(), bodies()
    expected_total = proposed_total = matched = verbatim = invented = 0
    for report, expected in development_set():
        text = report.read_text(encoding="utf-8")
        proposals = extract(text, report.name, gazetteer)
        used: set[int] = set()
        unmatched = []
        for proposal in proposals:
            hit = next((i for i, e in enumerate(expected) if i not in used and matches(proposal, e, known)), None)
            if hit is None:
                unmatched.append(proposal)
            else:
                used.add(hit)
        expected_total += len(expected)
        proposed_total += len(proposals)
        matched += len(used)
        verbatim += sum(p.quote in text for p in proposals)
        invented += sum(bool(p.figure) and p.figure.cue not in p.quote for p in proposals)
        print(f"{report.name}: {len(used)} of {len(expected)} expected rows found; {len(proposals)} proposed", file=out)
        if verbose:
            for i, e in enumerate(expected):
                if i not in used:
                    print(f"  missed:    {e.event_date} {e.source!r} {e.location!r} {e.figure}", file=out)
            for p in unmatched:
                print(f"  unmatched: {p.event_date} {p.source!r} {p.place.name if p.place else ''!r} "
                      f"{p.figure.value if p.figure else None} | {p.quote[:70]}", file=out)
    figures = {
        "recall": matched / expected_total if expected_total else 0.0,
        "precision": matched / proposed_total if proposed_total else 0.0,
        "verbatim": verbatim / proposed_total if proposed_total else 1.0,
        "invented figures": invented,
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extraction.score", description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    figures = score(args.verbose)
    print(f"\n  {'measure':<18} {'target':>8} {'measured':>9}  ok")
    missed = False
    for name, value in figures.items():
        target = TARGETS[name]
        ok = value <= target if name == "invented figures" else value >= target
        missed |= not ok
        shown = f"{value}" if name == "invented figures" else f"{value:.1%}"
        wanted = f"{target}" if name == "invented figures" else f"≥ {target:.0%}"
        print(f"  {name:<18} {wanted:>8} {shown:>9}  {'yes' if ok else 'NO'}")
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
