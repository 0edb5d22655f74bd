"""A large file's typed copy, made from a stream of batches: the same events as the whole read, or its report."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import deploymap.ingest.batches as batches
import deploymap.ingest.typed_copy as typed_copy
from deploymap.errors import EventFileError
from deploymap.fields import COLUMNS
from deploymap.ingest.conversion import Conversion
from deploymap.ingest.events_file import read_events
from deploymap.ingest.typed_copy import copy_is_current, load_events, make_copy, prepare_events

from .conftest import event_row, write_events


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(batches, "BATCH_BYTES", 1024)  # a few rows a batch: every boundary is crossed


def rows(count: int, **overrides) -> list[dict]:
    return [event_row(event_id=f"e{i:04d}", event_date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                      source=f"Source {i % 7}", location=["Vladivostok", "", "Kursk"][i % 3],
                      latitude=["43.1", "", "51.7"][i % 3], longitude=["131.9", "", "36.2"][i % 3],
                      summary=f"Row {i}, with \"quotes\",\nand a line break", **overrides) for i in range(count)]


def whole(path) -> pd.DataFrame:
    return prepare_events(read_events(path))


@pytest.mark.parametrize("shape", ["plain", "bom", "crlf", "extra column"])
def test_the_streamed_copy_holds_the_same_events_as_the_whole_read(tmp_path, small_batches, monkeypatch, shape):
    extra = shape == "extra column"
    path = write_events(tmp_path / "e.csv", rows(300, **({"notes": "n, 1"} if extra else {})),
                        columns=(*COLUMNS, "notes") if extra else COLUMNS)
    text = path.read_text(encoding="utf-8")
    if shape == "bom":
        path.write_text("\ufeff" + text, encoding="utf-8")
    elif shape == "crlf":
        path.write_bytes(text.replace("\n", "\r\n").encode())
    expected = whole(path)
    monkeypatch.setattr(typed_copy, "read_events", None)  # the stream alone makes this copy
    streamed = load_events(path, tmp_path / "cache")
    assert copy_is_current(path, tmp_path / "cache")
    pd.testing.assert_frame_equal(streamed, expected)


@pytest.mark.parametrize(("change", "needle"), [
    ({250: {"event_date": "2024-13-01"}}, "event_date"),  # a bad cell in a late batch
    ({280: {"event_id": "e0003"}}, "duplicates event_id"),  # a duplicate across batches
    ({120: {"status": "rumoured"}}, "status"),
])
def test_a_problem_anywhere_is_reported_by_the_whole_read(tmp_path, small_batches, change, needle):
    written = rows(300)
    for position, cells in change.items():
        written[position].update(cells)
    path = write_events(tmp_path / "e.csv", written)
    with pytest.raises(EventFileError) as whole_read:
        read_events(path)
    with pytest.raises(EventFileError) as streamed:
        make_copy(path, tmp_path / "cache")
    assert str(streamed.value) == str(whole_read.value) and needle in str(streamed.value)
    assert not copy_is_current(path, tmp_path / "cache")


def test_the_worker_process_makes_the_copy_or_brings_back_the_files_problems(tmp_path):
    good = write_events(tmp_path / "good.csv", rows(50))
    job = Conversion(good, tmp_path / "cache")
    job.start()
    assert job.finished.wait(120) and job.error is None and copy_is_current(good, tmp_path / "cache")
    written = rows(50)
    written[40]["latitude"] = "95"
    bad = write_events(tmp_path / "bad.csv", written)
    job = Conversion(bad, tmp_path / "cache")
    job.start()
    assert job.finished.wait(120)
    assert isinstance(job.error, EventFileError) and "line" in str(job.error) and "latitude" in str(job.error)
    with pytest.raises(EventFileError) as whole_read:
        read_events(bad)
    assert str(job.error) == str(whole_read.value)


CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"), max_size=40)


@given(summaries=st.lists(CELL, min_size=1, max_size=40))
def test_any_text_streams_to_the_same_events(tmp_path_factory, summaries):
    folder = tmp_path_factory.mktemp("stream")
    written = [event_row(event_id=f"e{i}", summary=text.strip() or "x", quote=text or "y")
               for i, text in enumerate(summaries)]
    path = write_events(folder / "e.csv", written)
    original = batches.BATCH_BYTES
    batches.BATCH_BYTES = 256
    try:
        try:
            expected = whole(path)
        except EventFileError as exc:
            with pytest.raises(EventFileError) as streamed:
                make_copy(path, folder / "cache")
            assert str(streamed.value) == str(exc)
            return
        pd.testing.assert_frame_equal(load_events(path, folder / "cache"), expected)
    finally:
        batches.BATCH_BYTES = original


def test_prepare_makes_the_copy_before_anyone_opens_the_page(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    good = write_events(tmp_path / "good.csv", rows(20))
    env = {**os.environ, "DEPLOYMAP_CACHE_DIR": str(tmp_path / "cache"), "DEPLOYMAP_EVENTS": str(good)}
    done = subprocess.run([sys.executable, "-m", "deploymap", "prepare"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and copy_is_current(good, tmp_path / "cache"), done.stderr
    again = subprocess.run([sys.executable, "-m", "deploymap", "prepare", str(good)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "up to date" in again.stderr
    written = rows(20)
    written[5]["status"] = "rumoured"
    bad = write_events(tmp_path / "bad.csv", written)
    failed = subprocess.run([sys.executable, "-m", "deploymap", "prepare", str(bad)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode == 2 and "line 12" in failed.stderr and "Traceback" not in failed.stderr  # two lines a row


def test_prepare_fails_loudly_when_no_copy_is_made(tmp_path):
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    good = write_events(tmp_path / "good.csv", rows(20))
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    for events, cache in ((tmp_path / "missing.csv", tmp_path / "cache"), (good, not_a_folder)):
        env = {**os.environ, "DEPLOYMAP_CACHE_DIR": str(cache)}
        done = subprocess.run([sys.executable, "-m", "deploymap", "prepare", str(events)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert ("no such file" if events != good else "could not be written") in done.stderr


def test_a_killed_writers_leftover_copy_is_removed_and_never_blocks_the_next(tmp_path):
    import time

    from deploymap.ingest.typed_copy import STALE_SECONDS, prune_copies

    good = write_events(tmp_path / "good.csv", rows(20))
    cache = tmp_path / "cache"
    make_copy(good, cache)
    folder = next(p.parent for p in cache.rglob("*.parquet"))
    copy = next(folder.glob("*.parquet"))
    leftover = folder / f".{copy.name}.{os.getpid()}.tmp"  # as a killed writer of this process id left it
    leftover.write_bytes(b"half")
    os.utime(leftover, (time.time() - STALE_SECONDS - 60,) * 2)
    copy.unlink()
    make_copy(good, cache)  # the same process id writes again: its name is not taken
    assert copy_is_current(good, cache)
    prune_copies(folder)
    assert not leftover.exists()
