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
import numpy as np
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

STATIC_URL = "/app/static"
LEAFLET_URL = f"{STATIC_URL}/leaflet"
PERMANENT_LABELS = 120  # beyond this many places, names show on hover
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
                                                   ("leaflet", f"{LEAFLET_URL}/leaflet.js"),
                                                   ("markercluster", f"{STATIC_URL}/markercluster/leaflet.markercluster.js")]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", f"{LEAFLET_URL}/leaflet.css"),
                                                    ("markercluster_css", f"{STATIC_URL}/markercluster/MarkerCluster.css")]


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
    fmap.options["maxZoom"] = 18  # markercluster needs the map's deepest zoom, which no tile layer gives here
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
    """Fit the places troops are reported at, in the groups of places that hold most of their events.

    Places within ``GROUP_KM`` of each other form a group (the Russian Far East's bases, the Kursk
    front); the busiest groups holding most of the events are shown (``major_groups``), and a far-off
    few (one claim placed at Washington) are left to the map's "all places" control, so the map never
    opens on the whole world for one far-off row.
    """
    chosen = markers[markers["focus"].astype(bool)] if markers["focus"].any() else markers
    if chosen.empty:
        (south, west), (north, east) = DEFAULT_VIEW
    else:
        chosen = chosen[major_groups(chosen)]
        south, north = chosen["latitude"].min(), chosen["latitude"].max()
        west, east = chosen["longitude"].min(), chosen["longitude"].max()
    # A margin, so that the outermost places and their labels are not on the map's edge.
    margin_lat, margin_lon = 0.08 * (north - south), 0.08 * (east - west)
    south, north, west, east = south - margin_lat, north + margin_lat, west - margin_lon, east + margin_lon
    if north - south < 4:  # a single site: show its surroundings (the border, the next cities), not a street
        south, north = south - 2.5, north + 2.5
    if east - west < 4:
        west, east = west - 3.5, east + 3.5
    return [[float(south), float(west)], [float(north), float(east)]]


GROUP_KM = 1_500
COVER = 0.8


def major_groups(points: pd.DataFrame) -> np.ndarray:
    """Which points belong to the busiest groups of places (places linked by hops of at most ``GROUP_KM``) that
    together hold ``COVER`` of the events: the opening view shows where most claims put troops, and a group
    beyond that (one claim placed at Washington) is left to the map's "all places" control."""
    lat, lon = np.radians(points["latitude"].to_numpy(float)), np.radians(points["longitude"].to_numpy(float))
    # Great-circle distances between every pair (haversine); a map has at most a few hundred markers.
    a = (np.sin((lat[:, None] - lat[None, :]) / 2) ** 2
         + np.cos(lat[:, None]) * np.cos(lat[None, :]) * np.sin((lon[:, None] - lon[None, :]) / 2) ** 2)
    near = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1))) <= GROUP_KM
    group = np.arange(len(points))
    changed = True
    while changed:  # each point takes the smallest group number among its neighbours, until none moves
        lowest = np.where(near, group[None, :], len(points)).min(axis=1)
        changed = bool((lowest < group).any())
        group = np.minimum(group, lowest)
    events = points["events"].to_numpy(float)
    totals = np.bincount(group, weights=events, minlength=len(points))
    keep = np.zeros(len(points), dtype=bool)
    covered = 0.0
    for busiest in np.argsort(-totals, kind="stable"):
        if covered >= COVER * events.sum() or not totals[busiest]:
            break
        keep[busiest] = True
        covered += totals[busiest]
    return keep[group]


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
    to streamlit-folium.

    Markers that would overlap gather into a cluster (Leaflet.markercluster) showing their events; a
    place's name stays beside its marker unless it would cover another name or marker (the busier place
    keeps its label, the other shows on hover); a control fits the view to every place, and says how many
    are out of sight."""

    _template = Template("""
{% macro script(this, kwargs) %}
(function () {
  var layer = {{ this._parent.get_name() }};
  L.Icon.Default.imagePath = "{{ this.image_path }}";
  var points = {{ this.data }};
  var selected = {{ this.selected }};
  var openPopup = {{ this.open_popup }};
  var labelLimit = {{ this.label_limit }};
  var opening = {{ this.opening }};
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
  function disc(size, colour, text) {
    return '<div style="box-sizing:border-box;width:' + size + 'px;height:' + size + 'px;' +
           'border-radius:50%;background:' + colour + ';opacity:.88;color:#fff;text-align:center;' +
           'font:600 13px/' + (size - 4) + 'px sans-serif;border:2px solid #fff;box-shadow:0 0 3px #333">' + text + '</div>';
  }
  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  var clusters = L.markerClusterGroup({
    maxClusterRadius: 36, showCoverageOnHover: false, spiderfyOnMaxZoom: true, disableClusteringAtZoom: 9,
    iconCreateFunction: function (cluster) {
      var children = cluster.getAllChildMarkers();
      var events = children.reduce(function (sum, m) { return sum + m.options.count; }, 0);
      var size = Math.min(54, 30 + 4 * Math.log2(children.length + 1));
      var chosen = children.some(function (m) { return m.options.chosen; });
      var names = children.map(function (m) { return m.options.title; }).join("\\n");
      return L.divIcon({className: "deploymap-cluster", iconSize: [size, size],
                        html: '<div data-places="' + escapeHtml(names) + '">' +
                              disc(size, chosen ? "#1f5fbf" : "#7d3c98", compact(events)) + '</div>'});
    }
  });
  clusters.on("clustermouseover", function (e) {
    var names = e.layer.getAllChildMarkers().map(function (m) { return m.options.title; });
    var shown = names.slice(0, 6).join(", ") + (names.length > 6 ? " and " + (names.length - 6) + " more" : "");
    e.layer.bindTooltip(escapeHtml(shown), {direction: "top", className: "deploymap-label"}).openTooltip();
  });
  var markers = [];
  points.forEach(function (p) {
    var chosen = selected.indexOf(p.name) !== -1;
    var colour = chosen ? "#1f5fbf" : (p.precision === "area" ? "#7d3c98" : (p.precision === "country" ? "#8a6d3b" : "#c0392b"));
    var icon = L.divIcon({className: "deploymap-marker", iconSize: [p.size, p.size], html: disc(p.size, colour, compact(Number(p.count)))});
    var marker = L.marker([p.lat, p.lng], {icon: icon, title: p.name, alt: p.name, count: p.count, chosen: chosen,
                                          zIndexOffset: chosen ? 1000 : p.count, riseOnHover: true});
    marker.bindTooltip(p.tip, {direction: "right", offset: [p.size / 2, 0], permanent: points.length <= labelLimit,
                               className: "deploymap-label"});
    marker.bindPopup(function () {
      var box = document.createElement("div");
      box.className = "deploymap-popup";
      box.appendChild(cell("strong", p.name + " — " + p.count.toLocaleString() + (p.count === 1 ? " event" : " events")));
      var list = document.createElement("ul");
      list.style.cssText = "margin:4px 0 0 0;padding-left:16px;max-height:220px;overflow:auto";
      p.lines.forEach(function (line) {
        var item = document.createElement("li");
        if (line[2]) { item.appendChild(cell("span", "retracted · ", "color:#a00;font-weight:600")); }
        item.appendChild(cell("span", line[0], "color:#555"));
        item.appendChild(cell("span", line[1], line[2] ? "text-decoration:line-through" : ""));
        list.appendChild(item);
      });
      box.appendChild(list);
      var more = p.count - p.lines.length;
      var hint = p.members > 1 ? "Click to list this area's " + p.members.toLocaleString() + " places"
                               : (more > 0 ? "… " + more.toLocaleString() + " more in the table" : "");
      if (hint) { box.appendChild(cell("em", hint)); }
      return box;
    }, {maxWidth: 360});
    markers.push(marker);
    if (p.name === openPopup) {  // the selected claim's or the clicked place: its popup opens where it is
      onMap(function () { clusters.zoomToShowLayer(marker, function () { marker.openPopup(); }); });
    }
  });
  clusters.addLayers(markers);
  clusters.addTo(layer);

  // Labels never collide: the busiest place (a selected one first) keeps its label; a label that would
  // cover another label or a marker is hidden until its marker is hovered.
  function boxes(selector, map) {
    return Array.prototype.map.call(map.getContainer().querySelectorAll(selector), function (el) {
      return {el: el, r: el.getBoundingClientRect()};
    });
  }
  function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
  function declutter(map) {
    var icons = boxes(".deploymap-marker, .deploymap-cluster", map);
    var placed = [];
    markers.filter(function (m) { return map.hasLayer(m) && m.getTooltip() && m.getTooltip().getElement(); })
      .sort(function (a, b) { return (b.options.chosen - a.options.chosen) || (b.options.count - a.options.count); })
      .forEach(function (m) {
        var el = m.getTooltip().getElement();
        el.style.visibility = "";
        var r = el.getBoundingClientRect();
        var own = m.getElement();
        var clash = placed.some(function (q) { return overlaps(r, q); }) ||
                    icons.some(function (i) { return i.el !== own && overlaps(r, i.r); });
        if (clash) { el.style.visibility = "hidden"; } else { placed.push(r); }
      });
  }
  markers.forEach(function (m) {
    m.on("mouseover", function () { var t = m.getTooltip(); if (t && t.getElement()) { t.getElement().style.visibility = ""; } });
    m.on("mouseout", function () { if (m._map) { declutter(m._map); } });
  });

  // A control that shows every place, and says how many are out of sight (far-off places never drag
  // the opening view out to the whole world).
  var AllPlaces = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function (map) {
      var button = L.DomUtil.create("a", "leaflet-bar deploymap-all");
      button.href = "#";
      button.setAttribute("role", "button");
      button.style.cssText = "display:block;background:#fff;padding:3px 8px;font:600 12px/20px sans-serif;color:#222;" +
                             "text-decoration:none;white-space:nowrap";
      L.DomEvent.disableClickPropagation(button);
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        map.fitBounds(clusters.getBounds().pad(0.1), {paddingTopLeft: [40, 40], paddingBottomRight: [130, 40]});
      });
      this._button = button;
      return button;
    },
    update: function (map) {
      var bounds = map.getBounds();
      var away = points.filter(function (p) { return !bounds.contains([p.lat, p.lng]); }).length;
      this._button.textContent = away ? "⤢ " + away.toLocaleString() + (away === 1 ? " place" : " places") + " out of sight"
                                      : "⤢ All places";
      this._button.title = "Fit the map to all " + points.length.toLocaleString() + " places";
      this._button.style.color = away ? "#a04000" : "#222";
    }
  });
  onMap(function (map) {
    if (map._deploymapAll) { map.removeControl(map._deploymapAll); }
    var control = map._deploymapAll = new AllPlaces();
    control.addTo(map);
    // A new view's markers bring their own opening view (where its troops are), unless the analyst has
    // moved the map since the last one; then the map stays, and moves only when none of the markers is
    // in sight (a filter for far-off places).
    if (!map._deploymapWatched) {
      map._deploymapWatched = true;
      map.on("dragstart", function () { map._deploymapMoved = true; });
      map.on("zoomstart", function () { if (!map._deploymapFitting) { map._deploymapMoved = true; } });
      map.on("moveend", function () { map._deploymapFitting = false; });
    }
    var inSight = points.some(function (p) { return map.getBounds().contains([p.lat, p.lng]); });
    if (points.length && opening) {
      var target = L.latLngBounds(opening);
      var differs = !map.getBounds().contains(target) || map.getBoundsZoom(target) > map.getZoom();
      if ((!map._deploymapMoved && differs) || !inSight) {
        map._deploymapFitting = true;
        map.fitBounds(inSight || !map._deploymapMoved ? target : clusters.getBounds().pad(0.3),
                      {maxZoom: 7, paddingTopLeft: [40, 40], paddingBottomRight: [130, 40]});
      }
    }
    function refresh() { if (map.hasLayer(clusters)) { control.update(map); declutter(map); } }
    map.on("moveend zoomend resize", refresh);
    clusters.on("animationend spiderfied unspiderfied", refresh);
    layer.on("remove", function () { map.off("moveend zoomend resize", refresh); });
    // The frame may still be laying out (a size of zero overlaps nothing): look again once it has.
    [0, 250, 1000].forEach(function (delay) { setTimeout(refresh, delay); });
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
        self.opening = safe_json(opening_bounds(markers) if len(markers) else None)


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
      // noClip: Leaflet clips a shape to the view, and a clipped outline draws the clip's edges as lines
      // (a stray rectangle over the map); the basemap is small enough to draw whole.
      style: function (f) {
        return "land" === f.properties.kind
          ? {stroke: false, fillColor: "#f2efe6", fillOpacity: 1, noClip: true}
          : {color: "#9a9a9a", weight: 1, fill: false, noClip: true};
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
