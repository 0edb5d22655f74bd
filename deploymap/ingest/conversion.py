"""A large file's first open, in the background: its typed copy is made while the page shows a preview.

Reading and checking a million CSV rows takes seconds. Small files are converted while the user
waits (with a bar that counts rows); above ``BACKGROUND_ABOVE_BYTES`` the copy is made by a worker
process of its own (``python -m deploymap.ingest.conversion``), so that it neither holds the
server's interpreter lock while the page is drawn nor leaves its peak memory in the server, and the
page meanwhile shows the file's first ``PREVIEW_ROWS`` rows. The worker tells how far it has got, one
JSON line at a time, and an events file's problems come back whole, to be shown as any other.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from deploymap.errors import DeploymapError, EventFileError, Problem

BACKGROUND_ABOVE_BYTES = 16 << 20  # about 70,000 events
PREVIEW_ROWS = 20_000
log = logging.getLogger("deploymap")


class Conversion:
    """Making the typed copy of one version of a file, in a worker process (see ``start``); how far it has got."""

    def __init__(self, path: str | os.PathLike, cache_dir: str | os.PathLike) -> None:
        self.path, self.cache_dir = path, cache_dir
        self.fraction, self.message = 0.0, f"Reading every row of {os.path.basename(path)}…"
        self.error: DeploymapError | None = None
        self.finished = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"deploymap-convert-{os.fspath(path)}", daemon=True)
        self._starting = threading.Lock()

    def start(self) -> None:
        """Begin, once however often it is called. The page calls it after drawing the preview, so
        that the preview does not share the processor with the conversion."""
        with self._starting:
            if self._thread.ident is None:
                self._thread.start()

    def _run(self) -> None:
        command = [sys.executable, "-m", "deploymap.ingest.conversion", os.fspath(self.path), os.fspath(self.cache_dir)]
        try:
            # Its stderr goes to a file, not a pipe: a worker that said much there while this thread reads its stdout
            # would otherwise wait on a full pipe for ever.
            with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as said:
                worker = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=said, text=True,
                                          cwd=Path(__file__).resolve().parent.parent.parent)
                for line in worker.stdout:
                    self._heard(line)
                failed = worker.wait() != 0
                said.seek(0)
                errors = said.read()[-20_000:]
            if failed and self.error is None:
                log.error("the conversion of %s failed:\n%s", self.path, errors)
                self.error = DeploymapError(f"{self.path}: the checked copy could not be made; the server's log says why")
        except OSError as exc:
            self.error = DeploymapError(f"{self.path}: the checked copy could not be made: {exc.strerror or exc}")
        finally:
            self.fraction = 1.0
            self.finished.set()

    def _heard(self, line: str) -> None:
        try:
            said = json.loads(line)
        except ValueError:
            return
        if "error" in said:
            found = said["error"]
            self.error = EventFileError(found["path"], [Problem(**p) for p in found["problems"]], found["total"])
        else:
            self.fraction, self.message = min(max(float(said["fraction"]), 0.0), 1.0), str(said["message"])

    @property
    def done(self) -> bool:
        return self.finished.is_set()


def in_background(path: str | os.PathLike) -> bool:
    """Whether a file is large enough that its first open should not make the user wait."""
    try:
        return os.stat(path).st_size > BACKGROUND_ABOVE_BYTES
    except OSError:
        return False


def main(argv: list[str]) -> int:
    """The worker: make the typed copy of ``argv[0]`` in ``argv[1]``, telling how far it is on stdout."""
    from deploymap.ingest.typed_copy import make_copy

    # No share_heaps here: the worker ends when its copy is made, so its freed memory goes back to the system
    # anyway, and Arrow's own allocator with glibc's adaptive threshold makes the copy in 4.6 s instead of 7.2 s.
    path, cache_dir = argv
    with contextlib.suppress(OSError):
        os.nice(10)  # the page's first rows come first: this takes what the server and the browser leave

    def tell(fraction: float, message: str) -> None:
        print(json.dumps({"fraction": fraction, "message": message}), flush=True)

    try:
        make_copy(path, cache_dir, progress=tell)
    except EventFileError as exc:
        problems = [{"message": p.message, "line": p.line, "column": p.column, "unit": p.unit} for p in exc.problems]
        print(json.dumps({"error": {"path": exc.path, "problems": problems, "total": exc.total}}), flush=True)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
