"""Files a user names for import or reading: only regular files, of a stated size, with a bounded width."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from deploymap import files
from deploymap.errors import EventFileError
from deploymap.importing import read_any
from deploymap.loading import MAX_COLUMNS, read_events
from deploymap.schema import COLUMNS

from .conftest import ROOT, event_row


def wide_file(extra: int) -> bytes:
    row = event_row()
    header = [*COLUMNS, *(f"x{i}" for i in range(extra))]
    return (",".join(header) + "\n" + ",".join([row[c] for c in COLUMNS] + ["v"] * extra) + "\n").encode()


def test_other_columns_are_ignored_in_linear_time():
    started = time.perf_counter()
    events = read_events("w.csv", wide_file(MAX_COLUMNS - len(COLUMNS)))
    assert time.perf_counter() - started < 5  # was 9 s for 2,000 columns (quadratic); well under a second now
    assert list(events.columns) == list(COLUMNS)


@pytest.mark.parametrize("extra", [MAX_COLUMNS, 50_000])
def test_a_file_wider_than_the_limit_is_refused_at_once(extra):
    with pytest.raises(EventFileError, match=rf"w.csv, line 1: has {len(COLUMNS) + extra:,} columns; at most 1,000"):
        read_any("w.csv", wide_file(extra))


def test_a_fifo_a_device_and_a_directory_are_refused_without_reading(tmp_path):
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    with pytest.raises(EventFileError, match="not a regular file"):
        read_events(fifo)  # no writer: it would block forever if it were opened for reading as a file
    with pytest.raises(EventFileError, match="not a regular file"):
        read_events("/dev/zero")
    with pytest.raises(EventFileError, match="is a directory"):
        read_events(tmp_path)


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_INPUT_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 101)
    with pytest.raises(EventFileError, match="is 101 bytes; at most 100 are read"):
        read_events(path)


def test_import_of_a_fifo_or_dev_zero_from_the_command_line_ends_at_once(tmp_path):
    fifo = tmp_path / "events.fifo"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_DATABASE": f"sqlite:///{tmp_path / 's.sqlite'}"}
    for target in (fifo, "/dev/zero"):
        done = subprocess.run([sys.executable, "-m", "deploymap", "import", str(target)], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and "not a regular file" in done.stderr and "Traceback" not in done.stderr
    done = subprocess.run([sys.executable, "-m", "deploymap", "extract", str(fifo)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "not a regular file" in done.stderr
