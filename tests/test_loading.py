"""Bad events files give one clear message naming the file, the line and the column."""

from __future__ import annotations

import pandas as pd
import pytest

from deploymap.errors import EventFileError
from deploymap.fields import COLUMNS
from deploymap.ingest.events_file import read_events

from .conftest import event_row, write_events


def test_a_valid_file_loads_with_types(tmp_path):
    path = write_events(tmp_path / "ok.csv", [event_row(), event_row(event_id="e2", location="", latitude="",
                                                                      longitude="", country="", troops="1500")])
    events = read_events(path)
    assert list(events.columns) == list(COLUMNS)
    assert pd.api.types.is_datetime64_any_dtype(events["event_date"])
    assert events["troops"].tolist()[1] == 1500
    assert pd.isna(events["latitude"].iloc[1])


@pytest.mark.parametrize(
    ("rows", "line", "column", "words"),
    [
        ([event_row(event_date="18/10/2024")], 2, "event_date", "not an ISO date"),
        ([event_row(), event_row(event_id="e2", end_date="2024-13-01")], 3, "end_date", "not an ISO date"),
        ([event_row(end_date="2024-10-01")], 2, "end_date", "before event_date"),
        ([event_row(latitude="91")], 2, "latitude", "between -90 and 90"),
        ([event_row(longitude="east")], 2, "longitude", "not a number"),
        ([event_row(latitude="")], 2, "longitude", "together"),
        ([event_row(latitude="0", longitude="0")], 2, "latitude", "(0, 0)"),
        ([event_row(), event_row(summary="x"), event_row(event_id="e3")], 3, "event_id", "first used on line 2"),
        ([event_row(status="rumoured")], 2, "status", "must be one of"),
        ([event_row(event_type="")], 2, "event_type", "is empty"),
        ([event_row(quote="")], 2, "quote", "is empty"),
        ([event_row(troops="about 10,000")], 2, "troops", "whole number"),
        ([event_row(country="Russia")], 2, "country", "alpha-2"),
    ],
)
def test_bad_cells_are_named_by_file_line_and_column(tmp_path, rows, line, column, words):
    path = write_events(tmp_path / "bad.csv", rows)
    with pytest.raises(EventFileError) as info:
        read_events(path)
    message = str(info.value)
    assert str(path) in message
    assert f"line {line}, column {column!r}" in message
    assert words in message


def test_line_numbers_count_multiline_quotes(tmp_path):
    rows = [event_row(quote="first line\nsecond line"), event_row(event_id="e2", event_date="soon")]
    path = write_events(tmp_path / "multi.csv", rows)
    with pytest.raises(EventFileError, match=r"line 4, column 'event_date'"):
        read_events(path)


def test_missing_column_is_named(tmp_path):
    path = write_events(tmp_path / "cols.csv", [event_row()], columns=[c for c in COLUMNS if c != "quote"])
    with pytest.raises(EventFileError, match=r"line 1, column 'quote': is missing from the header"):
        read_events(path)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (",".join(COLUMNS).encode() + b"\n", "line 1: has a header but no events"),
        (b"event_id,event_date\ne1,2024-10-18\n", "column 'end_date': is missing"),
    ],
)
def test_empty_and_headless_files(tmp_path, content, expected):
    path = tmp_path / "events.csv"
    path.write_bytes(content)
    with pytest.raises(EventFileError, match=expected):
        read_events(path)


def test_not_utf8_names_the_line(tmp_path):
    path = write_events(tmp_path / "latin1.csv", [event_row(), event_row(event_id="e2")])
    data = path.read_bytes().replace(b"Troops stationed.", b"Troupes stationn\xe9es.", 1)
    path.write_bytes(data)
    with pytest.raises(EventFileError, match=r"latin1.csv, line 2: is not UTF-8"):
        read_events(path)


def test_a_row_with_too_many_fields_is_named(tmp_path):
    path = write_events(tmp_path / "wide.csv", [event_row(), event_row(event_id="e2")])
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] += ",surplus"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(EventFileError, match=r"line 3: has 24 fields but the header has 23"):
        read_events(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(EventFileError, match=r"nowhere\.csv: file not found"):
        read_events(tmp_path / "nowhere.csv")


def test_a_bom_is_accepted_and_cyrillic_kept(tmp_path):
    path = write_events(tmp_path / "bom.csv", [event_row(location="Владивосток")])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert read_events(path)["location"].iloc[0] == "Владивосток"


def test_every_problem_is_listed_not_only_the_first(tmp_path):
    path = write_events(tmp_path / "many.csv", [event_row(latitude="100"), event_row(event_id="e2", status="?")])
    with pytest.raises(EventFileError) as info:
        read_events(path)
    error = info.value
    assert error.total == 2
    assert [(p.line, p.column) for p in error.problems] == [(2, "latitude"), (3, "status")]


def test_parquet_is_validated_the_same_way_with_row_numbers(tmp_path):
    frame = pd.DataFrame([event_row(), event_row(event_id="e2", latitude="95")])
    path = tmp_path / "events.parquet"
    frame.to_parquet(path, index=False)
    with pytest.raises(EventFileError, match=r"row 2, column 'latitude'"):
        read_events(path)
    frame.loc[1, "latitude"] = "43.8"
    frame.to_parquet(path, index=False)
    assert len(read_events(path)) == 2


def _csv_bytes(rows: list[dict], eol: str = "\n", header_sep: str = ",") -> bytes:
    lines = [header_sep.join(COLUMNS)] + [",".join(_quoted(r[c]) for c in COLUMNS) for r in rows]
    return (eol.join(lines) + eol).encode("utf-8")


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"' if any(ch in value for ch in ',"\r\n') else value


@pytest.mark.parametrize(
    ("data", "line", "column", "words"),
    [
        (_csv_bytes([event_row(), event_row(event_id="e2", event_date="soon")], eol="\r"), 3, "event_date", "ISO date"),
        (_csv_bytes([event_row(troops="x")], header_sep=", "), 2, "troops", "whole number"),
        (_csv_bytes([event_row(summary="x" * 140_000)]), 2, "summary", "140000 characters long"),
        (_csv_bytes([event_row(troops="８０００")]), 2, "troops", "digits 0-9"),
        (_csv_bytes([event_row(troops="٨٠٠٠")]), 2, "troops", "digits 0-9"),
        (_csv_bytes([event_row(event_date="２０２４-10-18")]), 2, "event_date", "ISO date"),
        (_csv_bytes([event_row(), event_row(event_id="e2", quote="a\rb", troops="?")]), 3, "troops", "whole number"),
    ],
    ids=["cr-only-line-endings", "space-after-commas", "cell-over-128k", "full-width-digits", "arabic-indic-digits",
         "full-width-date", "lone-cr-in-a-quoted-cell"],
)
def test_damaged_csv_gives_a_message_not_a_traceback(tmp_path, data, line, column, words):
    path = tmp_path / "damaged.csv"
    path.write_bytes(data)
    with pytest.raises(EventFileError) as info:
        read_events(path)
    message = str(info.value)
    assert f"{path}, line {line}, column {column!r}" in message and words in message


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_every_line_ending_loads(tmp_path, eol):
    path = tmp_path / "ok.csv"
    path.write_bytes(_csv_bytes([event_row(), event_row(event_id="e2", quote="two\nlines")], eol=eol))
    events = read_events(path)
    assert events["event_id"].tolist() == ["e1", "e2"] and events["quote"].tolist()[1] == "two\nlines"


def _parquet(tmp_path, **columns) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    row = event_row()
    table = pa.table({c: columns.get(c, pa.array([row[c]])) for c in COLUMNS})
    path = tmp_path / "events.parquet"
    pq.write_table(table, path)
    return str(path)


def test_a_parquet_column_of_lists_is_named(tmp_path):
    import pyarrow as pa

    path = _parquet(tmp_path, summary=pa.array([["a", "b"]]))
    with pytest.raises(EventFileError, match=r"column 'summary': has type list<element: string>; expected text"):
        read_events(path)


def test_parquet_binary_that_is_not_utf8_is_named_by_row(tmp_path):
    import pyarrow as pa

    path = _parquet(tmp_path, quote=pa.array([b"\xff\xfe"], pa.binary()))
    with pytest.raises(EventFileError, match=r"row 1, column 'quote': is not UTF-8 text: byte 0xff"):
        read_events(path)


def test_parquet_binary_that_is_utf8_reads_as_text(tmp_path):
    import pyarrow as pa

    events = read_events(_parquet(tmp_path, quote=pa.array(["Войска".encode()], pa.binary())))
    assert events["quote"].tolist() == ["Войска"]
