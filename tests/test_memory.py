"""Giving freed memory back: one allocator for Arrow, and a release that works wherever it runs."""

from __future__ import annotations

import threading

import pyarrow as pa

from deploymap.memory import release_freed_memory, share_heaps


def test_arrow_allocates_from_the_c_library_after_share_heaps():
    before = pa.default_memory_pool()
    try:
        share_heaps.cache_clear()
        share_heaps()
        assert pa.default_memory_pool().backend_name == "system"
    finally:
        pa.set_memory_pool(before)
        share_heaps.cache_clear()


def test_release_runs_in_any_thread_and_keeps_live_data():
    kept = pa.array(range(100_000))
    errors: list[BaseException] = []

    def work() -> None:
        try:
            pa.array(range(1_000_000))  # freed at once
            release_freed_memory()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    release_freed_memory()
    assert errors == [] and kept[99_999].as_py() == 99_999
