"""The folium map: one marker per location, served entirely from the app (no CDN, no tiles).

Markers are drawn by one script from a JSON array rather than one folium object each: the page
stays small at any number of events, and no event text is ever parsed as HTML (popups are built
with ``textContent``; tooltips are escaped before Leaflet sees them).
"""

from __future__ import annotations

import html
import json
import math
import re
from typing import ClassVar

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

STATIC_URL = "/app/static"
LEAFLET_URL = f"{STATIC_URL}/leaflet"
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

    default_js: ClassVar[list[tuple[str, str]]] = [("flat_leaflet", f"{STATIC_URL}/deploymap/flat-leaflet.js"),
                                                   ("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css")]


def build_map(markers: pd.DataFrame, selected: tuple[str, ...] | None = None, online_tiles: bool = False,
              basemap: str | None = BASEMAP_URL, open_popup: str | None = None) -> folium.Map:
    """The whole map of ``markers`` in one piece (see ``markers.build_markers``), as a static page shows it."""
    fmap = base_map(markers, online_tiles, basemap)
    marker_layer(markers, selected, open_popup).add_to(fmap)
    return fmap


def base_map(view: pd.DataFrame, online_tiles: bool = False, basemap: str | None = BASEMAP_URL) -> folium.Map:
    """The map without its markers, opening on where troops are among the markers ``view``.

    The page draws this once and sends each view's markers as a separate layer
    (``marker_layer``): a filter change then redraws the markers only, never the map and its basemap.
    """
    fmap = OfflineMap(location=None, zoom_start=4, tiles=None, control_scale=False, prefer_canvas=False,
                      world_copy_jump=True)
    if basemap:
        BasemapLayer(basemap).add_to(fmap)
    if online_tiles:  # opt-in: needs the internet; the drawn basemap stays underneath
        folium.TileLayer(OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap (online)", max_zoom=19).add_to(fmap)
        folium.LayerControl(collapsed=True).add_to(fmap)
    fmap.get_root().header.add_child(folium.Element(MAP_STYLE), name="deploymap_style")
    # Extra room on the right: place labels sit to the right of their markers.
    fmap.fit_bounds(opening_bounds(view), padding_top_left=(40, 40), padding_bottom_right=(130, 40))
    return fmap


def marker_layer(markers: pd.DataFrame, selected: tuple[str, ...] | None = None,
                 open_popup: str | None = None) -> folium.FeatureGroup:
    """The markers of one view as one layer; ``selected`` places are highlighted, ``open_popup``'s popup opened."""
    layer = folium.FeatureGroup(name="Events", control=False)
    EventMarkers(markers, selected, open_popup).add_to(layer)
    return layer


def opening_bounds(markers: pd.DataFrame) -> list[list[float]]:
    """Fit the places troops are reported at; far-off places (Brussels, Seoul) stay reachable."""
    chosen = markers[markers["focus"].astype(bool)] if markers["focus"].any() else markers
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


# Characters that must never appear raw inside a JSON string we put in the page:
# ``<``, ``>`` and ``&`` could close the script or open a tag; U+2028/U+2029 end a JS line in old
# engines; ``{``, ``}``, ``%`` and ``#`` are Jinja's delimiters. branca wraps each element's
# rendered script in ``Element(...)``, which compiles it *again* as a Jinja template, so event
# text such as ``{{ cycler.__init__.__globals__.os.popen('id').read() }}`` would run on the
# server. ``InertMacroElement`` removes that second compilation; this escaping makes sure that
# no JSON we emit can form a template even under an element that still has it.
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_UNSAFE_IN_STRINGS = {c: f"\\u{ord(c):04x}" for c in "<>&{}%#\u2028\u2029"}
_UNSAFE_PATTERN = re.compile("[" + re.escape("".join(_UNSAFE_IN_STRINGS)) + "]")


def safe_json(value) -> str:
    """JSON that is inert in an inline script, an HTML attribute and a Jinja template.

    Only characters inside JSON strings are escaped (as ``\\uXXXX``, which JavaScript reads back
    unchanged); the structure's own braces stay as they are and can never form ``{{``, ``{%`` or
    ``{#``, since an object's ``{`` is always followed by ``"`` or ``}``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_STRING.sub(lambda m: _UNSAFE_PATTERN.sub(lambda c: _UNSAFE_IN_STRINGS[c.group()], m.group()), text)


class _Verbatim(Element):
    """Already-rendered text, placed in the figure as it is: never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()  # the default template; ``text`` is never handed to Jinja
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class InertMacroElement(MacroElement):
    """A MacroElement whose rendered header, html and script are not compiled a second time.

    branca's ``MacroElement.render`` wraps each macro's output in ``Element(output)``, and
    ``Element`` compiles its argument as a Jinja template: any data inside the output (event
    text) is then a template that runs on the server, or crashes the page on ``{{cite …}}``.
    Every element of ours that carries data derives from this class instead.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        if not isinstance(figure, Figure):
            raise TypeError(f"{type(self).__name__} must be added to a map before it is rendered, got root {figure!r}")
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(_Verbatim(str(macro(self, kwargs))), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def marker_data(markers: pd.DataFrame) -> list[dict]:
    """What the marker script draws, one dict per marker; text fields are inert data."""
    largest = int(markers["events"].max()) if len(markers) else 1
    data = []
    for row in markers.itertuples(index=False):
        count = int(row.events)
        data.append({
            "lat": round(float(row.latitude), 6),
            "lng": round(float(row.longitude), 6),
            "name": row.name,
            "count": count,
            "size": round(26 + 20 * math.sqrt((count - 1) / (largest - 1))) if largest > 1 else 26,
            "precision": row.precision,
            "tip": html.escape(row.name, quote=True),  # Leaflet renders tooltip strings as HTML
            "lines": row.lines,
            "members": len(row.members),
        })
    return data


class EventMarkers(InertMacroElement):
    """All location markers in one script, added to its parent layer; clicking one reports its position
    to streamlit-folium."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var layer = {{ this._parent.get_name() }};
  L.Icon.Default.imagePath = "{{ this.image_path }}";
  var points = {{ this.data }};
  var selected = {{ this.selected }};
  var openPopup = {{ this.open_popup }};
  function onMap(action) {  // the layer joins its map after this script (folium and streamlit-folium alike)
    if (layer._map) { action(layer._map); } else { layer.once("add", function () { action(layer._map); }); }
  }
  function compact(n) {  // 34447 -> "34k": a count that fits its circle
    if (n >= 1e6) { return (n / 1e6).toFixed(n < 1e7 ? 1 : 0) + "M"; }
    if (n >= 1e3) { return (n / 1e3).toFixed(n < 1e4 ? 1 : 0) + "k"; }
    return String(n);
  }
  function cell(tag, text, style) {
    var el = document.createElement(tag);
    el.textContent = text;
    if (style) { el.style.cssText = style; }
    return el;
  }
  points.forEach(function (p) {
    var chosen = selected.indexOf(p.name) !== -1;
    var colour = chosen ? "#1f5fbf" : (p.precision === "area" ? "#7d3c98" : (p.precision === "country" ? "#8a6d3b" : "#c0392b"));
    var icon = L.divIcon({
      className: "deploymap-marker",
      iconSize: [p.size, p.size],
      html: '<div style="box-sizing:border-box;width:' + p.size + 'px;height:' + p.size + 'px;' +
            'border-radius:50%;background:' + colour + ';opacity:.88;color:#fff;text-align:center;' +
            'font:600 13px/' + (p.size - 4) + 'px sans-serif;border:2px solid #fff;box-shadow:0 0 3px #333">' +
            compact(Number(p.count)) + '</div>'
    });
    var marker = L.marker([p.lat, p.lng], {icon: icon, title: p.name, alt: p.name,
                                          zIndexOffset: chosen ? 1000 : p.count, riseOnHover: true});
    // With few places, names stay visible; with many, they show on hover.
    marker.bindTooltip(p.tip, {direction: "right", offset: [p.size / 2, 0], permanent: points.length <= {{ this.label_limit }},
                               className: "deploymap-label"});
    marker.bindPopup(function () {
      var box = document.createElement("div");
      box.className = "deploymap-popup";
      box.appendChild(cell("strong", p.name + " — " + p.count.toLocaleString() + (p.count === 1 ? " event" : " events")));
      var list = document.createElement("ul");
      list.style.cssText = "margin:4px 0 0 0;padding-left:16px;max-height:220px;overflow:auto";
      p.lines.forEach(function (line) {
        var item = document.createElement("li");
        item.appendChild(cell("span", line[0], "color:#555"));
        item.appendChild(cell("span", line[1]));
        list.appendChild(item);
      });
      box.appendChild(list);
      var more = p.count - p.lines.length;
      var hint = p.members > 1 ? "Click to list this area's " + p.members.toLocaleString() + " places"
                               : (more > 0 ? "… " + more.toLocaleString() + " more in the table" : "");
      if (hint) { box.appendChild(cell("em", hint)); }
      return box;
    }, {maxWidth: 360});
    marker.addTo(layer);
    if (p.name === openPopup) {  // the place of the row selected in the table; a popup needs its map
      onMap(function () { marker.openPopup(); });
    }
  });
  // The map keeps its view across filter changes; when none of this view's markers is in sight (a
  // shared link or a filter for far-off places), it moves to them.
  onMap(function (map) {
    var inSight = points.some(function (p) { return map.getBounds().contains([p.lat, p.lng]); });
    if (points.length && !inSight) {
      map.fitBounds(layer.getBounds().pad(0.3), {maxZoom: 7, paddingTopLeft: [40, 40], paddingBottomRight: [130, 40]});
    }
  });
})();
{% endmacro %}
""")

    def __init__(self, markers: pd.DataFrame, selected: tuple[str, ...] | None = None, open_popup: str | None = None) -> None:
        super().__init__()
        self._name = "EventMarkers"
        self.open_popup = safe_json(open_popup)
        self.image_path = f"{LEAFLET_URL}/images/"
        self.data = safe_json(marker_data(markers))
        self.selected = safe_json(list(selected or ()))
        self.label_limit = PERMANENT_LABELS


class BasemapLayer(InertMacroElement):
    """Land, coastlines and borders from Natural Earth, fetched from the app's static folder.

    Fetched rather than embedded: the browser caches the file, and the map's own message stays
    small however many reruns there are.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  map.getContainer().style.background = "#c6dbea";
  // Plain words: Leaflet's default prefix carries a national flag, out of place on a map of a war.
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Basemap: Natural Earth");
  map.createPane("basemap");
  map.getPane("basemap").style.zIndex = 150;
  map.getPane("basemap").style.pointerEvents = "none";
  fetch({{ this.url }}).then(function (r) { return r.json(); }).then(function (data) {
    L.geoJSON(data, {
      pane: "basemap",
      interactive: false,
      style: function (f) {
        return "land" === f.properties.kind
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
