"""What the user waits for, measured in a real browser (Debian's Chromium, driven by Playwright).

    python -m bench.browser                    # 1,000,000 synthetic events
    python -m bench.browser --events 100000    # a quicker run

A hello-world Streamlit page is measured in the same run, interleaved with ours, as the floor:
no Streamlit page appears faster than it on this machine. Times are taken inside the page
(``performance.now()``), from the user's action (the navigation, the click or the key) until
what they wait for is on screen: the table's caption with its count and the map's markers.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.__main__ import DATA, machine
from bench.server import ROOT, RunningApp
from bench.synthetic import write_synthetic

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}
HELLO = 'import streamlit as st\n\nst.write("Hello, world")\n'
SOURCE = "Synthetic source 3"
TIMEOUT_MS = 120_000

# Runs in every new page before its own scripts: records, from the navigation's start, when the
# page first shows a progress bar, and when it is ready (the caption and markers, or the hello text).
WATCH_LOAD = """
(() => {
  if (window.top !== window) { return; }
  const seen = window.__bench = {progress: null, ready: null, all: null};
  const timer = setInterval(() => {
    const now = performance.now();
    if (seen.progress === null && document.querySelector('[data-testid="stProgress"]')) { seen.progress = now; }
    const text = document.body ? document.body.innerText : "";
    if (text.includes("Hello, world")) { seen.ready = now; }
    const caption = /of [0-9,]+ events, newest first/.test(text);
    const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    const doc = frame && frame.contentDocument;
    if (caption && doc && doc.querySelector(".deploymap-marker, .deploymap-cluster") && seen.ready === null) {
      seen.ready = now;
    }
    if (seen.all === null && text.includes(" of " + TOTAL + " events, newest first")) { seen.all = now; }
    if (seen.ready !== null && (seen.all !== null || !TOTAL)) { clearInterval(timer); }
  }, 5);
})();
"""

# After a filter change: when the caption's count and the map's markers differ from before, and
# whether the map was rebuilt (a new iframe or a new Leaflet map) or only its markers redrawn.
WATCH_CHANGE = """
() => {
  const caption = () => (document.body.innerText.match(/([0-9,]+) of [0-9,]+ events, newest first/) || [""])[0];
  const frame = () => document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const markers = () => {
    const doc = frame() && frame().contentDocument;
    return doc ? Array.from(doc.querySelectorAll(".deploymap-marker, .deploymap-cluster")).map(m => m.textContent).join("|") : "";
  };
  const before = {caption: caption(), markers: markers(), frame: frame(), map: frame().contentWindow.map};
  const seen = window.__change = {start: null, caption: null, markers: null, rebuilt: null};
  const mark = () => { if (seen.start === null) { seen.start = performance.now(); } };
  document.addEventListener("keydown", mark, {capture: true, once: true});
  document.addEventListener("pointerdown", mark, {capture: true, once: true});
  const timer = setInterval(() => {
    if (seen.start === null) { return; }
    const now = performance.now();
    const text = caption();
    if (seen.caption === null && text && text !== before.caption) { seen.caption = now; }
    const drawn = markers();
    if (seen.markers === null && drawn && drawn !== before.markers) {
      seen.markers = now;
      seen.rebuilt = frame() !== before.frame || frame().contentWindow.map !== before.map;
    }
    if (seen.caption !== null && seen.markers !== null) { clearInterval(timer); }
  }, 4);
}
"""


def wait_for(page, expression: str, timeout_ms: int = TIMEOUT_MS):
    """Poll ``expression`` in the page until it is truthy (Playwright's own wait keeps events flowing)."""
    return page.wait_for_function(expression, timeout=timeout_ms, polling=20).json_value()


def open_page(browser, url: str, total: int = 0) -> tuple[object, dict]:
    """A new session (its own browser context, nothing cached) opened at ``url``: (page, timings in s).

    With ``total``, also waits until the page shows all of that many events (not a preview of them).
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(WATCH_LOAD.replace("TOTAL", json.dumps(f"{total:,}" if total else "")))
    page = context.new_page()
    page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
    done = "window.__bench.ready !== null" + (" && window.__bench.all !== null" if total else "")
    seen = wait_for(page, f"window.__bench && {done} && window.__bench")
    return page, {name: (value / 1000 if value is not None else None) for name, value in seen.items()}


def change_source(page, choose: bool) -> dict:
    """Choose one source in the sidebar (or remove it again) and time the caption and the markers."""
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Source")
    if choose:
        box.locator("input").click()
        box.locator("input").fill(SOURCE)
        option = page.get_by_role("option", name=re.compile(rf"^{re.escape(SOURCE)}( · [0-9,]+)?$"))  # with its count
        option.wait_for()
        page.evaluate(WATCH_CHANGE)
        option.click()
    else:  # Backspace in the empty box removes the last chosen value
        box.locator("input").click()
        page.evaluate(WATCH_CHANGE)
        page.keyboard.press("Backspace")
    seen = wait_for(page, "window.__change.caption !== null && window.__change.markers !== null && window.__change")
    page.keyboard.press("Escape")
    return {"caption": (seen["caption"] - seen["start"]) / 1000, "markers": (seen["markers"] - seen["start"]) / 1000,
            "rebuilt": seen["rebuilt"]}


class PeakMemory:
    """The server's largest resident memory while the block runs, sampled ten times a second."""

    def __init__(self, app: RunningApp) -> None:
        self.app, self.mb, self._done = app, 0.0, threading.Event()

    def __enter__(self) -> PeakMemory:
        def sample() -> None:
            while not self._done.is_set():
                self.mb = max(self.mb, self.app.resident_mb())
                self._done.wait(0.1)
        self._thread = threading.Thread(target=sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.mb = max(self.mb, self.app.resident_mb())


def measure(events: int, sessions: int, repeats: int, data: Path) -> dict:
    from playwright.sync_api import sync_playwright

    csv_path = write_synthetic(data / f"synthetic-{events}.csv", events)
    work = Path(tempfile.mkdtemp(prefix="deploymap-bench-"))
    env = {"DEPLOYMAP_EVENTS": str(csv_path), "DEPLOYMAP_CACHE_DIR": str(work / "cache"),
           "DEPLOYMAP_CONFIG": str(work / "no-settings.toml")}
    (work / "hello.py").write_text(HELLO)
    hello = RunningApp({}, work / "hello.log", script=work / "hello.py")
    ours = RunningApp(env, work / "app.log", start_timeout=120)
    results: dict = {"events": events}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            started = time.perf_counter()
            with PeakMemory(ours) as peak:  # no typed copy yet: the file is read and checked
                first, timings = open_page(browser, ours.url, events)
            results["first_open"] = timings
            results["first_open_wall"] = time.perf_counter() - started
            results["memory_first_open_peak_mb"] = peak.mb
            results["memory_one_session_mb"] = ours.resident_mb()
            floor, new = [], []
            for _ in range(repeats):  # interleaved, so that both see the same machine
                page, timings = open_page(browser, hello.url)
                floor.append(timings["ready"])
                page.context.close()
                page, timings = open_page(browser, ours.url)
                new.append(timings["ready"])
                page.context.close()
            results["floor"], results["new_session"] = floor, new
            changes = [change_source(first, choose) for _ in range(repeats) for choose in (True, False)]
            results["changes"] = changes
            first.context.close()
            pages = [open_page(browser, ours.url)[0] for _ in range(sessions)]
            time.sleep(2)
            results["memory_sessions_mb"] = ours.resident_mb()
            pages_hello = [open_page(browser, hello.url)[0] for _ in range(sessions)]
            results["memory_hello_mb"] = hello.resident_mb()
            for page in pages + pages_hello:
                page.context.close()
            browser.close()
    finally:
        ours.stop()
        hello.stop()
    shutil.rmtree(work, ignore_errors=True)
    return results


def report(results: dict, sessions: int) -> tuple[list[tuple], int]:
    """(what, target, measured, floor, ok) rows, and how many targets were missed."""
    floor = statistics.median(results["floor"])
    new = statistics.median(results["new_session"])
    caption = statistics.median(change["caption"] for change in results["changes"])
    markers = statistics.median(change["markers"] for change in results["changes"])
    rebuilt = sum(bool(change["rebuilt"]) for change in results["changes"])
    first = results["first_open"]
    rows = [
        ("filter change → caption updated, median (s)", "≤ 0.5", f"{caption:.2f}", "—", caption <= 0.5),
        ("filter change → markers redrawn, median (s)", "≤ 0.5", f"{markers:.2f}", "—", markers <= 0.5),
        ("filter changes that rebuilt the map", "0", f"{rebuilt} of {len(results['changes'])}", "—", rebuilt == 0),
        ("new session → caption and markers, median (s)", "≤ floor + 1", f"{new:.2f}", f"{floor:.2f}", new <= floor + 1.0),
        ("first open of the CSV → progress shown (s)", "shown", "—" if first["progress"] is None else f"{first['progress']:.2f}",
         "—", first["progress"] is not None),
        ("first open of the CSV → usable on its first rows (s)", "≤ 5", f"{first['ready']:.2f}", "—", first["ready"] <= 5),
        ("first open of the CSV → every row on the page (s)", "≤ 10", f"{first['all']:.2f}", "—", first["all"] <= 10),
        ("server memory, peak during the first open (MB)", "≤ 800", f"{results['memory_first_open_peak_mb']:,.0f}",
         "—", results["memory_first_open_peak_mb"] <= 800),
        ("server memory, one session (MB)", "—", f"{results['memory_one_session_mb']:,.0f}", "—", True),
        (f"server memory, {sessions} sessions (MB)", "≤ 450", f"{results['memory_sessions_mb']:,.0f}",
         f"{results['memory_hello_mb']:,.0f}", results["memory_sessions_mb"] <= 450),
    ]
    return rows, sum(not ok for *_, ok in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.browser", description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--sessions", type=int, default=6, help="sessions open at once for the memory figure")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA, help="where synthetic files are kept")
    parser.add_argument("--json", type=Path, help="also write the raw timings here")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Debian's chromium is needed at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2

    print(f"machine: {machine()}; browser: {CHROMIUM} (headless)")
    results = measure(args.events, args.sessions, args.repeats, args.data)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    missed = print_report(results, args.sessions, args.repeats)
    return 1 if (missed and args.strict) else 0


def print_report(results: dict, sessions: int, repeats: int) -> int:
    """Print the table of targets; return how many were missed."""
    rows, missed = report(results, sessions)
    print(f"{results['events']:,} synthetic events; medians of {repeats}; floor = a hello-world Streamlit page, "
          "same run\n")
    print(f"  {'what the user waits for':53} {'target':14} {'deploymap':>10} {'floor':>6}  ok")
    for what, target, mine, base, ok in rows:
        print(f"  {what:53} {target:14} {mine:>10} {base:>6}  {'yes' if ok else 'NO'}")
    print("\nall targets met" if not missed else f"\n{missed} target(s) missed")
    return missed


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
