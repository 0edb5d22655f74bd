"""A large file's first open, in the background: its typed copy is made while the page shows a preview.

Reading and checking a million CSV rows takes seconds. Small files are converted while the user
waits (with a bar that counts rows); above ``BACKGROUND_ABOVE_BYTES`` the copy is made in a
thread of its own, and the page meanwhile shows the file's first ``PREVIEW_ROWS`` rows.
"""

from __future__ import annotations

import os
import threading

from deploymap.errors import DeploymapError
from deploymap.ingest.typed_copy import load_events

BACKGROUND_ABOVE_BYTES = 16 << 20  # about 70,000 events
PREVIEW_ROWS = 20_000


class Conversion:
    """Making the typed copy of one version of a file, in a daemon thread (see ``start``); how far it has got."""

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

    def _heard(self, fraction: float, message: str) -> None:
        self.fraction, self.message = min(max(fraction, 0.0), 1.0), message

    def _run(self) -> None:
        try:
            load_events(self.path, self.cache_dir, progress=self._heard)
        except DeploymapError as exc:  # shown on the page; anything else is a bug and goes to the log
            self.error = exc
        finally:
            self.fraction = 1.0
            self.finished.set()

    @property
    def done(self) -> bool:
        return self.finished.is_set()


def in_background(path: str | os.PathLike) -> bool:
    """Whether a file is large enough that its first open should not make the user wait."""
    try:
        return os.stat(path).st_size > BACKGROUND_ABOVE_BYTES
    except OSError:
        return False
