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


def release_freed_memory() -> None:
    """Return freed heap pages to the system (a no-op where the C library cannot)."""
    pa.default_memory_pool().release_unused()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
