"""The shapes the maps draw, read from the boundary files in `millenniekommunerna/data/`,
projected, simplified and turned into SVG path data once per process (the files never change
while the site runs; a deploy restarts the process).

Sweden: `sweden/kommuner.geojson` and `sweden/lan.geojson` (SCB's boundaries, CC0) in SWEREF 99
TM. World: `world/countries-110m.geojson` (Natural Earth, public domain) in Equal Earth.
"""

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .geometry import (
    Frame,
    Point,
    bounds,
    equal_earth,
    path_data,
    ring_area,
    simplify_rings,
    sweref99tm,
)

# The Sweden map: 1 000 units high, about 1.6 km a unit. Points closer than `tolerance` units
# to the line through their neighbours are dropped, and islands under `min_area` square units
# (about 5 km²) with them, unless they are all a municipality has.
SWEDEN_HEIGHT = 1000
SWEDEN_TOLERANCE = 0.9
SWEDEN_MIN_AREA = 2.0

# The locator maps: a thumbnail of Sweden, 200 units high.
LOCATOR_HEIGHT = 200
LOCATOR_TOLERANCE = 0.6
LOCATOR_MIN_AREA = 0.8

# The world map: a window onto the Equal Earth world, 1 000 units wide.
WORLD_WIDTH = 1000
WORLD_TOLERANCE = 0.8
WORLD_MIN_AREA = 1.5


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _read(relative_path: str) -> dict:
    with open(DATA_DIR / relative_path, encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str  # SVG path data
    partner: bool = False  # a country Swedish municipalities work with (world map)


@dataclass(frozen=True)
class SwedenGeometry:
    frame: Frame
    municipalities: dict[str, Shape]  # by SCB code
    counties: dict[str, Shape]

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.frame(sweref99tm(lon, lat))
        return round(x, 1), round(y, 1)


def _polygons(geometry) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _features_rings(features, project):
    """[(feature, [polygon rings projected])], each ring open (no repeated last point)."""
    out = []
    for feature in features:
        rings = []
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                rings.append([project(lon, lat) for lon, lat in ring[:-1]])
        out.append((feature, rings))
    return out


def _shapes(features_rings, simplified, min_area) -> list[Shape]:
    """Path data per feature from its simplified rings. Small islands go, but a feature
    always keeps its largest ring, however small: every municipality stays on the map."""
    shapes = []
    position = 0
    for feature, rings in features_rings:
        mine = simplified[position : position + len(rings)]
        position += len(rings)
        kept = [r for r in mine if r is not None and ring_area(r) >= min_area]
        if not kept:
            candidates = [r for r in mine if r is not None] or rings
            kept = [max(candidates, key=ring_area)]
        properties = feature["properties"]
        name = properties.get("kommun") or properties.get("lan") or properties.get("name", "")
        shapes.append(Shape(code=str(feature.get("id") or ""), name=name, d=path_data(kept)))
    return shapes


@cache
def sweden(height: int = SWEDEN_HEIGHT) -> SwedenGeometry:
    """Municipalities and counties in one frame, simplified together so that county borders
    run exactly along municipal borders."""
    if height == SWEDEN_HEIGHT:
        tolerance, min_area = SWEDEN_TOLERANCE, SWEDEN_MIN_AREA
    else:
        tolerance, min_area = LOCATOR_TOLERANCE, LOCATOR_MIN_AREA
    municipalities = _features_rings(_read("sweden/kommuner.geojson")["features"], sweref99tm)
    counties = _features_rings(_read("sweden/lan.geojson")["features"], sweref99tm)
    frame = Frame.fit(
        bounds(p for _, rings in municipalities for ring in rings for p in ring), height
    )
    framed = [
        (feature, [[frame(p) for p in ring] for ring in rings])
        for feature, rings in municipalities + counties
    ]
    simplified = simplify_rings([ring for _, rings in framed for ring in rings], tolerance)
    split = sum(len(rings) for _, rings in framed[: len(municipalities)])
    return SwedenGeometry(
        frame=frame,
        municipalities={
            s.code: s for s in _shapes(framed[: len(municipalities)], simplified[:split], min_area)
        },
        counties={
            s.code: s for s in _shapes(framed[len(municipalities) :], simplified[split:], min_area)
        },
    )


@dataclass(frozen=True)
class WorldGeometry:
    frame: Frame
    countries: list[Shape]  # code = ISO numeric code; only those inside the view box

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self.frame(equal_earth(lon, lat))
        return round(x, 1), round(y, 1)


def _unwrap(ring):
    """Rings that cross the antimeridian (Fiji, Chukotka) jump from +180° to −180°; shift their
    western half by 360° so they are drawn whole instead of as a streak across the map."""
    lons = [lon for lon, _ in ring]
    if max(lons) - min(lons) > 180:
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return ring


# Around the places shown: a margin of about 7° of longitude at the equator, and a window of
# at least a quarter of the world's width (Equal Earth spans about 5.4 × 2.6 units).
WORLD_MARGIN = 0.12
WORLD_MIN_SPAN = (1.3, 0.8)


@lru_cache(maxsize=64)
def world(points: tuple[tuple[float, float], ...], width: int = WORLD_WIDTH) -> WorldGeometry:
    """Country outlines for a window around `points` ((lon, lat), …). Countries wholly outside
    the window are left out; those partly inside are drawn whole and cut by the SVG viewport."""
    min_x, min_y, max_x, max_y = bounds(equal_earth(lon, lat) for lon, lat in points)
    for axis, span in enumerate(WORLD_MIN_SPAN):
        low, high = (min_x, max_x) if axis == 0 else (min_y, max_y)
        if high - low < span:
            middle = (high + low) / 2
            low, high = middle - span / 2, middle + span / 2
        if axis == 0:
            min_x, max_x = low - WORLD_MARGIN, high + WORLD_MARGIN
        else:
            min_y, max_y = low - WORLD_MARGIN, high + WORLD_MARGIN
    height = round(width * (max_y - min_y) / (max_x - min_x))
    frame = Frame.fit((min_x, min_y, max_x, max_y), height, padding=0)

    features = []
    for feature in _read("world/countries-110m.geojson")["features"]:
        rings = []
        for polygon in _polygons(feature["geometry"]):
            for ring in polygon:
                projected = [equal_earth(lon, lat) for lon, lat in _unwrap(ring[:-1])]
                x0, y0, x1, y1 = bounds(projected)
                if x1 < min_x or x0 > max_x or y1 < min_y or y0 > max_y:
                    continue
                rings.append([frame(p) for p in projected])
        if rings:
            features.append((feature, rings))
    simplified = simplify_rings([ring for _, rings in features for ring in rings], WORLD_TOLERANCE)
    return WorldGeometry(frame=frame, countries=_shapes(features, simplified, WORLD_MIN_AREA))


@lru_cache(maxsize=256)
def country_corners(code: str) -> tuple[tuple[float, float], ...]:
    """The (lon, lat) corners of a country's largest polygon, by ISO numeric code (`356`), so
    that a world map can be framed to show a country that has no place marked in it. Empty for
    a code the outlines do not have."""
    for feature in _read("world/countries-110m.geojson")["features"]:
        if str(feature.get("id") or "").lstrip("0") != str(code).lstrip("0"):
            continue
        polygons = _polygons(feature["geometry"])
        largest = max(polygons, key=lambda polygon: len(polygon[0]))
        ring = _unwrap(largest[0])
        lons, lats = [lon for lon, _ in ring], [lat for _, lat in ring]
        return ((min(lons), min(lats)), (max(lons), max(lats)))
    return ()


def within(point: Point, frame: Frame) -> bool:
    x, y = point
    return 0 <= x <= frame.width and 0 <= y <= frame.height
