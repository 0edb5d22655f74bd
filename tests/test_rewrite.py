"""``python -m deploymap geocode FILE`` changes only the cells it fills, and replaces the file in one step."""

from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deploymap.__main__ import main as command
from deploymap.fields import COLUMNS
from deploymap.ingest.csv_records import CsvRecordError, quote_cell, replace_cells, split_records
from deploymap.ingest.rewrite import FileRewrite, RewriteError

from .conftest import ROOT, event_row

FILLED = dict(location="Ussuriysk", country="", latitude="", longitude="", geo_precision="")


def write(path, rows, eol="\n", quoting=csv.QUOTE_MINIMAL, bom=False, final_newline=True):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=eol, quoting=quoting)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row[c] for c in COLUMNS])
    text = out.getvalue() if final_newline else out.getvalue()[: -len(eol)]
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def filled_cells(before: bytes, after: bytes) -> set[tuple[int, str]]:
    """(record, column) of every cell whose value differs."""
    old = list(csv.reader(io.StringIO(before.decode("utf-8-sig"), newline="")))
    new = list(csv.reader(io.StringIO(after.decode("utf-8-sig"), newline="")))
    assert len(old) == len(new)
    return {(r, COLUMNS[c]) for r, (a, b) in enumerate(zip(old, new, strict=True))
            for c, (x, y) in enumerate(zip(a, b, strict=True)) if x != y}


@pytest.mark.parametrize(
    "options",
    [dict(eol="\r\n"), dict(bom=True), dict(quoting=csv.QUOTE_ALL), dict(final_newline=False), dict(eol="\r"),
     dict(eol="\r\n", bom=True, quoting=csv.QUOTE_ALL, final_newline=False)],
    ids=["crlf", "bom", "quote-all", "no-final-newline", "cr-only", "all-at-once"],
)
def test_only_the_filled_cells_change(tmp_path, options):
    rows = [event_row(event_id="keep", quote='He said "yes", then left.\nNext line'), event_row(event_id="fill", **FILLED)]
    path = write(tmp_path / "events.csv", rows, **options)
    before = path.read_bytes()
    assert geocode_file([str(path)]) == 0
    after = path.read_bytes()
    assert filled_cells(before, after) == {(2, "latitude"), (2, "longitude"), (2, "country"), (2, "geo_precision")}
    first_two_records = before[: before.index(b"fill")]
    assert after.startswith(first_two_records)  # header, untouched record and quoting: byte for byte
    assert after.startswith(b"\xef\xbb\xbf") == options.get("bom", False)
    eol = options.get("eol", "\n").encode()
    assert after.endswith(eol) == options.get("final_newline", True)
    assert after.count(eol) == before.count(eol)


def test_mode_and_owner_are_kept_and_a_link_is_followed(tmp_path):
    real = write(tmp_path / "real.csv", [event_row(**FILLED)])
    os.chmod(real, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    owner = real.stat().st_uid, real.stat().st_gid
    assert geocode_file([str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert b"43.8" in real.read_bytes()  # the target was filled
    assert real.stat().st_mode & 0o7777 == 0o640 and (real.stat().st_uid, real.stat().st_gid) == owner
    assert not list(tmp_path.glob(".*.tmp"))


def test_nothing_is_written_when_nothing_needs_filling(tmp_path, capsys):
    path = write(tmp_path / "events.csv", [event_row()])
    before = path.stat()
    assert geocode_file([str(path)]) == 0
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "unchanged" in capsys.readouterr().out


def test_a_cell_holding_a_lone_carriage_return_reads_back_identically(tmp_path):
    rows = [event_row(event_id="a", summary="one\rtwo", **FILLED), event_row(event_id="b", summary="x")]
    path = write(tmp_path / "events.csv", rows, quoting=csv.QUOTE_ALL)  # the \r is quoted, as it must be
    assert geocode_file([str(path)]) == 0
    again = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    assert [r["summary"] for r in again] == ["one\rtwo", "x"] and again[1]["event_id"] == "b"
    assert again[0]["latitude"].startswith("43.8")


def test_a_failed_write_removes_its_temporary_file_and_keeps_the_file(tmp_path, monkeypatch):
    path = write(tmp_path / "events.csv", [event_row(**FILLED)])
    before = path.read_bytes()

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("deploymap.ingest.rewrite.os.fsync", full_disk)
    assert geocode_file([str(path)]) == 2
    assert path.read_bytes() == before and not list(tmp_path.glob(".*.tmp"))


def test_a_killed_run_leaves_the_file_whole_and_the_next_run_cleans_up(tmp_path):
    path = write(tmp_path / "events.csv", [event_row(**FILLED)])
    before = path.read_bytes()
    # A run stopped after reserving its temporary file (as kill -9 would leave it).
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; from deploymap.ingest.rewrite import FileRewrite; "
                              f"FileRewrite({str(path)!r}); print('ready', flush=True); time.sleep(60)"],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert len(list(tmp_path.glob(".events.csv.*.tmp"))) == 1 and path.read_bytes() == before
    assert geocode_file([str(path)]) == 0
    assert not list(tmp_path.glob(".*.tmp")) and b"43.8" in path.read_bytes()


def test_a_terminated_run_removes_its_temporary_file(tmp_path):
    path = write(tmp_path / "events.csv", [event_row(**FILLED)])
    child = subprocess.Popen([sys.executable, "-c", "import time; from deploymap.ingest.rewrite import FileRewrite\n"
                              f"with FileRewrite({str(path)!r}):\n    print('ready', flush=True); time.sleep(60)"],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    child.terminate()
    assert child.wait(10) == 128 + signal.SIGTERM
    assert not list(tmp_path.glob(".*.tmp"))


def read_only_command(folder, command: list[str]) -> list[str]:
    """``command`` run with ``folder`` read-only; root ignores file modes, so it gets a read-only mount."""
    if os.geteuid() != 0:
        os.chmod(folder, 0o555)
        return command
    if not shutil.which("unshare"):
        pytest.skip("as root, a read-only folder needs unshare (util-linux) for a read-only bind mount")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, "sh", str(folder), *command]


def test_an_unwritable_folder_is_reported_before_any_geocoding(tmp_path):
    folder = tmp_path / "readonly"
    folder.mkdir()
    path = write(folder / "events.csv", [event_row(**FILLED)])
    before = path.read_bytes()
    command = read_only_command(folder, [sys.executable, "-m", "deploymap", "geocode", str(path)])
    env = {**os.environ, "DEPLOYMAP_CACHE_DIR": str(tmp_path / "no-cache")}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    os.chmod(folder, 0o755)
    assert done.returncode == 2, done.stderr
    assert "does not allow a new file" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "no-cache").exists()  # it stopped before loading the gazetteer
    assert path.read_bytes() == before


def test_rewrite_refuses_a_missing_file(tmp_path):
    with pytest.raises(RewriteError, match="cannot be read"):
        FileRewrite(tmp_path / "nope.csv")


@pytest.mark.parametrize(("text", "message"), [('a,"b\nc', "never closed"), ('a,"b"c\n', "after a quoted cell"),
                                               ('a,b"c\n', "double quote inside")])
def test_malformed_records_are_named(text, message):
    with pytest.raises(CsvRecordError, match=message):
        split_records(text)


cell_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)


@given(rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=5),
       eol=st.sampled_from(["\n", "\r\n", "\r"]), quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]),
       new=cell_text, where=st.tuples(st.integers(0, 4), st.integers(0, 2)))
def test_replacing_one_cell_changes_that_cell_only(rows, eol, quoting, new, where):
    if any("\r" in cell or "\n" in cell for row in rows for cell in row):
        # Python's writer leaves a line break unquoted unless it is the line terminator, which no reader can
        # take back (the geocoder's own test covers that file); a correct writer quotes it.
        quoting = csv.QUOTE_ALL
    out = io.StringIO()
    csv.writer(out, lineterminator=eol, quoting=quoting).writerows(rows)
    text = out.getvalue()
    records = [r for r in split_records(text) if not r.blank]
    expected = [r for r in csv.reader(io.StringIO(text, newline="")) if r]
    assert [r.values for r in records] == expected
    row, col = where[0] % len(records), where[1]
    changed = replace_cells(text, {records[row].cells[col]: new})
    again = [r.values for r in split_records(changed) if not r.blank]
    expected[row][col] = new
    assert again == expected or (rows == [[""] * 3] and new == "")


@pytest.mark.parametrize(("value", "written"), [("43.8", "43.8"), ("a,b", '"a,b"'), ('say "x"', '"say ""x"""'),
                                                ("\r", '"\r"'), (" pad", '" pad"'), ("", "")])
def test_quote_cell(value, written):
    assert quote_cell(value) == written


def geocode_file(argv: list[str]) -> int:
    return command(["geocode", *argv])
