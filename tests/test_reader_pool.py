"""Reading a report in a worker process: a size limit, a time limit, and linear time on any text."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.reading.extraction import extract
from deploymap.reading.pool import ReaderPool, ReadingFailed, ReportTooLong, check_length

REPORT = "Seoul, December 19, 2024. The NIS said about 100 North Korean soldiers were killed in the Kursk region.\n"


def test_the_worker_proposes_rows_as_the_reader_does(gazetteer, cache_dir):
    pool = ReaderPool(idle_seconds=5)
    try:
        rows = pool.propose(REPORT, "r.txt", None, str(cache_dir))
    finally:
        pool.close()
    assert list(rows["troops"]) == ["100"] and list(rows["location"]) == ["Kursk region"]


def test_a_report_beyond_the_limit_is_refused_before_any_work():
    with pytest.raises(ReportTooLong, match=r"1,000,001 characters long; the reader takes at most 1,000,000"):
        check_length("x" * 1_000_001)
    check_length("x" * 1_000_000)


def test_a_read_past_the_time_limit_is_stopped_and_the_next_one_works(cache_dir, monkeypatch):
    pool = ReaderPool(time_limit=0.5, idle_seconds=5)
    try:
        started = time.monotonic()
        with pytest.raises(ReadingFailed, match=r"longer than 0\.5 s"):
            pool.propose(REPORT, "r.txt", None, str(cache_dir))  # a fresh worker needs seconds to load its gazetteer
        assert time.monotonic() - started < 5
        pool.time_limit = 60
        assert len(pool.propose(REPORT, "r.txt", None, str(cache_dir))) == 1  # a new worker took its place
    finally:
        pool.close()


def test_a_read_in_the_worker_leaves_other_threads_free(cache_dir):
    """While a long report is read, another thread (another user's page) keeps running."""
    pool = ReaderPool(idle_seconds=5)
    text = "Seoul, December 19, 2024. " + "ABC " * 200_000
    ticks = []
    done = threading.Event()

    def other_page() -> None:
        while not done.is_set():
            started = time.perf_counter()
            sum(range(20_000))
            ticks.append(time.perf_counter() - started)
            time.sleep(0.01)

    worker = threading.Thread(target=other_page)
    worker.start()
    try:
        pool.propose(text, "r.txt", None, str(cache_dir))
    finally:
        done.set()
        worker.join()
        pool.close()
    assert len(ticks) > 20 and max(ticks) < 0.5


# Text a reader could choke on: runs of capitalised words, initials, one word, no punctuation, sentence floods.
UNITS = ["ABC ", "A. ", "troops ", "North Korean Troops Said ", "According to the NIS ", "said ", "in Kursk, ",
         "about 1,000 soldiers were killed ", "Mr. ", "(", "\"", "—", "10 ", "Vladivostok and ", "A",
         "NorthKorean12000troopsKurskNIS"]


@pytest.mark.parametrize("unit", ["A", "NorthKorean12000troopsKurskNIS", "Kursk", "ÄÖ"])
def test_the_reader_is_linear_on_one_endless_word(gazetteer, unit):
    """A word of 40,000 characters: a name is tried from a word's start only, never from each capital inside it."""
    text = (unit * (40_000 // len(unit) + 1))[:40_000]
    started = time.perf_counter()
    extract(text, "r.txt", gazetteer, dt.date(2024, 12, 19))
    assert time.perf_counter() - started < 2.0, f"{unit!r} took {time.perf_counter() - started:.1f} s for 40 KB"


@settings(max_examples=25, deadline=None)
@given(units=st.lists(st.sampled_from(UNITS), min_size=1, max_size=4), noise=st.text(max_size=20))
def test_the_reader_is_linear_on_pathological_text(gazetteer, units, noise):
    """40 KB of any repetition is read in well under a second: no pattern may backtrack over names."""
    unit = "".join(units) + noise
    text = (unit * (40_000 // max(len(unit), 1) + 1))[:40_000]
    started = time.perf_counter()
    extract(text, "r.txt", gazetteer, dt.date(2024, 12, 19))
    assert time.perf_counter() - started < 2.0, f"{unit!r} took {time.perf_counter() - started:.1f} s for 40 KB"
