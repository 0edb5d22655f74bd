"""Property tests of the entrances: whatever bytes, dialect, cells or Parquet schema arrive, the
loader either returns checked events or raises the project's own error, never anything else."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import example, given, settings
from hypothesis import strategies as st

from deploymap.errors import DeploymapError
from deploymap.fields import COLUMNS
from deploymap.ingest.acled import ACLED_COLUMNS
from deploymap.ingest.events_file import read_events
from deploymap.view.url_state import parse_view

from .conftest import event_row

VALID = event_row()
# Cells of every kind: any Unicode (controls, surrogate-free), digits of other scripts, template
# and Markdown syntax, the valid value, and now and then a cell far beyond the length limit.
cells = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["", " ", "\r", "\n", "\r\n", '"', '""', ",", "８０００", "٨٠٠٠", "{{7*7}}", "=1+1", "\x00",
                     "2024-10-18", "43.1", "-0", "NaN", "inf", "1e400", "99999999999"]),
    st.builds(lambda n: "x" * n, st.integers(100_000, 140_000)),
)


def check(path) -> None:
    """A file reads, or fails with a message naming it; read with a progress bar, or only its first rows
    (a large file's preview), it gives the same events or the same message."""
    try:
        events = read_events(path)
    except DeploymapError as exc:
        assert str(path) in str(exc)  # every message names the file
        events, message = None, str(exc)
    else:
        assert set(COLUMNS) <= set(events.columns) and len(events) > 0
    try:
        counted = read_events(path, progress=lambda done, what: None)
    except DeploymapError as exc:
        assert events is None and str(exc) == message
    else:
        assert events is not None and counted.equals(events)
    try:
        first = read_events(path, first_rows=2)
    except DeploymapError as exc:
        assert events is None and str(path) in str(exc)  # a good file's first rows are good too
    else:
        if events is not None:
            assert first.equals(events.head(2))


@given(data=st.binary(max_size=2_000))
@example(data=b"PAR1garbage")
@example(data=",".join(COLUMNS).encode() + b"\r" + b",".join(v.encode() for v in VALID.values()))
def test_random_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "events.csv"
    path.write_bytes(data)
    check(path)


@st.composite
def csv_files(draw) -> bytes:
    header = draw(st.one_of(st.just(list(COLUMNS)), st.permutations(COLUMNS),
                            st.lists(st.sampled_from([*COLUMNS, "extra", " event_id", ""]), max_size=20)))
    spaced = draw(st.booleans())
    rows = draw(st.lists(st.dictionaries(st.sampled_from(list(COLUMNS)), cells), max_size=4))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])),
                        lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow([(" " + h) if spaced else h for h in header])
    for row in rows:
        writer.writerow([row.get(c, VALID.get(c, "")) for c in header])
    text = out.getvalue()
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no final newline
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf"]))
    return prefix + text.encode("utf-8")


@given(data=csv_files())
def test_random_csv_dialects_and_cells(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("csv") / "events.csv"
    path.write_bytes(data)
    check(path)


ARROW_COLUMNS = {
    "string": (pa.string(), cells),
    "large_string": (pa.large_string(), cells),
    "binary": (pa.binary(), st.binary(max_size=8)),
    "int": (pa.int64(), st.integers(-(2**63), 2**63 - 1)),
    "float": (pa.float64(), st.floats(allow_nan=True, allow_infinity=True)),
    "bool": (pa.bool_(), st.booleans()),
    "date": (pa.date32(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
    "timestamp": (pa.timestamp("ms", tz="UTC"), st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1),
                                                             timezones=st.just(dt.UTC))),
    "list": (pa.list_(pa.string()), st.lists(st.text(max_size=3), max_size=2)),
    "struct": (pa.struct([("a", pa.int32())]), st.builds(lambda a: {"a": a}, st.integers(-5, 5))),
    "null": (pa.null(), st.none()),
}


@st.composite
def parquet_files(draw) -> bytes:
    names = draw(st.one_of(st.just(list(COLUMNS)), st.lists(st.sampled_from([*COLUMNS, "extra"]), max_size=18)))
    rows = draw(st.integers(0, 3))
    arrays, fields = [], []
    for i, name in enumerate(names):
        column_type = draw(st.sampled_from(["valid", *ARROW_COLUMNS]))
        if column_type == "valid":
            kind_type, values = pa.string(), [VALID.get(name, "")] * rows
        else:
            kind_type, strategy = ARROW_COLUMNS[column_type]
            values = draw(st.lists(st.one_of(st.none(), strategy), min_size=rows, max_size=rows))
        if draw(st.booleans()) and pa.types.is_string(kind_type):
            arrays.append(pa.array(values, kind_type).dictionary_encode())
        else:
            arrays.append(pa.array(values, kind_type))
        fields.append(f"{name}" if name not in names[:i] else name)
    out = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, names=fields), out)
    return out.getvalue()


@given(data=parquet_files())
def test_random_parquet_schemas(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("parquet") / "events.parquet"
    path.write_bytes(data)
    check(path)


@given(params=st.dictionaries(st.text(max_size=20), st.lists(st.text(max_size=300), max_size=5), max_size=8))
def test_random_url_parameters_give_notices_not_errors(params):
    choices = {"source": ["NATO"], "location": ["Vladivostok"], "event_type": ["deployment"], "status": ["reported"]}
    view, notices = parse_view(params, choices)
    assert all(isinstance(n, str) and len(n) < 1_000 for n in notices)
    assert set(view.chosen("source")) <= {"NATO"}


ACLED_NAMES = list(ACLED_COLUMNS)


@st.composite
def acled_files(draw) -> bytes:
    header = draw(st.one_of(st.just(ACLED_NAMES), st.lists(st.sampled_from([*ACLED_NAMES, "x"]), min_size=2, max_size=35)))
    if "event_id_cnty" not in header or "notes" not in header:
        header = ["event_id_cnty", "notes", *header]
    rows = draw(st.lists(st.lists(cells, min_size=len(header), max_size=len(header)), max_size=3))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


@given(data=st.one_of(acled_files(), st.binary(max_size=500)))
def test_random_uploads_import_or_give_the_projects_error(tmp_path_factory, data):
    from deploymap.ingest.imports import import_upload
    from deploymap.store.database import Database

    folder = tmp_path_factory.mktemp("upload")
    database = Database(f"sqlite:///{folder / 'store.sqlite'}")
    try:
        import_upload(database, "upload.csv", data)
    except DeploymapError as exc:
        assert "upload.csv" in str(exc)
        assert database.version() == 0  # a refused file changes nothing


FORMULA_TEXT = st.one_of(st.text(st.characters(codec="utf-8"), max_size=40),
                         st.sampled_from(["=1+1", "'=1+1", "''@x", "@DefenceU", "-", "'", "''", "+7 troops", "\t=x",
                                          "'hello", " padded ", "a\nb", "\u00a0x"]))


@st.composite
def event_files(draw) -> list[dict]:
    """A few valid events with hostile text in every free-text field, as a user's file holds them."""
    count = draw(st.integers(1, 4))
    rows = []
    for i in range(count):
        text = {c: draw(FORMULA_TEXT) for c in ("source", "summary", "quote", "location", "report", "actor1",
                                                "sub_event_type", "provenance")}
        text["source"] = text["source"].strip() or "NIS"
        text["summary"] = text["summary"] if text["summary"].strip() else "s"
        text["quote"] = text["quote"] if text["quote"].strip() else "q"
        coordinates = draw(st.one_of(st.none(), st.tuples(st.floats(-89.9, 89.9), st.floats(-179.9, 179.9))))
        lat, lon = coordinates if coordinates and coordinates != (0, 0) else ("", "")
        rows.append(VALID | text | {"event_id": f"{draw(FORMULA_TEXT).strip()[:20]}-{i}", "latitude": str(lat),
                                    "longitude": str(lon), "location": text["location"] if lat != "" else "",
                                    "troops": draw(st.sampled_from(["", "0", "12000", "999999999"]))})
    return rows


@settings(max_examples=30)
@given(rows=event_files())
def test_an_export_imports_back_to_exactly_the_same_events(tmp_path_factory, rows):
    """What deploymap writes, it reads back unchanged: the formula guard is undone, numbers and text exact,
    and a store that holds the events finds nothing changed."""
    from hypothesis import assume

    from deploymap.store.database import Database
    from deploymap.view.export import events_to_csv

    from .conftest import write_events

    folder = tmp_path_factory.mktemp("roundtrip")
    try:
        events = read_events(write_events(folder / "mine.csv", rows))
    except DeploymapError:
        assume(False)  # a row the checks refuse is another test's business
    exported = folder / "exported.csv"
    exported.write_bytes(events_to_csv(events))
    again = read_events(exported)
    for column in COLUMNS:
        assert again[column].astype(str).tolist() == events[column].astype(str).tolist(), column
    database = Database(f"sqlite:///{folder / 'store.sqlite'}")
    database.import_events(events, origin="mine.csv")
    result = database.import_events(again, origin="exported.csv")
    assert (result.added, result.changed, result.change_id) == (0, 0, None)
