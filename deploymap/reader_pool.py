"""Reading a report away from the page: in a process of its own, with a size limit and a time limit.

The reader is pure Python and holds the interpreter's lock while it works, so a report read in the
server's own process would stall every other user's page for as long as it takes. Here it runs in
one worker process, started on first use and stopped after a while without work; the page's thread
only waits for the answer (without the lock). A report longer than ``MAX_REPORT_CHARS`` is refused
before any work, and a read that takes longer than ``TIME_LIMIT_SECONDS`` is stopped (the worker is
replaced) and reported, so nothing a user pastes can keep the server busy.
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import multiprocessing
import threading
import time

import pandas as pd

from deploymap.errors import DeploymapError

MAX_REPORT_CHARS = 1_000_000  # about 150 pages of news copy; a longer paste is refused with a message
TIME_LIMIT_SECONDS = 30.0  # the reader is linear and takes seconds for a megabyte: this is a safety net
IDLE_SECONDS = 300.0  # a worker with nothing to do for this long is stopped (it holds the gazetteer)


class ReportTooLong(DeploymapError):
    """A report beyond the size the reader accepts."""


class ReadingFailed(DeploymapError):
    """The reader did not finish in time, or its process ended."""


def check_length(text: str, name: str = "the report") -> None:
    """Refuse a report longer than ``MAX_REPORT_CHARS``, naming its length and the limit."""
    if len(text) > MAX_REPORT_CHARS:
        raise ReportTooLong(f"{name} is {len(text):,} characters long; the reader takes at most {MAX_REPORT_CHARS:,}. "
                            "Split it into parts, or paste the article without what surrounds it.")


def _read(text: str, report: str, report_date: dt.date | None, cache_dir: str | None) -> pd.DataFrame:
    """In the worker: the proposals of one report as rows (the gazetteer is loaded once per worker)."""
    from deploymap.extraction import extract, proposals_frame

    return proposals_frame(extract(text, report, _gazetteer(cache_dir), report_date), report)


_GAZETTEER = None


def _gazetteer(cache_dir: str | None):
    global _GAZETTEER
    if _GAZETTEER is None:
        from geo.gazetteer import Gazetteer

        _GAZETTEER = Gazetteer.default(cache_dir)
    return _GAZETTEER


class ReaderPool:
    """One worker process that reads reports, shared by every session of the server."""

    def __init__(self, time_limit: float = TIME_LIMIT_SECONDS, idle_seconds: float = IDLE_SECONDS) -> None:
        self.time_limit, self.idle_seconds = time_limit, idle_seconds
        self._lock = threading.Lock()
        self._executor: futures.ProcessPoolExecutor | None = None
        self._last_used = 0.0
        self._in_flight = 0  # reads under way: the idle stop waits for them
        self._janitor: threading.Timer | None = None

    def propose(self, text: str, report: str, report_date: dt.date | None, cache_dir: str | None = None) -> pd.DataFrame:
        """The proposed rows of a report (see ``extraction.proposals_frame``), read in the worker."""
        check_length(text)
        with self._lock:
            executor = self._executor or self._start()
            job = executor.submit(_read, text, report, report_date, cache_dir)
            self._in_flight += 1
        try:
            return job.result(timeout=self.time_limit)
        except futures.TimeoutError:
            self._stop(executor)
            raise ReadingFailed(f"reading the report took longer than {self.time_limit:g} s and was stopped; "
                                "nothing was proposed") from None
        except futures.process.BrokenProcessPool:
            self._stop(executor)
            raise ReadingFailed("the reader's process ended before it finished; nothing was proposed") from None
        except ValueError as exc:  # the reader's own refusals (no date, a date out of range)
            raise DeploymapError(str(exc)) from None
        finally:
            with self._lock:
                self._in_flight -= 1
                self._last_used = time.monotonic()
            self._schedule_stop()

    def close(self) -> None:
        with self._lock:
            executor = self._executor
        if executor is not None:
            self._stop(executor)

    def _start(self) -> futures.ProcessPoolExecutor:
        # spawn, not fork: the server has threads, and a forked copy of them is not safe.
        self._executor = futures.ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self._executor

    def _stop(self, executor: futures.ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is executor:
                self._executor = None
        for process in list(getattr(executor, "_processes", {}).values()):
            process.kill()  # a read that runs past its limit must not go on using the processor
        executor.shutdown(wait=False, cancel_futures=True)

    def _schedule_stop(self) -> None:
        if self._janitor is not None:
            self._janitor.cancel()
        self._janitor = threading.Timer(self.idle_seconds, self._stop_if_idle)
        self._janitor.daemon = True
        self._janitor.start()

    def _stop_if_idle(self) -> None:
        with self._lock:
            executor = self._executor
            idle = not self._in_flight and time.monotonic() - self._last_used >= self.idle_seconds
        if executor is not None and idle:
            self._stop(executor)
