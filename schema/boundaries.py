"""County and province outlines for the map view (``schema/boundaries.json``).

The file is reviewed data, remade by ``make boundaries`` from a pinned package
(its header names the source, version and licence); govkg only reads it.
Rings are stored delta-encoded in 1/:data:`SCALE` degree: ``[x0, y0, dx1,
dy1, ...]`` (longitude, latitude), which the map page decodes itself.

Examples
--------
>>> ring = encode_ring([(113.0, 35.1), (113.02, 35.1), (113.02, 35.13), (113.0, 35.1)])
>>> ring
[11300, 3510, 2, 0, 0, 3, -2, -3]
>>> decode_ring(ring)
[(113.0, 35.1), (113.02, 35.1), (113.02, 35.13), (113.0, 35.1)]
>>> b = load_boundaries()
>>> b["counties"]["410822"]["name"], "410800" in b["counties"]
('博爱县', False)
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

__all__ = ["BOUNDARIES", "SCALE", "encode_ring", "decode_ring", "load_boundaries"]

BOUNDARIES = Path(__file__).resolve().parent / "boundaries.json"
#: Coordinates are kept to 1/SCALE degree (about 1 km).
SCALE = 100


def encode_ring(coords: Iterable[tuple[float, ...]]) -> list[int]:
    """A ring as ``[x0, y0, dx1, dy1, ...]`` in 1/:data:`SCALE` degree, repeated points dropped."""
    out: list[int] = []
    px = py = None
    for c in coords:
        x, y = round(c[0] * SCALE), round(c[1] * SCALE)
        if px is None:
            out += [x, y]
        elif (x, y) != (px, py):
            out += [x - px, y - py]
        px, py = x, y
    return out


def decode_ring(ring: list[int]) -> list[tuple[float, float]]:
    """The points of an encoded ring, in degrees."""
    pts, x, y = [], 0, 0
    for i in range(0, len(ring), 2):
        x, y = x + ring[i], y + ring[i + 1]
        pts.append((x / SCALE, y / SCALE))
    return pts


@lru_cache(maxsize=1)
def load_boundaries() -> dict[str, Any]:
    """The parsed ``schema/boundaries.json`` (cached: treat it as read-only)."""
    return json.loads(BOUNDARIES.read_text(encoding="utf-8"))
