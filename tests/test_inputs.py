"""Files a user names for import or reading: only regular files, of a stated size, with a bounded width."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from deploymap import files
from deploymap.errors import EventFileError
from deploymap.fields import COLUMNS
from deploymap.ingest.events_file import MAX_COLUMNS, read_events
from deploymap.ingest.imports import read_any

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


def test_history_and_log_show_control_characters_escaped(tmp_path):
    from deploymap.ingest.events_file import read_events
    from deploymap.store.database import Database

    from .conftest import write_events

    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    hostile = "Troops\x1b[2J moved\x1b]0;owned\x07 \u202eyug"
    Database(url).import_events(read_events(write_events(tmp_path / "e.csv", [event_row(summary=hostile)])),
                                origin="e\x1b[31m.csv")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_DATABASE": url}
    for command in (["history", "e1"], ["log"]):
        done = subprocess.run([sys.executable, "-m", "deploymap", *command], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0 and "\x1b" not in done.stdout and "\u202e" not in done.stdout
    assert "\\x1b[2J" in done.stdout or "\\x1b[31m" in done.stdout


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_report_date_at_the_ends_of_the_calendar_is_a_message(tmp_path, day):
    report = tmp_path / "r.txt"
    report.write_text("The NIS said 100 troops moved last week.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "deploymap", "extract", str(report), "--date", day], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "must be between 1900-01-01 and 2199-12-31" in done.stderr
    assert "Traceback" not in done.stderr


def test_event_ids_are_one_whatever_their_unicode_form(tmp_path, store_url):
    import unicodedata

    from deploymap.store.database import Database

    from .conftest import write_events

    composed, decomposed = unicodedata.normalize("NFC", "café-1"), unicodedata.normalize("NFD", "café-1")
    with pytest.raises(EventFileError, match=r"line 3, column 'event_id': duplicates event_id 'café-1' first used on "
                                             r"line 2 \(the same id once Unicode-normalised\)"):
        read_events(write_events(tmp_path / "two.csv", [event_row(event_id=composed), event_row(event_id=decomposed)]))
    database = Database(store_url)
    database.import_events(read_events(write_events(tmp_path / "a.csv", [event_row(event_id=decomposed)])), origin="a")
    assert database.snapshot()["event_id"].tolist() == [composed]
    database.retract(decomposed, "typed the other way")
    assert len(database.history(composed)) == 2


@pytest.mark.parametrize("event_id", ["n\x001", "e\u202e1", "a\nb", "zero\u200bwidth", "bom\ufeff", "a\u2028b", "a\u2060b",
                                      "soft\u00adhyphen", "tag\U000e0001", "filler\u3164", "nb\u00a0sp"])
def test_an_event_id_that_could_not_be_typed_or_read_back_is_refused(tmp_path, event_id):
    from deploymap.text import addressable
    from deploymap.view.selection import parse_event

    from .conftest import write_events

    with pytest.raises(EventFileError, match=r"line 2, column 'event_id': holds a character that cannot be typed"):
        read_events(write_events(tmp_path / "e.csv", [event_row(event_id=event_id)]))
    assert not addressable(event_id) and parse_event([event_id])[0] is None  # a link refuses it too


@pytest.mark.parametrize("event_id", ["dprk-2024-001", "café-1", "북한-1", "ACLED RUS9001", "emoji\ufe0f"])
def test_an_ordinary_event_id_is_addressable(tmp_path, event_id):
    from deploymap.text import addressable
    from deploymap.view.selection import parse_event

    from .conftest import write_events

    assert addressable(event_id) and parse_event([event_id])[0] == event_id
    assert read_events(write_events(tmp_path / "e.csv", [event_row(event_id=event_id)]))["event_id"].tolist() == [event_id]



def test_a_file_name_reaches_the_terminal_with_its_escape_sequences_shown_not_run(tmp_path):
    path = tmp_path / "bad\x1b[2J.csv"
    path.write_text("x\n")
    done = subprocess.run([sys.executable, "-m", "deploymap", "prepare", str(path)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_CACHE_DIR": str(tmp_path / "cache")},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "\x1b" not in done.stderr and "bad\\x1b[2J.csv" in done.stderr
    assert len(done.stderr.splitlines()) > 1  # the message keeps its lines
