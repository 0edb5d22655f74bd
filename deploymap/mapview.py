"""The folium map: one marker per location, served entirely from the app (no CDN, no tiles).

Markers are drawn by one script from a JSON array rather than one folium object each: the page
stays small at any number of events, and no event text is ever parsed as HTML (popups are built
with ``textContent``; tooltips are escaped before Leaflet sees them).
"""

from __future__ import annotations

import html
import json
import math
from typing import ClassVar

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from deploymap.schema import FOCUS_EVENT_TYPES

STATIC_URL = "/app/static"
LEAFLET_URL = f"{STATIC_URL}/leaflet"
POPUP_EVENTS = 8
PERMANENT_LABELS = 25
DEFAULT_VIEW = ((42.0, 124.0), (52.0, 137.0))  # the Russian Far East and Korea
BASEMAP_URL = f"{STATIC_URL}/basemap/admin0.geojson"
MAP_STYLE = """<style>
.leaflet-tooltip.deploymap-label{font:600 12px/1.3 sans-serif;padding:1px 5px;background:rgba(255,255,255,.88);
  border:1px solid #bbb;box-shadow:none;color:#222}
.leaflet-tooltip.deploymap-label:before{display:none}
.deploymap-popup li{margin-bottom:3px}
</style>"""
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'


class OfflineMap(folium.Map):
    """A folium Map whose scripts and styles come from the app's own static folder."""

    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]


def location_points(events: pd.DataFrame) -> pd.DataFrame:
    """One row per mapped location: coordinates, event count, focus flag, newest events first."""
    mapped = events[events["latitude"].notna() & events["longitude"].notna()]
    if mapped.empty:
        return pd.DataFrame(columns=["location", "latitude", "longitude", "precision", "events", "focus"])
    keys = ["location", "latitude", "longitude"]
    grouped = mapped.groupby(keys, observed=True, sort=False)
    points = grouped.agg(
        precision=("geo_precision", "first"),
        events=("event_id", "size"),
        focus=("event_type", lambda types: bool(set(types.astype(str)) & FOCUS_EVENT_TYPES)),
    ).reset_index()
    points["location"] = points["location"].astype(str)
    points["precision"] = points["precision"].astype(str)
    return points.sort_values(["events", "location"], ascending=[False, True], ignore_index=True)


def popup_rows(events: pd.DataFrame, points: pd.DataFrame, limit: int = POPUP_EVENTS) -> dict[str, list[list[str]]]:
    """For each location, its newest events as [date, source, summary] (at most ``limit``)."""
    mapped = events[events["latitude"].notna()]
    newest = mapped.sort_values(["event_date", "event_id"], ascending=[False, True]).groupby(
        ["location", "latitude", "longitude"], observed=True, sort=False).head(limit)
    rows: dict[str, list[list[str]]] = {}
    for loc, lat, lon, day, source, summary in zip(
        newest["location"].astype(str), newest["latitude"], newest["longitude"],
        newest["event_date"].dt.strftime("%Y-%m-%d"), newest["source"].astype(str), newest["summary"], strict=True
    ):
        rows.setdefault(_point_key(loc, lat, lon), []).append([day, source, summary])
    return rows


def build_map(events: pd.DataFrame, selected: str | None = None, online_tiles: bool = False,
              basemap: str | None = BASEMAP_URL) -> folium.Map:
    """The map of ``events``: opening view on where troops are, every other place reachable."""
    points = location_points(events)
    fmap = OfflineMap(location=None, zoom_start=4, tiles=None, control_scale=False, prefer_canvas=False,
                      world_copy_jump=True)
    if basemap:
        BasemapLayer(basemap).add_to(fmap)
    if online_tiles:  # opt-in: needs the internet; the drawn basemap stays underneath
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)", max_zoom=19).add_to(fmap)
        folium.LayerControl(collapsed=True).add_to(fmap)
    EventMarkers(points, popup_rows(events, points), selected).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(MAP_STYLE), name="deploymap_style")
    # Extra room on the right: place labels sit to the right of their markers.
    fmap.fit_bounds(opening_bounds(points), padding_top_left=(40, 40), padding_bottom_right=(130, 40))
    return fmap


def opening_bounds(points: pd.DataFrame) -> list[list[float]]:
    """Fit the places troops are reported at; far-off places (Brussels, Seoul) stay reachable."""
    chosen = points[points["focus"]] if points["focus"].any() else points
    if chosen.empty:
        (south, west), (north, east) = DEFAULT_VIEW
    else:
        south, north = chosen["latitude"].min(), chosen["latitude"].max()
        west, east = chosen["longitude"].min(), chosen["longitude"].max()
    if north - south < 2:  # a single site: show its surroundings, not a street
        south, north = south - 1.5, north + 1.5
    if east - west < 2:
        west, east = west - 2, east + 2
    return [[float(south), float(west)], [float(north), float(east)]]


def location_at(points: pd.DataFrame, latitude: float, longitude: float, tolerance: float = 1e-4) -> str | None:
    """The location whose marker sits at a clicked point, if any (map clicks report the marker's position)."""
    if points.empty or latitude is None or longitude is None:
        return None
    distance = (points["latitude"] - latitude).abs() + (points["longitude"] - longitude).abs()
    nearest = distance.idxmin()
    return str(points.at[nearest, "location"]) if distance[nearest] <= tolerance else None


def safe_json(value) -> str:
    """JSON that can sit inside an inline script or HTML attribute without closing or opening tags."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def marker_data(points: pd.DataFrame, popups: dict[str, list[list[str]]]) -> list[dict]:
    """What the marker script draws, one dict per location; text fields are inert data."""
    largest = int(points["events"].max()) if len(points) else 1
    data = []
    for row in points.itertuples(index=False):
        count = int(row.events)
        data.append({
            "lat": round(float(row.latitude), 6),
            "lng": round(float(row.longitude), 6),
            "name": row.location,
            "count": count,
            "size": round(26 + 20 * math.sqrt((count - 1) / (largest - 1))) if largest > 1 else 26,
            "precision": row.precision,
            "tip": html.escape(row.location, quote=True),  # Leaflet renders tooltip strings as HTML
            "events": popups.get(_point_key(row.location, row.latitude, row.longitude), []),
        })
    return data


def _point_key(location: str, latitude: float, longitude: float) -> str:
    return f"{location}|{latitude:.6f}|{longitude:.6f}"


class EventMarkers(MacroElement):
    """All location markers in one script; clicking one reports its position to streamlit-folium."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  L.Icon.Default.imagePath = "{{ this.image_path }}";
  var points = {{ this.data }};
  var selected = {{ this.selected }};
  function cell(tag, text, style) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (style) { el.style.cssText = style; }
    return el;
  }
  points.forEach(function (p) {
    var chosen = selected !== null && p.name === selected;
    var colour = chosen ? "#1f5fbf" : (p.precision === "country" ? "#8a6d3b" : "#c0392b");
    var icon = L.divIcon({
      className: "deploymap-marker",
      iconSize: [p.size, p.size],
      html: '<div style="box-sizing:border-box;width:' + p.size + 'px;height:' + p.size + 'px;' +
            'border-radius:50%;background:' + colour + ';opacity:.88;color:#fff;text-align:center;' +
            'font:600 13px/' + (p.size - 4) + 'px sans-serif;border:2px solid #fff;box-shadow:0 0 3px #333">' +
            Number(p.count) + '</div>'
    });
    var marker = L.marker([p.lat, p.lng], {icon: icon, title: p.name, alt: p.name,
                                          zIndexOffset: chosen ? 1000 : p.count, riseOnHover: true});
    // With few places, names stay visible; with many, they show on hover.
    marker.bindTooltip(p.tip, {direction: "right", offset: [p.size / 2, 0], permanent: points.length <= {{ this.label_limit }},
                               className: "deploymap-label"});
    marker.bindPopup(function () {
      var box = document.createElement("div");
      box.className = "deploymap-popup";
      box.appendChild(cell("strong", p.name + " — " + p.count + (p.count === 1 ? " event" : " events")));
      var list = document.createElement("ul");
      list.style.cssText = "margin:4px 0 0 0;padding-left:16px;max-height:220px;overflow:auto";
      p.events.forEach(function (e) {
        var item = document.createElement("li");
        item.appendChild(cell("span", e[0] + " · " + e[1] + ": ", "color:#555"));
        item.appendChild(cell("span", e[2]));
        list.appendChild(item);
      });
      box.appendChild(list);
      if (p.count > p.events.length) {
        box.appendChild(cell("em", "… and " + (p.count - p.events.length) + " more in the table"));
      }
      return box;
    }, {maxWidth: 360});
    marker.addTo(map);
  });
})();
{% endmacro %}
""")

    def __init__(self, points: pd.DataFrame, popups: dict[str, list[list[str]]], selected: str | None = None) -> None:
        super().__init__()
        self._name = "EventMarkers"
        self.image_path = f"{LEAFLET_URL}/images/"
        self.data = safe_json(marker_data(points, popups))
        self.selected = safe_json(selected)
        self.label_limit = PERMANENT_LABELS


class BasemapLayer(MacroElement):
    """Land, coastlines and borders from Natural Earth, fetched from the app's static folder.

    Fetched rather than embedded: the browser caches the file, and the map's own message stays
    small however many reruns there are.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.getContainer().style.background = "#c6dbea";
  map.attributionControl.addAttribution("Basemap: Natural Earth");
  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = 150;
  map.getPane("basemap").style.pointerEvents = "none";
  fetch({{ this.url }}).then(function (r) { return r.json(); }).then(function (data) {
    L.geoJSON(data, {
      pane: "basemap",
      interactive: false,
      style: function (f) {
        return f.properties.kind === "land"
          ? {stroke: false, fillColor: "#f2efe6", fillOpacity: 1}
          : {color: "#9a9a9a", weight: 1, fill: false};
      }
    }).addTo(map);
  }).catch(function (e) { console.warn("deploymap: basemap not loaded", e); });
})();
{% endmacro %}
""")

    def __init__(self, url: str = BASEMAP_URL) -> None:
        super().__init__()
        self._name = "BasemapLayer"
        self.url = safe_json(url)
