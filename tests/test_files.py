"""Writing a file a user named: whole or not at all, through links, straight to devices and pipes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

from deploymap.files import FileWriteError, write_file

from .conftest import ROOT


def test_a_new_file_is_written_whole_with_the_usual_mode(tmp_path):
    target = tmp_path / "out.csv"
    write_file(target, b"a,b\n")
    assert target.read_bytes() == b"a,b\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_file(target, b"new")
    assert target.read_bytes() == b"new" and stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symbolic_link_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_file(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "made.csv")
    write_file(dangling, b"made")
    assert dangling.is_symlink() and (tmp_path / "made.csv").read_bytes() == b"made"


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(FileWriteError, match="is a directory"):
        write_file(tmp_path, b"x")


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(FileWriteError, match="No such file or directory"):
        write_file(tmp_path / "no" / "out.csv", b"x")


def test_a_pipe_is_written_directly(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_file(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_device_says_so_and_stays_a_device():
    with pytest.raises(FileWriteError, match="No space left on device"):
        write_file("/dev/full", b"x" * 10)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_export_to_stdout_and_to_a_full_device_from_the_command_line(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DEPLOYMAP_DATABASE": f"sqlite:///{tmp_path / 's.sqlite'}"}
    done = subprocess.run([sys.executable, "-m", "deploymap", "export", "--format", "csv", "--output", "/dev/stdout"],
                          cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith(b'\xef\xbb\xbf"event_id","event_date"')
    assert b"21 events" in done.stderr and b"21 events" not in done.stdout  # the summary is not in the data
    dash = subprocess.run([sys.executable, "-m", "deploymap", "export", "--format", "csv", "--output", "-"],
                          cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert dash.returncode == 0 and dash.stdout == done.stdout
    full = subprocess.run([sys.executable, "-m", "deploymap", "export", "--format", "csv", "--output", "/dev/full"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert full.returncode == 2 and "No space left on device" in full.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
