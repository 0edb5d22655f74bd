"""The store of record, on SQLite and on PostgreSQL: imports, versions, retractions, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from deploymap.errors import EventFileError
from deploymap.ingest.events_file import read_events
from deploymap.ingest.imports import import_files, import_upload
from deploymap.store.database import Database, StoreError
from deploymap.view.dataset import open_store

from .conftest import ROOT, acled_row, event_row, write_acled, write_events


def test_a_new_store_is_seeded_once_with_the_shipped_events_and_report(store_url):
    database = open_store(store_url)
    events = database.snapshot()
    assert len(events) == 21 and set(events["event_id"]) == set(read_events(ROOT / "data" / "events.csv")["event_id"])
    (change,) = database.changes().to_dict("records")
    assert change["action"] == "seed" and json.loads(change["detail"])["reports"] == ["2024-10-18-dprk-troops-russia.txt"]
    assert open_store(store_url).version() == database.version()  # opening again seeds nothing


def test_the_snapshot_is_typed_like_a_loaded_file(store_url, tmp_path):
    path = write_events(tmp_path / "e.csv", [event_row(troops="1500", end_date="2024-10-20"),
                                             event_row(event_id="e2", location="", latitude="", longitude="", country="")])
    database = Database(store_url)
    database.import_events(read_events(path), origin="test")
    from_store = database.snapshot().sort_values("event_id", ignore_index=True)
    from_file = read_events(path).sort_values("event_id", ignore_index=True)
    for column in from_file.columns:
        assert from_store[column].astype(str).tolist() == from_file[column].astype(str).tolist(), column
        assert from_store[column].dtype == from_file[column].dtype, column


def test_reimporting_changes_nothing_and_an_update_makes_new_versions(store_url, tmp_path):
    database = Database(store_url)
    first = write_events(tmp_path / "a.csv", [event_row(), event_row(event_id="e2")])
    result = import_files(database, [first], actor="tester")[0]
    assert (result.added, result.changed) == (2, 0)
    version = database.version()
    assert import_files(database, [first])[0].change_id is None and database.version() == version
    update = write_events(tmp_path / "b.csv", [event_row(troops="900"), event_row(event_id="e2"), event_row(event_id="e3")])
    result = import_files(database, [update])[0]
    assert (result.added, result.changed, result.unchanged) == (1, 1, 1)
    history = database.history("e1")
    assert history["troops"].tolist() == [None, 900] or history["troops"].astype("Int64").tolist()[1] == 900
    assert history["superseded_by"].notna().tolist() == [True, False] and history["actor"].tolist()[0] == "tester"


def test_a_correction_keeps_the_old_version_and_a_retraction_hides_without_deleting(store_url, tmp_path):
    database = Database(store_url)
    database.import_events(read_events(write_events(tmp_path / "a.csv", [event_row(), event_row(event_id="e2")])), "t")
    database.correct("e1", {"summary": "Troops stationed (corrected)."}, reason="wording", actor="editor")
    database.retract("e2", reason="duplicate report", actor="editor")
    assert database.snapshot()["event_id"].tolist() == ["e1"]
    everything = database.snapshot(include_retracted=True)
    assert sorted(everything["event_id"]) == ["e1", "e2"] and everything["_retracted"].sum() == 1
    assert database.history("e1")["summary"].tolist() == ["Troops stationed.", "Troops stationed (corrected)."]
    log = database.changes()
    assert log["action"].tolist()[:2] == ["retract", "correct"]
    assert json.loads(log["detail"].tolist()[0])["reason"] == "duplicate report"
    database.retract("e2", reason="it was not a duplicate", restore=True)
    assert sorted(database.snapshot()["event_id"]) == ["e1", "e2"]
    with pytest.raises(StoreError, match="no event 'nope'"):
        database.retract("nope", reason="x")
    with pytest.raises(StoreError, match="may change the fields"):
        database.correct("e1", {"event_id": "e9"}, reason="x")


def test_a_bad_file_among_several_changes_nothing(store_url, tmp_path):
    database = Database(store_url)
    good = write_events(tmp_path / "good.csv", [event_row()])
    bad = write_events(tmp_path / "bad.csv", [event_row(event_id="b1"), event_row(event_id="b2", latitude="99")])
    with pytest.raises(EventFileError, match=r"bad.csv, line 3, column 'latitude'"):
        import_files(database, [good, bad])
    assert database.version() == 0 and database.snapshot().empty


def test_an_acled_export_as_acled_delivers_it(store_url, tmp_path):
    rows = [acled_row(),
            acled_row(event_id_cnty="RUS9002", event_date="16 December 2024", event_type="Explosions/Remote violence",
                      sub_event_type="Air/drone strike", geo_precision="1", location="Kursk", latitude="51.7373",
                      longitude="36.1874", fatalities="0", notes="Drone strike, reported by officials, on a depot."),
            acled_row(event_id_cnty="UKR9003", iso="804", country="Ukraine", location="Kyiv", latitude="50.4501",
                      longitude="30.5234", notes="", sub_event_type="Armed clash", admin1="Kyiv City", geo_precision="3")]
    path = write_acled(tmp_path / "2024-12-18-acled-export.csv", rows)
    database = Database(store_url)
    (result,) = import_files(database, [path])
    assert result.added == 3
    events = database.snapshot().set_index("event_id")
    first = events.loc["RUS9001"]
    assert first["event_type"] == "battles" and first["sub_event_type"] == "Armed clash"
    assert first["actor1"] == "Military Forces of Russia (2000-)" and first["actor2"].startswith("Military Forces of Ukraine")
    assert first["country"] == "RU" and first["geo_precision"] == "region" and int(first["fatalities"]) == 3
    assert first["summary"].startswith('On 14 December 2024, Russian and North Korean forces attacked near Sudzha, "with')
    assert "\n" in first["summary"] and first["quote"] == "" and first["wording"] == "dataset"
    assert first["source"] == "Ukrainska Pravda; Kyiv Independent" and first["report"] == ""  # no report text kept
    assert path.name in first["provenance"]
    assert "timestamp 1734480000" in first["provenance"] and "not a verbatim quote" in first["provenance"]
    assert str(events.loc["RUS9002", "event_date"].date()) == "2024-12-16" and events.loc["RUS9002", "geo_precision"] == "city"
    assert events.loc["UKR9003", "country"] == "UA" and events.loc["UKR9003", "summary"] == "Battles: Armed clash in Kyiv"
    assert import_files(database, [path])[0].change_id is None  # the same export again changes nothing
    rows[0]["fatalities"] = "5"
    (again,) = import_files(database, [write_acled(tmp_path / "2024-12-25-acled-export.csv", rows)])
    # One row changed, whatever the file is called: the new name is in the change, not in 3 new versions.
    assert (again.added, again.changed, again.unchanged) == (0, 1, 2)
    assert "2024-12-25-acled-export.csv" in database.changes()["origin"].iloc[0]
    (latest,) = [v for v in database.versions("RUS9001") if v.change_id == again.change_id]
    assert [d[0] for d in latest.differences] == ["troops", "fatalities", "provenance"]  # it came from the new file
    assert latest.differences[:2] == (("troops", "3", "5"), ("fatalities", "3", "5"))


@pytest.mark.parametrize(("override", "where"), [
    ({"event_date": "14/12/2024"}, "line 2, column 'event_date': is not a date like 2024-10-18 or 18 October 2024"),
    ({"geo_precision": "7"}, "line 2, column 'geo_precision': must be 1, 2 or 3"),
    ({"latitude": "123"}, "line 2, column 'latitude': must be between -90 and 90"),
    ({"fatalities": "many"}, "line 2, column 'fatalities': must be a whole number"),
    ({"event_id_cnty": ""}, "line 2, column 'event_id_cnty': is empty"),
])
def test_a_bad_acled_export_is_named_by_file_line_and_column(tmp_path, override, where):
    path = write_acled(tmp_path / "acled.csv", [acled_row(**override)])
    database = Database(f"sqlite:///{tmp_path / 's.sqlite'}")
    with pytest.raises(EventFileError) as info:
        import_files(database, [path])
    assert f"{path}, {where}" in str(info.value)
    assert database.version() == 0


def test_an_acled_export_missing_a_column_is_named(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("event_id_cnty,event_date,notes\nX1,2024-10-18,n\n", encoding="utf-8")
    with pytest.raises(EventFileError, match=r"line 1, column 'year': is missing from the header"):
        import_files(Database(f"sqlite:///{tmp_path / 's.sqlite'}"), [path])


def test_an_upload_is_imported_under_its_name_only_as_a_label(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 's.sqlite'}")
    data = write_events(tmp_path / "e.csv", [event_row()]).read_bytes()
    result = import_upload(database, "../../etc/www.evil-example.com.csv", data, actor="alice@example.org")
    assert result.added == 1
    change = database.changes().iloc[0]
    assert change["origin"] == "deploymap upload www.evil-example.com.csv" and change["actor"] == "alice@example.org"
    assert not (tmp_path / "www.evil-example.com.csv").exists()


@pytest.mark.parametrize("url", ["sqlite:///relative/path.sqlite", "mysql://x/y", "postgresql://nobody@127.0.0.1:1/x"])
def test_a_bad_store_url_is_a_message(url):
    with pytest.raises(StoreError) as info:
        Database(url)
    assert "sqlite" in str(info.value) or "cannot be opened" in str(info.value)


def test_the_command_line_imports_exports_and_retracts(store_url, tmp_path):
    env_file = write_acled(tmp_path / "acled.csv", [acled_row()])
    env = {"DEPLOYMAP_DATABASE": store_url, "DEPLOYMAP_CACHE_DIR": str(tmp_path / "cache"),
           "DEPLOYMAP_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "deploymap", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=180)

    done = cli("import", str(env_file))
    assert done.returncode == 0 and "1 event added" in done.stdout, done.stderr
    done = cli("export", "--format", "geojson", "--output", str(tmp_path / "out.geojson"), "--query", "event_type=battles")
    assert done.returncode == 0, done.stderr
    collection = json.loads((tmp_path / "out.geojson").read_text())
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [35.2706, 51.1903]}
    assert feature["properties"]["event_id"] == "RUS9001" and feature["properties"]["fatalities"] == 3
    done = cli("export", "--format", "csv", "--output", str(tmp_path / "out.csv"), "--query", "source=NATO")
    assert done.returncode == 0 and "2 events" in done.stderr, done.stderr
    assert cli("retract", "RUS9001", "--reason", "a duplicate of RUS9000").returncode == 0
    assert "retract" in (told := cli("history", "RUS9001").stdout) and "reason: a duplicate of RUS9000" in told
    done = cli("import", str(tmp_path / "missing.csv"))
    assert done.returncode == 2 and "file not found" not in done.stdout and "missing.csv" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_source_merged_into_another_keeps_every_event_under_one_name(store_url, tmp_path):
    from deploymap.reading.sources import SourceTable

    database = open_store(store_url)
    database.import_events(read_events(write_events(tmp_path / "e.csv", [event_row(source="NIS official")])), origin="e")
    change = database.merge_source("NIS official", "NIS (South Korea)", reason="one agency, one name")
    sources = dict(zip(database.sources()["source"], database.sources()["events"], strict=True))
    assert "NIS official" not in sources and sources["NIS (South Korea)"] == 11
    (merged,) = [v for v in database.versions("e1") if v.change_id == change]
    assert merged.differences == (("source", "NIS official", "NIS (South Korea)"),)
    database.merge_source("NIS (South Korea)", "NIS", reason="a shorter name")  # a rename: earlier names follow it
    table = SourceTable.shipped(database.source_aliases())
    assert table.canonical("NIS official") == "NIS" and table.canonical("South Korea's spy agency") == "NIS"
    assert set(database.sources()["source"]) >= {"NIS"} and "NIS (South Korea)" not in set(database.sources()["source"])
    # From then on an import or a correction under a merged name is written under the source's name.
    database.import_events(read_events(write_events(tmp_path / "f.csv", [event_row(event_id="e2", source="NIS official")])),
                           origin="f")
    database.correct("e1", {"summary": "edited", "source": "NIS official"}, reason="typed the old name")
    assert database.snapshot().set_index("event_id").loc["e1", "source"] == "NIS"
    assert "NIS official" not in set(database.sources()["source"])
    assert database.snapshot().set_index("event_id").loc["e2", "source"] == "NIS"


def test_a_change_is_undone_by_a_new_change_and_never_over_a_later_one(store_url, tmp_path):
    database = open_store(store_url)
    first = database.import_events(read_events(write_events(tmp_path / "a.csv", [event_row(event_id="u1"),
                                                                                 event_row(event_id="u2")])),
                                   origin="a.csv", actor="alice@example.org").change_id
    fixed = database.correct("u1", {"summary": "Corrected."}, reason="typo", actor="bob@example.org")
    assert [(eid, v.differences) for eid, v in database.change_versions(fixed)] == [
        ("u1", (("summary", "Troops stationed.", "Corrected."),))]
    with pytest.raises(StoreError, match=f"changed since, in change {fixed}"):
        database.undo(first, reason="wrong file")
    undone = database.undo(fixed, reason="the typo was right", actor="lead@example.org")
    now = database.snapshot().set_index("event_id")
    assert now.loc["u1", "summary"] == "Troops stationed."
    log = database.changes().set_index("id")
    assert log.loc[undone, "action"] == "undo" and log.loc[undone, "actor"] == "lead@example.org"
    assert json.loads(log.loc[undone, "detail"])["undoes"] == fixed
    database.undo(undone, reason="redo")  # an undo is a change like any other
    assert database.snapshot().set_index("event_id").loc["u1", "summary"] == "Corrected."
    gone = database.retract("u2", reason="duplicate")
    database.undo(gone, reason="not a duplicate")
    assert "u2" in set(database.snapshot()["event_id"])
    added = database.import_events(read_events(write_events(tmp_path / "b.csv", [event_row(event_id="u3")])),
                                   origin="b.csv").change_id
    database.undo(added, reason="imported by mistake")  # an added event is retracted, never deleted
    assert "u3" not in set(database.snapshot()["event_id"]) and len(database.history("u3")) == 2
    merged = database.merge_source("NIS (South Korea)", "NIS", reason="shorter")
    database.undo(merged, reason="keep the long name")
    names = set(database.sources()["source"])
    assert "NIS" not in names and "NIS (South Korea)" in names and database.source_aliases() == []
    with pytest.raises(StoreError, match="no change"):
        database.undo(99_999, reason="x")
    for bad in (10**30, "1; DROP TABLE changes", -1, True):
        with pytest.raises(StoreError, match="named by its number"):
            database.undo(bad, reason="x")
    with pytest.raises(StoreError, match="at most 2,000 characters"):
        database.undo(merged, reason="x" * 2_001)


def test_undoing_merges_puts_every_source_name_back(store_url, tmp_path):
    database = open_store(store_url)
    database.import_events(read_events(write_events(tmp_path / "e.csv", [event_row(source="Ghost")])), origin="e")
    names = lambda: sorted(database.source_aliases())  # noqa: E731
    database.merge_source("Ghost", "NIS", reason="one agency")
    second = database.merge_source("NIS", "Zed", reason="a rename")
    assert names() == [("Ghost", "Zed"), ("NIS", "Zed")]
    database.undo(second, reason="keep NIS")  # Ghost names NIS again, and NIS is no alias
    assert names() == [("Ghost", "NIS")]
    one = database.merge_source("Old", "X1", reason="a")
    two = database.merge_source("Old", "X2", reason="b")
    database.undo(two, reason="X1 was right")
    assert ("Old", "X1") in names() and ("Old", "X2") not in names()
    with pytest.raises(StoreError, match=f"changed since|set since, in change {two + 1}"):
        database.undo(one, reason="over the later undo")
    undone = database.merge_source("B", "Bee", reason="c")
    back = database.undo(undone, reason="d")
    assert ("B", "Bee") not in names()
    database.undo(back, reason="the merge was right")  # undoing the undo applies the merge's names again
    assert ("B", "Bee") in names()


def test_the_versions_of_an_event_are_found_by_its_id(tmp_path):
    """0004_versions_by_event: an index on every version by event id (an undo of a large import looked each up by
    scanning the table); the query an undo makes uses it."""
    import adbc_driver_sqlite.dbapi as sqlite

    path = tmp_path / "s.sqlite"
    open_store(f"sqlite:///{path}")
    with sqlite.connect(str(path)) as connection, connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN SELECT version_id FROM event_versions WHERE event_id = 'e1' AND version_id < 9 "
                       "ORDER BY version_id DESC LIMIT 1")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "versions_by_event" in plan, plan


def test_a_merge_into_a_name_merged_away_goes_to_the_name_it_has_now(store_url, tmp_path):
    database = open_store(store_url)
    database.import_events(read_events(write_events(tmp_path / "e.csv", [event_row(source="C")])), origin="e")
    database.merge_source("A", "B", reason="A is B")
    database.merge_source("C", "A", reason="C is A")  # A is a name of B now
    names = set(database.sources()["source"])
    assert "B" in names and not names & {"A", "C"} and ("C", "B") in database.source_aliases()
    with pytest.raises(StoreError, match="already a name of"):
        database.merge_source("B", "A", reason="a loop")


def test_undoing_a_merge_made_before_merges_recorded_their_names(tmp_path):
    """A merge recorded by the released 708a720 has no rows of its names in its detail: its undo points the names
    it moved back at the merged name."""
    import adbc_driver_sqlite.dbapi as sqlite

    path = tmp_path / "s.sqlite"
    database = open_store(f"sqlite:///{path}")
    first = database.merge_source("NIS (South Korea)", "NIS", reason="shorter")
    second = database.merge_source("NIS", "Zed", reason="a rename")
    with sqlite.connect(str(path), autocommit=True) as connection, connection.cursor() as cursor:
        for change in (first, second):  # as the released version wrote them
            cursor.execute("SELECT detail FROM changes WHERE id = ?", (change,))
            detail = {k: v for k, v in json.loads(cursor.fetchone()[0]).items() if not k.startswith("aliases_")}
            cursor.execute("UPDATE changes SET detail = ? WHERE id = ?", (json.dumps(detail), change))
    database.undo(second, reason="keep NIS")
    assert sorted(database.source_aliases()) == [("NIS (South Korea)", "NIS")]  # no longer named Zed
