"""A new optional field is one declaration: checked, stored (an existing store gets its column, on both
backends), filtered through the link, shown, exported and edited, with no other file touched.

The test copies the project, adds one line to the copy's ``deploymap/fields.py`` and nothing else, and
drives the copy in a process of its own.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT, new_postgres_database

DECLARATION = ('    Field("unit", "Unit", Choice(("brigade", "battalion")), category=True, filter=CHOICE, url_key="unit",\n'
               '          optional_column=True, description="the North Korean unit the claim names"),\n')

SCRIPT = textwrap.dedent('''
    import json, sys
    from streamlit.testing.v1 import AppTest
    from deploymap.errors import EventFileError
    from deploymap.fields import COLUMNS
    from deploymap.ingest.events_file import read_events
    from deploymap.pages.add_report import EDITOR_COLUMNS
    from deploymap.store.database import Database
    from deploymap.view.export import events_to_csv, events_to_geojson
    from deploymap.view.filters import filter_mask
    from deploymap.view.url_state import parse_view

    url, folder = sys.argv[1], sys.argv[2]
    database = Database(url)  # an existing store: the migration adds the column
    before = database.snapshot(include_retracted=True)
    assert len(before) == 26 and set(before["unit"].astype(str)) == {""}, before["unit"]
    assert COLUMNS[-1] == "unit" and "unit" in EDITOR_COLUMNS
    header = ",".join(COLUMNS)
    good = header + "\\nn1,2024-12-19,,,battles,reported,NIS,Kursk region,RU,51.7,36.2,region,,s,q,r.txt,,,,,,,,brigade\\n"
    open(f"{folder}/good.csv", "w").write(good)
    open(f"{folder}/bad.csv", "w").write(good.replace("brigade", "division"))
    try:
        read_events(f"{folder}/bad.csv")
        raise SystemExit("a bad unit was accepted")
    except EventFileError as exc:
        assert "line 2, column 'unit': must be one of brigade, battalion; got 'division'" in str(exc), str(exc)
    database.import_events(read_events(f"{folder}/good.csv"), origin="good.csv")
    events = database.snapshot()
    view, notices = parse_view({"unit": ["brigade"]}, {"unit": ["brigade"]})
    chosen = events[filter_mask(events, view)]
    assert chosen["event_id"].tolist() == ["n1"] and not notices, (chosen["event_id"].tolist(), notices)
    assert b"unit" in events_to_csv(chosen).splitlines()[0] and b"brigade" in events_to_csv(chosen)
    assert json.loads(events_to_geojson(chosen)[0])["features"][0]["properties"]["unit"] == "brigade"
    at = AppTest.from_file(f"{folder}/app.py", default_timeout=120)
    at.query_params["unit"] = "brigade"
    at.session_state["_first_screen_drawn"] = True  # the whole page (dashboard.DRAWN_STATE)
    at.run()
    assert not at.exception, at.exception
    assert at.dataframe[0].value["event_id"].tolist() == ["n1"] and "unit" in at.dataframe[0].value.columns
    assert at.sidebar.multiselect(key="f_unit").value == ["brigade"]
    print("ok")
''')


def project_copy(tmp_path):
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    copy = tmp_path / "project"
    for name in filter(None, listed.decode().split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    shutil.copytree(ROOT / "static" / "leaflet", copy / "static" / "leaflet", dirs_exist_ok=True)
    fields = copy / "deploymap" / "fields.py"
    text = fields.read_text()
    anchor = '    Field("event_id", "ID"'
    assert text.count(anchor) == 1
    fields.write_text(text.replace(anchor, DECLARATION + anchor))
    changed = [name for name in filter(None, listed.decode().split("\0")) if (ROOT / name).is_file()
               and (copy / name).read_bytes() != (ROOT / name).read_bytes()]
    assert changed == ["deploymap/fields.py"]
    return copy


def run_in(copy, url, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(copy), "DEPLOYMAP_DATABASE": url, "DEPLOYMAP_CONFIG": str(tmp_path / "none.toml")}
    done = subprocess.run([sys.executable, "-c", SCRIPT, url, str(copy)], cwd=copy, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]


def test_a_new_field_on_an_existing_sqlite_store(tmp_path):
    copy = project_copy(tmp_path)
    store = tmp_path / "store.sqlite"
    shutil.copy(ROOT / "tests" / "stores" / "v1-0460b5e.sqlite", store)
    run_in(copy, f"sqlite:///{store}", tmp_path)


def test_a_new_field_on_an_existing_postgresql_store(tmp_path, postgres_server):
    psql = shutil.which("psql") or (sorted(glob.glob("/usr/lib/postgresql/*/bin/psql")) or [None])[-1]
    if psql is None:
        pytest.skip("psql is not installed")
    url = new_postgres_database(postgres_server)
    subprocess.run([psql, "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", str(ROOT / "tests" / "stores" / "v1-0460b5e.postgresql.sql")],
                   check=True, capture_output=True, timeout=120)
    run_in(project_copy(tmp_path), url, tmp_path)
