"""The map, rendered to HTML: local assets only, one marker per place, inert event text."""

from __future__ import annotations

import itertools
import json
import re

import folium
import pandas as pd
import pytest
from jinja2 import Template
from streamlit_folium import generate_leaflet_string

from deploymap.ingest.events_file import read_events
from deploymap.ingest.typed_copy import prepare_events
from deploymap.view.folium_map import InertMacroElement, opening_bounds, safe_json
from deploymap.view.folium_map import build_map as build_map_of_markers
from deploymap.view.markers import build_markers, location_points, marker_at

from .conftest import ROOT, event_row, write_events

XSS = "<img src=x onerror=alert(1)>"
# Jinja syntax an attacker (or a wiki citation) may put in event text; each one ran or crashed
# the page when branca compiled the map's script a second time.
TEMPLATES = ["{{7*7}}", "{{ cycler.__init__.__globals__.os.popen('echo EVAL$((6*7))').read() }}", "{% if 1 %}EVAL{% endif %}OK",
             "{# hidden #}", "{{cite news |title=Troops}}", "Unit {#12}", "100% {%", "}} #} %}"]
EVALUATED = ("49 units", "EVAL42", "EVALOK")
TEXT_CELLS = ["event_id", "source", "location", "summary", "quote", "report"]


@pytest.fixture(scope="module")
def report_events():
    return prepare_events(read_events(ROOT / "data" / "events.csv"))


def evaluated(text: str) -> bool:
    return any(mark in text for mark in EVALUATED)


def build_map(events, **options):
    return build_map_of_markers(build_markers(events), **options)


def rendered(fmap) -> str:
    return fmap.get_root().render()


def marker_payload(html: str) -> list[dict]:
    found = re.search(r"var points = (\[.*?\]);\n", html, re.S)
    assert found, "no marker data in the map script"
    return json.loads(found.group(1))


def test_no_cdn_or_tile_server_is_referenced(report_events):
    html = rendered(build_map(report_events))
    urls = set(re.findall(r"""(?:src|href)=["']([^"']+)""", html))
    assert urls == {"/app/static/deploymap/flat-leaflet.js", "/app/static/leaflet/leaflet.js",
                    "/app/static/leaflet/leaflet.css", "/app/static/markercluster/leaflet.markercluster.js",
                    "/app/static/markercluster/MarkerCluster.css"}
    assert html.index("leaflet/leaflet.js") < html.index("leaflet.markercluster.js")  # a plugin needs Leaflet first
    assert html.index("flat-leaflet.js") < html.index("leaflet/leaflet.js")  # read by Leaflet as it loads
    assert not re.search(r"https?://(?!www\.w3\.org)", html.replace("http://www.w3.org", ""))
    assert "tile.openstreetmap.org" not in html


def test_online_tiles_are_an_opt_in_layer(report_events):
    html = rendered(build_map(report_events, online_tiles=True))
    assert "tile.openstreetmap.org" in html and "OpenStreetMap" in html


def test_one_marker_per_place_with_counts(report_events):
    payload = marker_payload(rendered(build_map(report_events)))
    names = {p["name"]: p["count"] for p in payload}
    assert names == {"Vladivostok": 1, "Ussuriysk": 1, "Khabarovsk": 1, "Blagoveshchensk": 1,
                     "Seoul": 1, "Brussels": 1, "Pyongyang": 1}


def test_opening_view_fits_the_four_sites_not_brussels(report_events):
    (south, west), (north, east) = opening_bounds(build_markers(report_events))
    # Vladivostok (43.1) .. Blagoveshchensk (50.3), Blagoveshchensk (127.5) .. Khabarovsk (135.1), and a margin
    assert 42.3 <= south < 43.1 and 50.3 < north <= 50.9
    assert 126.8 <= west < 127.5 and 135.1 < east <= 135.8
    assert west > 100  # Brussels (4°E) is not forced into view


@pytest.mark.parametrize(("places", "inside", "outside"), [
    # name, latitude, longitude, events (all where troops are)
    ([("Kursk", 51.7, 36.2, 12), ("Vladivostok", 43.1, 131.9, 4), ("Ussuriysk", 43.8, 131.95, 3),
      ("Washington", 38.9, -77.0, 1)], {"Kursk", "Vladivostok", "Ussuriysk"}, {"Washington"}),
    ([("Kursk", 51.7, 36.2, 3), ("Washington", 38.9, -77.0, 2)], {"Kursk", "Washington"}, set()),  # not minor
    ([("Kursk", 51.7, 36.2, 1), ("Washington", 38.9, -77.0, 30)], {"Washington"}, {"Kursk"}),
    # eleven villages of one event each (under a tenth each) are one group, which outweighs one place far off
    ([*((f"village {i}", 51.2 + i / 20, 35.3 + i / 20, 1) for i in range(11)), ("Seoul", 37.57, 126.98, 1)],
     {f"village {i}" for i in range(11)}, {"Seoul"}),
])
def test_the_opening_view_leaves_out_a_minor_far_off_place(places, inside, outside):
    from deploymap.view.folium_map import opening_bounds

    markers = pd.DataFrame(places, columns=["name", "latitude", "longitude", "events"]).assign(focus=True)
    (south, west), (north, east) = opening_bounds(markers)
    held = {name for name, lat, lon, _ in places if south <= lat <= north and west <= lon <= east}
    assert inside <= held and not (outside & held)


def test_the_map_clusters_markers_and_has_a_control_for_all_places(report_events):
    html = rendered(build_map(report_events))
    assert "L.markerClusterGroup(" in html and "declutter(map)" in html and "out of sight" in html


def test_a_retracted_event_is_marked_in_its_popup(tmp_path):
    from deploymap.fields import RETRACTED_COLUMN

    events = prepare_events(read_events(write_events(tmp_path / "e.csv", [event_row(event_id="a"), event_row(event_id="b")])))
    events[RETRACTED_COLUMN] = [True, False]
    (marker,) = marker_payload(rendered(build_map(events)))
    assert sorted(line[2] for line in marker["lines"]) == [False, True]


def test_event_text_is_inert(tmp_path):
    hostile = event_row(location=XSS, summary=XSS + "</script><script>alert(2)</script>", source="`${alert(3)}`",
                        quote="q")
    events = prepare_events(read_events(write_events(tmp_path / "e.csv", [hostile])))
    html = rendered(build_map(events))
    assert "<img" not in html and "</script><script>alert" not in html
    assert "onerror=alert(1)" in html  # present, but only as escaped JSON text
    point = marker_payload(html)[0]
    assert point["name"] == XSS  # the popup sets it with textContent
    assert point["tip"] == "&lt;img src=x onerror=alert(1)&gt;"  # tooltips are HTML: escaped
    assert point["lines"][0][0] == "2024-10-18 · `${alert(3)}`: "
    assert "innerHTML" not in html


def test_unmapped_events_are_not_markers(tmp_path):
    rows = [event_row(), event_row(event_id="e2", location="", latitude="", longitude="", country="")]
    events = read_events(write_events(tmp_path / "e.csv", rows))
    assert location_points(events)["events"].tolist() == [1]


def test_popups_list_newest_events_first_and_cap(tmp_path):
    rows = [event_row(event_id=f"e{i:02d}", event_date=f"2024-10-{i:02d}", summary=f"s{i}") for i in range(1, 13)]
    events = prepare_events(read_events(write_events(tmp_path / "e.csv", rows)))
    payload = marker_payload(rendered(build_map(events)))
    assert payload[0]["count"] == 12
    assert [line[1] for line in payload[0]["lines"]] == [f"s{i}" for i in range(12, 4, -1)]


@pytest.mark.parametrize(
    ("lat", "lng", "expected"),
    [(43.10562, 131.87353, ("Vladivostok",)), (48.46204, 135.0971, ("Khabarovsk",)), (45.0, 130.0, None),
     (None, None, None)],
)
def test_marker_at_a_clicked_position(report_events, lat, lng, expected):
    assert marker_at(build_markers(report_events), lat, lng) == expected


def test_safe_json_cannot_close_a_script():
    assert safe_json({"a": "</script><!--"}) == '{"a":"\\u003c/script\\u003e\\u003c!--"}'
    assert json.loads(safe_json(["\u2028<&>"])) == ["\u2028<&>"]


@pytest.mark.parametrize("text", [*TEMPLATES, '"}}{{', '\\"{{', "\\", '{"a": {{1}}}'])
def test_safe_json_holds_no_template_delimiter_and_reads_back(text):
    value = {"a": {"b": [text, {"c": text}]}, text: text}
    encoded = safe_json(value)
    assert json.loads(encoded) == value
    assert not any(d in encoded for d in ("{{", "{%", "{#", "%}", "#}"))
    assert Template(encoded).render() == encoded  # Jinja sees plain text


@pytest.mark.parametrize("column", TEXT_CELLS)
def test_template_syntax_in_any_text_column_is_never_evaluated(tmp_path, column):
    for template in TEMPLATES:
        row = event_row(**{column: f"Troops seen: {template} units"})
        events = prepare_events(read_events(write_events(tmp_path / "e.csv", [row])))
        fmap = build_map(events)
        html = rendered(fmap)  # what folium and branca compile; raised or evaluated before the fix
        assert not evaluated(html)
        assert f"Troops seen: {template} units" in json.dumps(marker_payload(html), ensure_ascii=False) or \
            column not in ("location", "source", "summary")
        leaflet = generate_leaflet_string(fmap)  # what streamlit-folium sends to the browser
        assert not evaluated(leaflet)


def test_plain_folium_still_evaluates_templates_in_popups():
    """The upstream flaw this module works around (docs/folium-template-injection.md)."""
    fmap = folium.Map(location=[0, 0], tiles=None)
    folium.Marker([0, 0], popup="{{7*7}}", tooltip="{{6*6}}").add_to(fmap)
    html = fmap.get_root().render()
    assert "49" in html and "{{7*7}}" not in html


def test_many_places_are_binned_and_the_map_stays_small():
    from bench.synthetic import synthetic_events

    events = prepare_events(_typed(synthetic_events(30_000, places=3_000)))
    markers = build_markers(events)
    assert markers["binned"].all() and len(markers) <= 300
    assert markers["events"].sum() == events["latitude"].notna().sum()  # every mapped event is counted once
    assert sum(len(m) for m in markers["members"]) == len(location_points(events))
    html = rendered(build_map_of_markers(markers))
    assert len(html.encode()) < 300_000
    lat, lng = markers.at[0, "latitude"], markers.at[0, "longitude"]
    assert marker_at(markers, lat, lng) == markers.at[0, "members"]


def test_popups_share_a_budget_below_the_binning_threshold():
    from bench.synthetic import synthetic_events

    events = prepare_events(_typed(synthetic_events(20_000, places=290)))
    markers = build_markers(events)
    assert not markers["binned"].any() and len(markers) == 290
    assert sum(len(lines) for lines in markers["lines"]) <= 800
    assert len(rendered(build_map_of_markers(markers)).encode()) < 300_000


def _typed(raw):
    from deploymap.ingest.validation import validate_events

    return validate_events(raw, "synthetic", lambda positions: [p + 2 for p in positions])


def test_an_inert_element_places_its_output_without_compiling_it_again():
    class Raw(InertMacroElement):
        _template = Template("{% macro script(this, kwargs) %}var t = {{ this.text }};{% endmacro %}")

        def __init__(self, text):
            super().__init__()
            self.text = text

    fmap = folium.Map(location=[0, 0], tiles=None)
    Raw("'{{7*7}} {% if 1 %}x{% endif %} {#12}'").add_to(fmap)  # unescaped on purpose
    assert "var t = '{{7*7}} {% if 1 %}x{% endif %} {#12}';" in fmap.get_root().render()


def test_the_basemap_draws_no_border_along_the_edges_of_its_detail_box():
    """The basemap is coarse outside a box and detailed inside it; the seam is no border (it once drew a
    rectangle over Asia)."""
    basemap = json.loads((ROOT / "static" / "basemap" / "admin0.geojson").read_text(encoding="utf-8"))
    west, south, east, north = 100.0, 30.0, 160.0, 66.0  # scripts/build_basemap.py's DETAIL_BOX
    along = []
    for feature in basemap["features"]:
        if feature["properties"]["kind"] != "line":
            continue
        for line in feature["geometry"]["coordinates"]:
            for (x0, y0), (x1, y1) in itertools.pairwise(line):
                upright = x0 == x1 in (west, east) and south <= min(y0, y1) and max(y0, y1) <= north and abs(y1 - y0) > 1
                level = y0 == y1 in (south, north) and west <= min(x0, x1) and max(x0, x1) <= east and abs(x1 - x0) > 1
                if upright or level:
                    along.append((feature["properties"]["iso"], (x0, y0), (x1, y1)))
    assert along == []
