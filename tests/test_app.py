"""The page, run in-process with streamlit.testing (no browser, no network)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from deploymap.fields import COLUMNS
from deploymap.pages.dashboard import DRAWN_STATE

from .conftest import ROOT, event_row, write_events
from .payloads import MARKDOWN_PAYLOADS as PAYLOADS
from .payloads import assert_inert, markdown_shown

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(autouse=True)
def fresh_caches():
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()


@pytest.fixture
def media(monkeypatch):
    """Keep the media manager AppTest makes, to read the bytes behind a download button."""
    made = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return made


def run(query: dict | None = None, events_file=None, monkeypatch=None) -> AppTest:
    if events_file is not None:
        monkeypatch.setenv("DEPLOYMAP_EVENTS", str(events_file))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.session_state[DRAWN_STATE] = True  # the whole page, as after the browser's follow-up run
    return at.run()


def url(at: AppTest) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def table(at: AppTest):
    return at.dataframe[0].value


def map_markers(at: AppTest) -> list[dict]:
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    args = json.loads(component.proto.json_args)
    assert all(link.startswith("/app/static/") for link in args["js_links"] + args["css_links"])
    script = args["feature_group"]  # the markers travel as a layer beside the map, not in it
    assert "var points" not in args["script"]
    start = script.index("var points = ") + len("var points = ")
    return json.loads(script[start:script.index(";\n", start)])


def download_bytes(at: AppTest, media, which: int = 0) -> bytes:
    button = at.get("download_button")[which]
    file_id = button.proto.deferred_file_id
    assert file_id, "the CSV should be built only when asked for"
    for manager in media:
        try:
            url = manager.execute_deferred(file_id)
        except Exception:
            continue
        return manager._storage.get_file(url.rsplit("/", 1)[-1].split(".")[0]).content
    raise AssertionError("download not found")


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_page_shows_map_table_and_figures():
    at = run()
    assert not at.exception
    assert len(table(at)) == 21
    assert table(at)["event_date"].is_monotonic_decreasing
    names = {m["name"] for m in map_markers(at)}
    assert {"Vladivostok", "Ussuriysk", "Khabarovsk", "Blagoveshchensk"} <= names
    figures = {m.label: m.value for m in at.metric}
    assert figures == {"Events": "21", "Sources": "8", "Places on the map": "7", "Troops": "12,000", "Killed": "—",
                       "Wounded": "—", "Captured": "—"}
    notes = [c.value.replace("\\", "") for c in at.caption]  # as rendered: without Markdown escapes
    # 12,000 is a forecast: the headline says so, and gives the largest confirmed figure.
    assert any("expected, Intelligence source in Seoul" in n and "largest confirmed: 10,000" in n for n in notes)


def test_a_source_filter_changes_table_map_download_and_url(media):
    at = run()
    at.sidebar.multiselect(key="f_source").set_value(["NATO"]).run()
    rows = table(at)
    assert set(rows["source"].astype(str)) == {"NATO"} and len(rows) == 2
    assert [m["name"] for m in map_markers(at)] == ["Brussels"]
    exported = csv_rows(download_bytes(at, media))
    assert [r["event_id"] for r in exported] == rows["event_id"].tolist()
    assert url(at) == {"source": ["NATO"]}


def map_args(at: AppTest) -> dict:
    (component,) = [c for c in at.get("component_instance") if c.proto.component_name.endswith("st_folium")]
    return json.loads(component.proto.json_args)


def test_a_filter_change_sends_new_markers_but_the_same_map():
    """streamlit-folium remounts the map (a new iframe, the basemap fetched and drawn again) only when
    the map's own script changes: a filter change must change the marker layer alone."""
    at = run()
    before = map_args(at)
    at.sidebar.multiselect(key="f_source").set_value(["NATO"]).run()
    after = map_args(at)
    assert after["script"] == before["script"] and after["key"] == before["key"]
    assert after["feature_group"] != before["feature_group"]
    at.sidebar.toggle(key="online_tiles").set_value(True).run()  # a different map: this one may be rebuilt
    assert map_args(at)["script"] != after["script"]


def test_a_date_filter_uses_period_overlap(media):
    import datetime as dt

    at = run()
    at.sidebar.date_input(key="f_dates").set_value((dt.date(2024, 10, 10), dt.date(2024, 10, 12))).run()
    assert sorted(table(at)["event_id"]) == ["dprk-2024-004", "dprk-2024-005"]
    assert map_markers(at) == []
    assert url(at) == {"start": ["2024-10-10"], "end": ["2024-10-12"]}


def test_a_location_filter_and_text_search():
    at = run()
    at.sidebar.multiselect(key="f_location").set_value(["Khabarovsk", "Seoul"]).run()
    assert sorted(table(at)["location"].astype(str)) == ["Khabarovsk", "Seoul"]
    assert sorted(m["name"] for m in map_markers(at)) == ["Khabarovsk", "Seoul"]
    at.sidebar.text_input(key="f_text").set_value("preemptive").run()
    assert table(at)["event_id"].tolist() == ["dprk-2024-013"]


def test_a_shared_url_reproduces_the_view():
    at = run({"source": ["NIS (South Korea)"], "event_type": "deployment", "start": "2024-10-18", "q": "stationed"})
    rows = table(at)
    assert len(rows) == 4 and set(rows["location"].astype(str)) == {"Vladivostok", "Ussuriysk", "Khabarovsk",
                                                                     "Blagoveshchensk"}
    assert at.sidebar.multiselect(key="f_source").value == ["NIS (South Korea)"]
    assert not at.warning


def test_bad_url_parameters_get_a_notice_and_the_rest_applies():
    at = run({"source": ["NATO", "Kremlin"], "start": "soon", "zoom": "9", "status": "![x](http://evil.example/p.png)"})
    notices = " ".join(w.value for w in at.warning)
    assert "\\'source\\' has no such value \\'Kremlin\\'" in notices
    assert "\\'start\\'" in notices and "\\'zoom\\'" in notices
    assert "`'![x](http://evil.example/p.png)';`" in notices  # inline code: never a link or an image
    assert set(table(at)["source"].astype(str)) == {"NATO"}


def test_the_download_is_the_table_in_the_schema(media):
    at = run()
    data = download_bytes(at, media)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = csv_rows(data)
    assert [r["event_id"] for r in rows] == table(at)["event_id"].tolist()
    assert list(rows[0]) == list(COLUMNS)


def test_a_flood_of_bad_url_values_gives_one_short_notice():
    at = run({"source": [f"bad{i}" for i in range(999)] + ["x" * 10_000]})
    assert len(at.warning) == 1
    assert "1,000 values that match nothing" in at.warning[0].value and len(at.warning[0].value) < 1_000


def test_parameters_the_server_dropped_are_noticed():
    at = run({f"p{i}": "1" for i in range(1_001)})
    assert len(at.warning) == 1 and "1,001 URL parameters" in at.warning[0].value
    assert len(table(at)) == 21


def test_the_page_survives_missing_map_files(monkeypatch):
    import deploymap.assets

    def broken(*args, **kwargs):
        raise deploymap.assets.AssetError("cannot copy leaflet.js: No space left on device")

    monkeypatch.setattr(deploymap.assets, "install_static_assets", broken)
    at = run()
    assert not at.exception
    assert "The map cannot be shown" in at.error[0].value and "No space left on device" in at.error[0].value
    assert len(table(at)) == 21 and not at.get("component_instance")


def test_a_bad_events_file_is_explained_and_the_page_survives(tmp_path, monkeypatch):
    path = write_events(tmp_path / "mine.csv", [event_row(), event_row(event_id="e1")])
    at = run(events_file=path, monkeypatch=monkeypatch)
    assert not at.exception
    shown = " ".join(c.value for c in at.code)
    assert str(path) in shown and "line 3, column 'event_id'" in shown
    assert at.error


def test_a_file_without_coordinates_is_geocoded_in_memory(tmp_path, monkeypatch):
    rows = [
        event_row(event_id="a", location="Хабаровск", country="", latitude="", longitude="", geo_precision=""),
        event_row(event_id="b", location="Blagoveshchensk", country="", latitude="", longitude="", geo_precision=""),
        event_row(event_id="c", location="Nowhere Special", country="", latitude="", longitude="", geo_precision=""),
    ]
    path = write_events(tmp_path / "mine.csv", rows)
    before = path.read_bytes()
    at = run(events_file=path, monkeypatch=monkeypatch)
    markers = {m["name"]: (m["lat"], m["lng"]) for m in map_markers(at)}
    assert markers == {"Хабаровск": (48.46204, 135.0971), "Blagoveshchensk": (50.27593, 127.52637)}
    assert len(table(at)) == 3  # the unresolved row stays in the table
    unresolved = at.dataframe[1].value
    assert unresolved.to_dict("records") == [{"location": "Nowhere Special", "country": "", "rows": 1, "event_ids": "c"}]
    assert path.read_bytes() == before  # the user's file is not rewritten by the page


def test_hostile_text_reaches_the_map_only_as_data(tmp_path, monkeypatch):
    path = write_events(tmp_path / "mine.csv", [event_row(summary=XSS, source="=1+1")])
    at = run(events_file=path, monkeypatch=monkeypatch)
    (component,) = at.get("component_instance")
    script = json.loads(component.proto.json_args)["feature_group"]
    assert "<img" not in script and "\\u003cimg src=x onerror=alert(1)\\u003e" in script


def test_online_tiles_are_off_until_switched_on():
    at = run()
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert "tile.openstreetmap.org" not in script
    at.sidebar.toggle(key="online_tiles").set_value(True).run()
    script = json.loads(at.get("component_instance")[0].proto.json_args)["script"]
    assert "tile.openstreetmap.org" in script and "OpenStreetMap" in script


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (",".join(c for c in COLUMNS if c != "quote") + "\n", "column 'quote': is missing from the header"),
        (None, "line 2, column 'event_date': is not an ISO date"),
        ("latitude", "line 2, column 'latitude': must be between -90 and 90"),
        ("duplicate", "line 3, column 'event_id': duplicates event_id 'e1' first used on line 2"),
        (b"", "file is empty"),
        (b"\xff\xfe" + "event_id".encode("utf-16-le"), "line 1: is not UTF-8 text"),
    ],
    ids=["missing-column", "bad-date", "latitude-out-of-range", "duplicate-id", "empty", "not-utf8"],
)
def test_each_kind_of_bad_file_is_named_on_the_page(tmp_path, monkeypatch, content, expected):
    path = tmp_path / "mine.csv"
    if content is None:
        write_events(path, [event_row(event_date="18 Oct 2024")])
    elif content == "latitude":
        write_events(path, [event_row(latitude="123.4")])
    elif content == "duplicate":
        write_events(path, [event_row(), event_row()])
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    at = run(events_file=path, monkeypatch=monkeypatch)
    assert not at.exception
    shown = " ".join(c.value for c in at.code)
    assert str(path) in shown and expected in shown


def test_a_clicked_area_limits_the_table_and_drills_into_its_places(tmp_path, monkeypatch):
    rows = [event_row(event_id=f"e{i}", location=f"Place {i}", latitude=f"{40 + i * 0.01:.5f}",
                      longitude=f"{120 + (i % 20) * 0.5:.5f}") for i in range(320)]
    at = run(events_file=write_events(tmp_path / "many.csv", rows), monkeypatch=monkeypatch)
    markers = map_markers(at)
    assert len(markers) <= 300 and any(m["members"] > 1 for m in markers)
    area = max(markers, key=lambda m: m["members"])
    from deploymap.view.markers import marker_at

    places = marker_at(at.session_state["_markers"], area["lat"], area["lng"])
    at.session_state["selection"] = places
    at.run()
    assert sorted(table(at)["location"].astype(str)) == sorted(places)
    assert {m["name"] for m in map_markers(at)} == set(places)  # the map now shows the area's places
    at.button(key="clear_selection").click().run()
    assert len(table(at)) == 320


TEMPLATE_TEXT = "Seen {{7*7}} {% if 1 %}EVAL{% endif %}OK {# c #} {{cite news |title=T}} Unit {#12} 100%"


def test_template_syntax_in_every_text_column_shows_verbatim(tmp_path, monkeypatch):
    row = event_row(**{c: TEMPLATE_TEXT for c in ("event_id", "source", "location", "summary", "quote", "report")},
                    latitude="43.1", longitude="131.9")
    at = run(events_file=write_events(tmp_path / "t.csv", [row]), monkeypatch=monkeypatch)
    assert not at.exception and not at.error
    shown = table(at).iloc[0]
    assert all(str(shown[c]) == TEMPLATE_TEXT for c in ("event_id", "source", "location", "summary", "quote", "report"))
    (marker,) = map_markers(at)
    assert marker["name"] == TEMPLATE_TEXT and TEMPLATE_TEXT in marker["lines"][0][1]
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    script = args["script"] + args["feature_group"]
    assert "Seen 49" not in script and "EVALOK" not in script


def test_an_unexpected_failure_shows_a_plain_message_without_paths(monkeypatch):
    import deploymap.pages.dashboard

    def broken(*args, **kwargs):
        raise RuntimeError(f"internal detail at {ROOT}/deploymap/view/headline.py")

    monkeypatch.setattr(deploymap.pages.dashboard, "headline", broken)
    at = run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Something went wrong" in shown and str(ROOT) not in shown and "internal detail" not in shown


def test_the_server_listens_on_this_machine_only_and_hides_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
    assert config["client"]["showErrorDetails"] == "none"


def test_headline_places_agree_with_the_map_and_plurals_are_right(tmp_path, monkeypatch):
    rows = [event_row(), event_row(event_id="e2", location="Nowhere Special", latitude="", longitude="", country="")]
    at = run(events_file=write_events(tmp_path / "e.csv", rows), monkeypatch=monkeypatch)
    figures = {m.label: m.value for m in at.metric}
    assert figures["Places on the map"] == str(len(map_markers(at))) == "1"
    captions = " ".join(c.value for c in at.caption)
    assert "1 name not on the map" in captions and "1 place on the map" in captions
    assert at.expander[0].label.endswith("1 place name could not be resolved")


def test_a_declared_field_is_filtered_shown_and_exported_with_no_other_code(tmp_path, monkeypatch, media):
    rows = [event_row(event_id="a", fatalities="12", actor1="Military Forces of Russia (2000-)"),
            event_row(event_id="b", fatalities="2", actor1="Military Forces of Ukraine (2019-)"),
            event_row(event_id="c")]
    path = write_events(tmp_path / "f.csv", rows)
    at = run({"fatalities_min": "5"}, events_file=path, monkeypatch=monkeypatch)
    assert table(at)["event_id"].tolist() == ["a"]
    assert "fatalities" in table(at).columns
    assert at.sidebar.number_input(key="f_fatalities_min").value == 5
    assert [r["fatalities"] for r in csv_rows(download_bytes(at, media))] == ["12"]
    at.sidebar.number_input(key="f_fatalities_min").set_value(None).run()
    at.sidebar.multiselect(key="f_actor1").set_value(["Military Forces of Ukraine (2019-)"]).run()
    assert table(at)["event_id"].tolist() == ["b"] and url(at)["actor"] == ["Military Forces of Ukraine (2019-)"]


def test_the_page_shows_the_store_and_hides_retracted_events_unless_asked(monkeypatch, tmp_path):
    from deploymap.store.database import default_url
    from deploymap.view.dataset import open_store

    database = open_store(default_url())
    database.retract("dprk-2024-002", reason="test")
    at = run()
    assert len(table(at)) == 20 and "the store deploymap.sqlite" in at.caption[0].value.replace("\\", "")
    at.sidebar.toggle(key="show_retracted").set_value(True).run()
    assert len(table(at)) == 21
    database.correct("dprk-2024-001", {"troops": 11000}, reason="test")
    at.run()  # a change in the store shows at the next rerun
    assert 11000 in table(at)["troops"].dropna().astype(int).tolist()


def test_a_broken_store_is_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("DEPLOYMAP_DATABASE", "postgresql://nobody@127.0.0.1:1/none")
    at = run()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value and "cannot be opened" in at.code[0].value


def test_the_page_downloads_and_the_command_line_export_are_the_same_view(media, tmp_path, monkeypatch):
    import os
    import subprocess
    import sys

    at = run({"source": ["NATO", "NIS (South Korea)"], "start": "2024-10-18"})
    page_csv, page_geojson = download_bytes(at, media, 0), download_bytes(at, media, 1)
    env = {**os.environ}
    for fmt, page in (("csv", page_csv), ("geojson", page_geojson)):
        out = tmp_path / f"view.{fmt}"
        done = subprocess.run([sys.executable, "-m", "deploymap", "export", "--format", fmt, "--output", str(out),
                               "--query", "source=NATO&source=NIS+(South+Korea)&start=2024-10-18"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        assert out.read_bytes() == page, fmt
    features = json.loads(page_geojson)["features"]
    assert len(features) == sum(1 for r in csv_rows(page_csv) if r["latitude"])


def test_a_large_view_shows_selectable_newest_rows_or_streams_them_all(tmp_path, monkeypatch):
    """Streamlit refuses row selection on a lazily loaded table: a large view must still draw (with the
    real server's lazy path, which AppTest otherwise bypasses), selectable on its newest rows."""
    from streamlit.elements import arrow

    from bench.synthetic import write_synthetic

    real = arrow.dataframe_source.config

    class RealServer:  # AppTest would otherwise keep every table eager
        def get_option(self, name):
            return False if name == "global.appTest" else real.get_option(name)

    monkeypatch.setattr(arrow.dataframe_source, "config", RealServer())
    at = run(events_file=write_synthetic(tmp_path / "many.csv", 2_500), monkeypatch=monkeypatch)
    assert not at.exception and not at.error
    assert len(table(at)) == 500
    assert any("2,500 of 2,500 events, newest first · showing the newest 500" in c.value for c in at.caption)
    at.toggle(key="table_all_rows").set_value(True).run()
    assert not at.exception and not at.error
    assert at.dataframe[0].proto.HasField("lazy_data")  # streamed from the server as the user scrolls
    assert any("scroll to load more" in c.value for c in at.caption)


def test_a_long_place_list_lists_the_busiest_and_takes_any_typed_name(monkeypatch):
    """Thousands of options make the browser redraw each one on every rerun: the list is bounded."""
    import deploymap.view.filters as filtering

    monkeypatch.setattr(filtering, "MAX_OFFERED", 3)
    at = run()
    box = at.sidebar.multiselect(key="f_location")
    names = [option.rsplit(" · ", 1)[0] for option in box.options]  # each listed with its count
    assert len(names) == 4 and "(no place named)" in names  # three places and the empty choice
    unlisted = "Blagoveshchensk" if "Blagoveshchensk" not in names else "Brussels"
    box.set_value([unlisted.lower()]).run()  # typed, in the wrong case
    assert not at.exception and set(table(at)["location"].astype(str)) == {unlisted}
    assert url(at) == {"location": [unlisted]}


@pytest.fixture
def large_file_rules(monkeypatch):
    """Every file counts as large, and a preview is its first 100 rows."""
    import deploymap.ingest.conversion as conversion

    monkeypatch.setattr(conversion, "BACKGROUND_ABOVE_BYTES", 0)
    monkeypatch.setattr(conversion, "PREVIEW_ROWS", 100)


def wait_for_conversion(at: AppTest, seconds: float = 60) -> None:
    import time

    from deploymap.pages.dashboard import DRAWN_STATE

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        at.run()
        if not at.get("progress"):
            # The whole file's first screen is drawn first; the rest follows on the run the browser asks for.
            assert at.session_state[DRAWN_STATE] is False or at.error
            at.session_state[DRAWN_STATE] = True
            at.run()
            return
        time.sleep(0.2)
    raise AssertionError("the conversion did not finish")


def test_a_large_file_opens_on_its_first_rows_while_the_rest_is_checked(tmp_path, monkeypatch, large_file_rules):
    from bench.synthetic import write_synthetic

    # A file name is data: it reaches the bar's Markdown escaped, so it cannot become a link.
    at = run({"source": "Synthetic source 3"}, events_file=write_synthetic(tmp_path / "www.evil-example.com.csv", 2_500),
             monkeypatch=monkeypatch)
    assert not at.exception and not at.error
    assert any(c.value.startswith("100 of 100 events, newest first") for c in at.caption)  # the preview
    bar = at.get("progress")[0].proto.text
    assert "first 100 rows" in bar and "`www.evil-example.com.csv…`" in bar  # a code span: never a link
    assert url(at) == {"source": ["Synthetic source 3"]}  # the link waits for the whole file
    wait_for_conversion(at)
    assert not at.exception and not at.error
    shown = [c.value for c in at.caption if "newest first" in c.value]
    assert shown and shown[0].endswith("newest first · select a row to read its claim in its report")
    assert set(table(at)["source"].astype(str)) == {"Synthetic source 3"}  # the link's view, on every row


def test_a_large_file_with_a_bad_row_past_the_preview_names_it(tmp_path, monkeypatch, large_file_rules):
    from bench.synthetic import write_synthetic

    path = write_synthetic(tmp_path / "big.csv", 300)
    with path.open("a", encoding="utf-8") as out:
        out.write("syn-bad,2024-13-45" + "," * (path.read_text().splitlines()[0].count(",") - 1) + "\n")
    at = run(events_file=path, monkeypatch=monkeypatch)
    assert not at.exception and not at.error  # the first rows are fine
    wait_for_conversion(at)
    assert not at.exception
    assert any("could not be loaded" in e.value for e in at.error)
    assert "line 302" in at.code[0].value and "event_date" in at.code[0].value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_message_caption_and_label_shows_hostile_text_as_text(tmp_path, monkeypatch, payload):
    """Event text in every text column, a file name and URL values: nothing forms a link, image or HTML."""
    row = event_row(**{c: payload for c in ("source", "location", "summary", "quote", "report", "actor1")},
                    latitude="43.1", longitude="131.9")
    unresolved = event_row(event_id="e2", location=payload + " (nowhere)", country="")
    folder = tmp_path / payload.replace("/", "_")[:40]
    folder.mkdir()
    path = write_events(folder / "events.csv", [row, unresolved])
    at = run({"source": payload, "q": payload, payload[:20]: payload}, events_file=path, monkeypatch=monkeypatch)
    assert not at.exception
    assert any(payload[:10] in text or "\\" in text for text in markdown_shown(at))  # the text was shown
    assert_inert(at)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_claim_panel_shows_every_field_as_text(payload):
    def page(payload: str, root: str) -> None:
        import sys

        import pandas as pd

        sys.path.insert(0, root)

        from deploymap.fields import RETRACTED_COLUMN
        from deploymap.pages.time_panels import claim_panel
        from deploymap.store.database import Version

        row = pd.Series({"event_date": pd.Timestamp("2024-10-18"), "end_date": pd.NaT, "summary": payload,
                         "source": payload, "location": payload, "status": "reported", "quote": "Troops moved.",
                         "report": payload, "event_id": payload, "troops": 10000, "counts": "killed",
                         RETRACTED_COLUMN: True})
        versions = [Version(1, 1, "2024-10-18", payload, "import", payload, False),
                    Version(2, 2, "2024-10-19", payload, "retract", payload, True, ((payload, payload, payload),), payload)]
        claim_panel(row, f"Before. Troops moved. After {payload}.", outside=payload, versions=versions)
        claim_panel(row, None)  # a report whose text is not kept
        claim_panel(pd.concat([row, pd.Series({"wording": "dataset"})]), None)  # a dataset's own wording

    at = AppTest.from_function(page, args=(payload, str(ROOT)), default_timeout=30).run()
    assert not at.exception
    assert_inert(at)


def claim_text(at: AppTest) -> str:
    return "\n".join(t.value for t in at.text)


def test_a_selected_claim_stays_that_claim_or_none_when_filters_change():
    at = run()
    first = table(at).iloc[3]
    at.session_state["event"] = first["event_id"]  # what a click on its row does (the table's callback)
    at.run()
    assert first["summary"] in claim_text(at) and url(at)["event"] == [first["event_id"]]
    other = next(s for s in table(at)["source"] if s != first["source"])
    at.multiselect(key="f_source").set_value([other]).run()  # a filter that removes it
    assert first["summary"] not in claim_text(at) and "event" not in url(at)
    assert any("not in this view any more" in i.value for i in at.info)
    at.multiselect(key="f_source").set_value([first["source"]]).run()
    assert first["summary"] not in claim_text(at)  # let go, never another event in its place


def test_a_link_to_one_claim_opens_it_even_outside_the_filters():
    at = run()
    rows = table(at)
    target = rows.iloc[0]
    other = next(s for s in rows["source"] if s != target["source"])
    at = run({"event": target["event_id"], "source": other})
    assert target["summary"] in claim_text(at)
    assert any("outside the view" in i.value for i in at.info)
    assert at.code and any(c.value == target["event_id"] for c in at.code)  # copyable
    at = run({"event": "no-such-event"})
    assert any("There is no event" in i.value for i in at.info) and "event" not in url(at)


def test_each_choice_list_counts_the_events_of_the_current_view_busiest_first():
    at = run()
    sources = at.sidebar.multiselect(key="f_source")
    counts = [int(option.rsplit(" · ", 1)[1]) for option in sources.options]
    assert counts == sorted(counts, reverse=True) and sum(counts) == 21
    assert sources.options[0] == "NIS (South Korea) · 10"
    at.multiselect(key="f_location").set_value(["Vladivostok"]).run()
    # Vladivostok's one event is the NIS's: the other sources have none in this view, and keep no count
    assert at.sidebar.multiselect(key="f_source").options[0] == "NIS (South Korea) · 1"
    assert "NATO" in at.sidebar.multiselect(key="f_source").options
    at.multiselect(key="f_source").set_value(["NATO"]).run()
    # a field's own choice does not shrink its list: the place list still counts with only the source applied
    assert "Vladivostok · 0" not in at.sidebar.multiselect(key="f_location").options
    assert not at.exception


def test_a_sessions_first_run_draws_the_first_screen_and_the_rest_follows():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["source"] = "NATO"
    at.run()
    assert not at.exception
    assert [m.label for m in at.metric][:3] == ["Events", "Sources", "Places on the map"]  # headline, map, first rows
    first = [h for h in at.get("html") if "first-rows" in h.proto.body]
    assert len(first) == 1 and "NATO" in first[0].proto.body and "Brussels" in first[0].proto.body
    assert not at.sidebar.multiselect and not at.dataframe  # filters and the interactive table come next
    assert url(at) == {"source": ["NATO"]}  # the link's view applies from the first run
    at.session_state[DRAWN_STATE] = True  # what the page's timer asks for once the browser has drawn this
    at.run()
    assert at.sidebar.multiselect(key="f_source").value == ["NATO"] and len(table(at)) == 2
    assert not [h for h in at.get("html") if "first-rows" in h.proto.body]
