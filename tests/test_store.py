"""The typed Parquet copy: used when up to date, remade when the source changes, never trusted blindly."""

from __future__ import annotations

import os

import pytest

from deploymap.errors import EventFileError
from deploymap.ingest.typed_copy import load_events

from .conftest import event_row, write_events


def copies(cache):
    return sorted((cache / "events").glob("*.parquet")) if (cache / "events").exists() else []


def test_first_load_makes_a_copy_that_later_loads_use(tmp_path, monkeypatch):
    source = write_events(tmp_path / "e.csv", [event_row(event_date="2024-10-01"), event_row(event_id="e2")])
    cache = tmp_path / "cache"
    first = load_events(source, cache)
    assert first["event_id"].tolist() == ["e2", "e1"]  # newest first
    assert len(copies(cache)) == 1

    import deploymap.ingest.typed_copy as store

    monkeypatch.setattr(store, "read_events", lambda path, **_: pytest.fail("the CSV was read again"))
    again = load_events(source, cache)
    assert again.equals(first)


def test_a_changed_source_is_read_again(tmp_path):
    source = write_events(tmp_path / "e.csv", [event_row()])
    cache = tmp_path / "cache"
    load_events(source, cache)
    write_events(source, [event_row(), event_row(event_id="e2", summary="a longer summary than before")])
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10_000_000))
    assert len(load_events(source, cache)) == 2


def test_a_source_that_breaks_is_reported_not_served_from_the_copy(tmp_path):
    source = write_events(tmp_path / "e.csv", [event_row()])
    cache = tmp_path / "cache"
    load_events(source, cache)
    write_events(source, [event_row(latitude="123")])
    with pytest.raises(EventFileError, match="latitude"):
        load_events(source, cache)


def test_a_damaged_copy_is_remade(tmp_path):
    source = write_events(tmp_path / "e.csv", [event_row()])
    cache = tmp_path / "cache"
    load_events(source, cache)
    copies(cache)[0].write_bytes(b"PAR1 not really")
    assert len(load_events(source, cache)) == 1


def test_no_cache_folder_still_loads(tmp_path):
    source = write_events(tmp_path / "e.csv", [event_row()])
    assert len(load_events(source, None)) == 1



def test_an_edit_of_the_same_size_with_the_time_put_back_is_seen(tmp_path):
    source = write_events(tmp_path / "e.csv", [event_row(summary="aaaa")])
    cache = tmp_path / "cache"
    assert load_events(source, cache)["summary"].tolist() == ["aaaa"]
    before = source.stat()
    source.write_bytes(source.read_bytes().replace(b"aaaa", b"bbbb"))  # same size
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` would
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    assert load_events(source, cache)["summary"].tolist() == ["bbbb"]


def test_copies_are_private_and_outlive_no_source(tmp_path):
    cache = tmp_path / "cache"
    kept = write_events(tmp_path / "kept.csv", [event_row()])
    gone = write_events(tmp_path / "gone.csv", [event_row()])
    os.chmod(kept, 0o600)
    load_events(gone, cache)
    gone.unlink()
    load_events(kept, cache)  # writing a copy prunes those of files that no longer exist
    (copy,) = copies(cache)
    assert copy.name.startswith("kept-")
    assert copy.stat().st_mode & 0o777 == 0o600 and (cache / "events").stat().st_mode & 0o777 == 0o700


def test_a_shared_cache_folder_is_made_private(tmp_path):
    folder = tmp_path / "cache" / "events"
    folder.mkdir(parents=True)
    os.chmod(folder, 0o755)
    load_events(write_events(tmp_path / "e.csv", [event_row()]), tmp_path / "cache")
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_first_open_counts_its_rows_and_gives_the_same_events(tmp_path, monkeypatch):
    import deploymap.ingest.batches as batches
    from deploymap.ingest.typed_copy import copy_is_current

    monkeypatch.setattr(batches, "BATCH_BYTES", 4096)  # several batches from a small file
    rows = [event_row(event_id=f"e{i}", summary=f"summary number {i} " + "x" * 80) for i in range(300)]
    source = write_events(tmp_path / "e.csv", rows)
    heard: list[tuple[float, str]] = []
    assert not copy_is_current(source, tmp_path / "cache")
    counted = load_events(source, tmp_path / "cache", progress=lambda done, what: heard.append((done, what)))
    assert copy_is_current(source, tmp_path / "cache")
    assert counted.equals(load_events(source, None))  # the same events as a plain read
    fractions = [done for done, _ in heard]
    assert fractions == sorted(fractions) and fractions[0] > 0 and fractions[-1] < 1
    reading = [what for _, what in heard if what.startswith("Reading and checking rows")]
    assert len(reading) > 2 and reading[-1].startswith("Reading and checking rows: 300 ")
    assert any(what.startswith("Sorting 300 events") for _, what in heard)
    heard.clear()
    load_events(source, tmp_path / "cache", progress=lambda done, what: heard.append((done, what)))
    assert heard == []  # the copy is current: nothing to count


@pytest.mark.parametrize("damage", ['e1,2024-10-18,"unclosed\n', "e1,2024-10-18\n"])
def test_a_counted_read_names_the_bad_line_like_a_plain_one(tmp_path, damage):
    source = write_events(tmp_path / "e.csv", [event_row(event_id=f"e{i}") for i in range(3)])
    source.write_text(source.read_text() + damage)
    with pytest.raises(EventFileError) as plain:
        load_events(source, None)
    with pytest.raises(EventFileError) as counted:
        load_events(source, tmp_path / "cache", progress=lambda done, what: None)
    assert str(counted.value) == str(plain.value) and "line 5" in str(plain.value)
