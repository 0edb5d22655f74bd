"""Give memory the process has freed back to the system.

A page run over a million events allocates and frees tens of megabytes of temporary arrays. glibc
keeps freed memory in per-thread arenas, and Streamlit runs each session's script in a thread of
its own, so without this the server's resident size grows with every session that ever ran, long
after their arrays are gone. Arrow's own pool (mimalloc or jemalloc) holds freed pages the same way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

import pyarrow as pa


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None  # glibc only


M_ARENA_MAX, M_MMAP_THRESHOLD = -8, -3  # glibc's mallopt parameters
MMAP_THRESHOLD = 256 * 1024


@functools.cache  # once per process: the page script runs again on every rerun
def share_heaps() -> None:
    """Allocate Arrow's buffers with the C library's malloc, in at most two arenas.

    Each session's script runs in a thread of its own, and both glibc and mimalloc (Arrow's
    default) keep per-thread heaps that hold freed memory; with six sessions that was ~25 MB each.
    One allocator with a bounded number of arenas lets ``release_freed_memory`` reach all of it.
    """
    pa.set_memory_pool(pa.system_memory_pool())
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, 2)
        # A fixed threshold: every block of 256 KiB or more (a column, a mask over a million events) is its own
        # mapping, given back the moment it is freed. glibc otherwise raises the threshold after each such
        # free, and the next million-element arrays land in the heap, where freed space stays resident.
        libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def release_freed_memory() -> None:
    """Return freed heap pages to the system (a no-op where the C library cannot)."""
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
