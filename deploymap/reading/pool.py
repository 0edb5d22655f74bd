"""Reading a report away from the page: in a process of its own, with a size limit and a time limit.

The reader is pure Python and holds the interpreter's lock while it works, so a report read in the
server's own process would stall every other user's page for as long as it takes. Here it runs in
one worker process, started on first use and stopped after a while without work; the page's thread
only waits for the answer (without the lock). A report longer than ``MAX_REPORT_CHARS`` is refused
before any work, and a read that takes longer than ``TIME_LIMIT_SECONDS`` is stopped (the worker is
replaced) and reported, so nothing a user pastes can keep the server busy.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd

from deploymap.errors import DeploymapError
from deploymap.reading.worker import receive, send

MAX_REPORT_CHARS = 1_000_000  # about 150 pages of news copy; a longer paste is refused with a message
TIME_LIMIT_SECONDS = 30.0  # the reader is linear and takes seconds for a megabyte: this is a safety net
IDLE_SECONDS = 300.0  # a worker with nothing to do for this long is stopped (it holds the gazetteer)
ROOT = Path(__file__).resolve().parents[2]


class ReportTooLong(DeploymapError):
    """A report beyond the size the reader accepts."""


class ReadingFailed(DeploymapError):
    """The reader did not finish in time, or its process ended."""


def check_length(text: str, name: str = "the report") -> None:
    """Refuse a report longer than ``MAX_REPORT_CHARS``, naming its length and the limit."""
    if len(text) > MAX_REPORT_CHARS:
        raise ReportTooLong(f"{name} is {len(text):,} characters long; the reader takes at most {MAX_REPORT_CHARS:,}. "
                            "Split it into parts, or paste the article without what surrounds it.")


class ReaderPool:
    """One worker process that reads reports, shared by every session of the server; one read at a time."""

    def __init__(self, time_limit: float = TIME_LIMIT_SECONDS, idle_seconds: float = IDLE_SECONDS) -> None:
        self.time_limit, self.idle_seconds = time_limit, idle_seconds
        self._lock = threading.Lock()  # one read at a time: the worker answers in order
        self._process: subprocess.Popen | None = None
        self._last_used = 0.0
        self._janitor: threading.Timer | None = None

    def propose(self, text: str, report: str, report_date: dt.date | None, cache_dir: str | None = None,
                published: dt.date | None = None, merged: list[tuple[str, str]] = ()) -> pd.DataFrame:
        """The proposed rows of a report (see ``extraction.proposals_frame``), read in the worker; ``merged`` are the
        store's merged source names (``Database.source_aliases``)."""
        check_length(text)
        with self._lock:
            try:
                process = self._process if self._process and self._process.poll() is None else self._start()
                send(process.stdin, (text, report, report_date, cache_dir, published, list(merged)))
                answer = self._answer(process, time.monotonic() + self.time_limit)
            finally:
                self._last_used = time.monotonic()
        self._schedule_stop()
        status, value = answer
        if status == "error":
            raise DeploymapError(value)
        return value

    def close(self) -> None:
        with self._lock:
            self._stop()
        if self._janitor is not None:
            self._janitor.cancel()

    def _start(self) -> subprocess.Popen:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self._process = subprocess.Popen([sys.executable, "-m", "deploymap.reading.worker"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, env=env, cwd=ROOT)
        return self._process

    def _answer(self, process: subprocess.Popen, deadline: float) -> tuple:
        """The worker's answer, waited for until ``deadline``; a late or dead worker is replaced."""
        stream = process.stdout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                self._stop()
                raise ReadingFailed(f"reading the report took longer than {self.time_limit:g} s and was stopped; "
                                    "nothing was proposed")
            ready, _, _ = select.select([stream], [], [], min(left, 0.5))
            if ready:
                answer = receive(stream)
                if answer is None:
                    self._stop()
                    raise ReadingFailed("the reader's process ended before it finished; nothing was proposed")
                return answer

    def _stop(self) -> None:
        """Called with the lock held."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.kill()  # a read that runs past its limit must not go on using the processor
            process.wait(timeout=10)
        if process is not None:
            for stream in (process.stdin, process.stdout):
                stream.close()

    def _schedule_stop(self) -> None:
        if self._janitor is not None:
            self._janitor.cancel()
        self._janitor = threading.Timer(self.idle_seconds, self._stop_if_idle)
        self._janitor.daemon = True
        self._janitor.start()

    def _stop_if_idle(self) -> None:
        if not self._lock.acquire(blocking=False):
            return  # a read is under way
        try:
            if time.monotonic() - self._last_used >= self.idle_seconds:
                self._stop()
        finally:
            self._lock.release()
