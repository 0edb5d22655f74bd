"""Writing a file the way a careful shell does: whole or not at all, keeping what was there.

``write_file`` is the one way deploymap writes a file a user named (an export) or owns (a cache,
a rewritten events file):

- a regular file (new or existing) is written to a temporary file beside it, synced, then put in
  its place with one ``os.replace``: a killed process leaves the old file or the new one, never half;
  an existing file keeps its mode (and, for root, its owner); a new one gets 0666 less the umask,
  or the mode asked for;
- a symbolic link is written through, to its target, and stays a link (as ``>`` and ``curl -o`` do);
- a device, a pipe or a socket (``/dev/stdout``, a FIFO) is written directly: it cannot be replaced,
  and replacing it would destroy it;
- a directory is refused.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from deploymap.errors import DeploymapError


class FileWriteError(DeploymapError):
    """A file that cannot be written as asked; the message names it and why."""


MAX_INPUT_BYTES = 1 << 30  # 1 GiB: a file to import or read is refused beyond this (a million events is ~300 MB)


def read_input(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """The bytes of a regular file a user named, at most ``limit`` of them.

    A FIFO would block, ``/dev/zero`` never ends, a directory is no file: each is refused with a
    message (returned as a ``(message,)`` problem by the callers), never read.
    """
    path = Path(path)
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)  # a FIFO opens at once, without a writer
    except FileNotFoundError:
        raise InputFileError(str(path), "file not found") from None
    except IsADirectoryError:
        raise InputFileError(str(path), "is a directory, not a file") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(str(path), "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(str(path), "is not a regular file (a pipe, device or socket); save it to a file first")
        if info.st_size > limit:
            raise InputFileError(str(path), f"is {info.st_size:,} bytes; at most {limit:,} are read")
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise InputFileError(str(path), f"is over {limit:,} bytes; at most {limit:,} are read")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


class InputFileError(DeploymapError):
    """A file that cannot be read as input; names the file and why."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


def write_file(path: str | os.PathLike, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` (see the module's docstring); ``mode`` is for a file that does not exist yet."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows links: what a write would reach
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileWriteError(f"{str(path)!r} cannot be written: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise FileWriteError(f"{str(path)!r} is a directory; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, data)
        return
    target = Path(os.path.realpath(path))  # through a link, dangling or not, to the file it names
    atomic_write(target, data, info.st_mode & 0o7777 if info else mode, info, shown=path)


class Replacement:
    """A temporary file beside ``target`` that takes its place in one step on ``commit``: the one way deploymap
    replaces a file. Made private (0600) until it is complete; removed if it never commits (``close``).

    Creating it fails at once when the folder cannot take a new file, so a slow job can reserve its
    replacement before it starts (``ingest.rewrite``).
    """

    def __init__(self, target: Path, shown: Path | None = None) -> None:
        self.target, self.shown = target, shown or target
        # A random part besides the process id: a process killed mid-write leaves its file, and a later process
        # given the same id must not find its name taken.
        self.temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        self.fd = os.open(self.temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)

    def __enter__(self) -> Replacement:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def write(self, data: bytes | Callable[[BinaryIO], None]) -> None:
        """The new content: bytes, or a function that writes it to a binary file (a large file streams)."""
        if callable(data):
            with os.fdopen(os.dup(self.fd), "wb") as out:
                data(out)
        else:
            _write_all(self.fd, data)

    def commit(self, mode: int, keep: os.stat_result | None = None) -> None:
        """Give it ``mode`` (and ``keep``'s owner, where allowed), make it durable, and put it in place."""
        os.fchmod(self.fd, mode)
        if keep is not None:
            with contextlib.suppress(PermissionError):  # only root may give a file to someone else
                os.fchown(self.fd, keep.st_uid, keep.st_gid)
        os.fsync(self.fd)
        os.close(self.fd)
        self.fd = -1
        os.replace(self.temporary, self.target)
        sync_folder(self.target.parent)

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1
        with contextlib.suppress(OSError):
            self.temporary.unlink(missing_ok=True)


def atomic_write(target: Path, data: bytes | Callable[[BinaryIO], None], mode: int | None = None,
                 keep: os.stat_result | None = None, shown: Path | None = None) -> None:
    """Replace the regular file ``target`` with ``data`` in one step; ``keep`` is the old file's stat (owner).
    A new file gets ``mode``, or 0666 less the umask."""
    try:
        with Replacement(target, shown) as replacement:
            replacement.write(data)
            replacement.commit(mode if mode is not None else 0o666 & ~_umask(), keep)
    except OSError as exc:
        raise FileWriteError(f"{str(shown or target)!r} cannot be written: {exc.strerror or exc}; it is unchanged") from None


def _write_in_place(path: Path, data: bytes) -> None:
    """A device, pipe or socket: written as it is (``/dev/full`` says it is full)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        raise FileWriteError(f"{str(path)!r} cannot be written: {exc.strerror or exc}") from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise FileWriteError(f"{str(path)!r} cannot be written: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _umask() -> int:
    """The process's umask, read without setting it (``os.umask`` would change it for every thread meanwhile)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the file system allows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
