"""Replace a user's file in one step, keeping what the user did not ask to change.

The new content goes to a temporary file beside the target, which then replaces it with one
``os.replace``: a killed process leaves the old file or the new one, never half of either. The
mode and owner are copied, a symbolic link is followed (its target is updated, the link stays),
and the temporary file is removed on any failure or termination signal; one left by a process
killed outright (``kill -9``) is removed by the next run.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
from pathlib import Path

from deploymap.errors import DeploymapError
from deploymap.files import Replacement

_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class RewriteError(DeploymapError):
    """A file that cannot be read or replaced."""


class FileRewrite:
    """Read ``path`` now, reserve a temporary file beside it, and ``commit`` new bytes later.

    Use as a context manager: leaving it without a commit leaves the file as it was. Opening
    fails at once, before any slow work, when the folder cannot take the temporary file.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.target = Path(os.path.realpath(self.path))
        try:
            self.original = self.target.read_bytes()
            self.info = self.target.stat()
        except OSError as exc:
            raise RewriteError(f"{str(self.path)!r} cannot be read: {exc.strerror or exc}") from None
        remove_stale_temporaries(self.target)
        try:
            self._replacement = Replacement(self.target, self.path)
        except OSError as exc:
            raise RewriteError(f"{str(self.path)!r} cannot be rewritten: its folder {str(self.target.parent)!r} "
                               f"does not allow a new file ({exc.strerror or exc}); nothing was changed") from None
        self._previous = {}
        with contextlib.suppress(ValueError):  # signal handlers can be set from the main thread only
            for number in _SIGNALS:
                self._previous[number] = signal.signal(number, _exit_on_signal)

    def __enter__(self) -> FileRewrite:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def temporary(self) -> Path:
        return self._replacement.temporary

    def commit(self, data: bytes) -> None:
        """Put ``data`` in place of the file, with the file's mode and owner."""
        try:
            now = self.target.stat()
            if (now.st_mtime_ns, now.st_size, now.st_ino) != (self.info.st_mtime_ns, self.info.st_size, self.info.st_ino):
                raise RewriteError(f"{str(self.path)!r} was changed by someone else meanwhile; nothing was written")
            self._replacement.write(data)
            self._replacement.commit(self.info.st_mode & 0o7777, keep=self.info)
        except OSError as exc:
            raise RewriteError(f"{str(self.path)!r} could not be replaced ({exc.strerror or exc}); "
                               "it is unchanged") from None

    def close(self) -> None:
        """Remove the temporary file if it is still there and restore the signal handlers."""
        self._replacement.close()
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous = {}


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove temporary files of ``target`` left by processes that no longer run."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)(?:\.[0-9a-f]+)?\.tmp")
    removed = []
    with contextlib.suppress(OSError):
        for entry in target.parent.iterdir():
            found = pattern.fullmatch(entry.name)
            if found and not _running(int(found.group(1))):
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed.append(entry)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exit_on_signal(number, frame) -> None:
    raise SystemExit(128 + number)  # unwinds through ``close``, which removes the temporary file
