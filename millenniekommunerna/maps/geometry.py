"""Map geometry in plain Python: the two projections the maps use, a line simplification that
keeps shared borders shared, and compact SVG path data.

No GDAL, PROJ or shapely: the maps need one conformal projection for Sweden, one equal-area
projection for the world and a simplification of some 10 000 points, all done once per process
and cached. Published closed formulas do that in a few dozen lines, where pyproj would add a
30 MB binary wheel (PROJ and its database) to every install for it.
"""

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
Ring = list[Point]


# Projections


class TransverseMercator:
    """Gauss–Krüger (transverse Mercator) forward projection with Krüger's series to the
    fourth order, as Lantmäteriet publishes it for SWEREF 99 ("Gauss Conformal Projection
    (Transverse Mercator), Krüger's formulas"); accurate to well under a millimetre within
    Sweden, far beyond what a map on screen needs."""

    def __init__(
        self,
        central_meridian: float,
        scale: float,
        false_easting: float,
        false_northing: float = 0.0,
        semi_major_axis: float = 6_378_137.0,
        flattening: float = 1 / 298.257222101,  # GRS 80
    ):
        f = flattening
        e2 = f * (2 - f)
        n = f / (2 - f)
        self.lon0 = math.radians(central_meridian)
        self.false_easting = false_easting
        self.false_northing = false_northing
        rectifying_radius = semi_major_axis / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
        self.k0_a = scale * rectifying_radius
        self.a_coef = e2
        self.b_coef = (5 * e2**2 - e2**3) / 6
        self.c_coef = (104 * e2**3 - 45 * e2**4) / 120
        self.d_coef = 1237 * e2**4 / 1260
        self.betas = (
            n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16 + 41 * n**4 / 180,
            13 * n**2 / 48 - 3 * n**3 / 5 + 557 * n**4 / 1440,
            61 * n**3 / 240 - 103 * n**4 / 140,
            49561 * n**4 / 161280,
        )

    def __call__(self, lon: float, lat: float) -> Point:
        """(longitude, latitude) in degrees → (easting, northing) in metres."""
        phi = math.radians(lat)
        sin2 = math.sin(phi) ** 2
        conformal = phi - math.sin(phi) * math.cos(phi) * (
            self.a_coef + self.b_coef * sin2 + self.c_coef * sin2**2 + self.d_coef * sin2**3
        )
        dlon = math.radians(lon) - self.lon0
        xi = math.atan2(math.tan(conformal), math.cos(dlon))
        eta = math.atanh(math.cos(conformal) * math.sin(dlon))
        northing, easting = xi, eta
        for k, beta in enumerate(self.betas, start=1):
            northing += beta * math.sin(2 * k * xi) * math.cosh(2 * k * eta)
            easting += beta * math.cos(2 * k * xi) * math.sinh(2 * k * eta)
        return (
            self.k0_a * easting + self.false_easting,
            self.k0_a * northing + self.false_northing,
        )


# SWEREF 99 TM (EPSG:3006): Sweden's national grid, the projection SCB and Lantmäteriet
# publish their maps in. Conformal, so municipalities keep their familiar shapes.
sweref99tm = TransverseMercator(central_meridian=15.0, scale=0.9996, false_easting=500_000.0)


_EE_A1, _EE_A2, _EE_A3, _EE_A4 = 1.340264, -0.081106, 0.000893, 0.003796
_EE_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Equal Earth projection (Šavrič, Patterson & Jenny 2018) on the unit sphere: an
    equal-area world map, so that no continent looks bigger than it is."""
    lam = math.radians(lon)
    theta = math.asin(_EE_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        lam
        * math.cos(theta)
        / (_EE_M * (_EE_A1 + 3 * _EE_A2 * t2 + t6 * (7 * _EE_A3 + 9 * _EE_A4 * t2)))
    )
    y = theta * (_EE_A1 + _EE_A2 * t2 + t6 * (_EE_A3 + _EE_A4 * t2))
    return x, y


# Fitting projected coordinates into an SVG view box


@dataclass(frozen=True)
class Frame:
    """Maps projected coordinates (y pointing north) into an SVG view box (y pointing down)
    of `width` × `height` units."""

    min_x: float
    max_y: float
    scale: float
    padding: float
    width: int
    height: int

    do_not_call_in_templates = True  # a frame is callable, and templates call what they can

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], height: int, padding: float = 4):
        """A frame `height` units high whose width follows the aspect of `bounds`
        (min_x, min_y, max_x, max_y)."""
        min_x, min_y, max_x, max_y = bounds
        scale = (height - 2 * padding) / (max_y - min_y)
        width = math.ceil((max_x - min_x) * scale + 2 * padding)
        return cls(min_x, max_y, scale, padding, width, height)

    def __call__(self, point: Point) -> Point:
        x, y = point
        return (
            (x - self.min_x) * self.scale + self.padding,
            (self.max_y - y) * self.scale + self.padding,
        )

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def bounds(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


# Simplification


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Ramer–Douglas–Peucker on an open polyline; keeps both ends. Iterative, so long
    coastlines cannot exhaust the recursion limit."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = 0, tolerance
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if farthest:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_rings(rings: Sequence[Ring], tolerance: float) -> list[Ring | None]:
    """Simplify polygon rings (open: the first point is not repeated at the end) so that
    borders they share stay shared.

    Simplifying each ring on its own would move a border differently for the two
    municipalities on either side of it, opening gaps and overlaps. Instead every point where
    the set of rings through it changes (where a border starts, ends or three rings meet) is
    kept, and the stretches between such points are simplified once each, in one canonical
    direction, so both neighbours get the very same line. This works because the source data
    is topologically clean: neighbours share their border points exactly.

    Returns one ring per input ring, or None where a ring shrank to nothing.
    """
    owners: dict[Point, set[int]] = {}
    for index, ring in enumerate(rings):
        for point in ring:
            owners.setdefault(point, set()).add(index)

    stretches: dict[tuple[Point, ...], list[Point]] = {}
    result: list[Ring | None] = []
    for ring in rings:
        n = len(ring)
        if n < 3:
            result.append(None)
            continue
        fixed = [
            len(owners[ring[i]]) > 2
            or owners[ring[i]] != owners[ring[i - 1]]
            or owners[ring[i]] != owners[ring[(i + 1) % n]]
            for i in range(n)
        ]
        anchors = [i for i in range(n) if fixed[i]]
        if len(anchors) < 2:
            # An island, or a ring sharing its whole outline: anchor at the first point and
            # the point farthest from it.
            start = anchors[0] if anchors else 0
            far = max(range(n), key=lambda i: math.dist(ring[i], ring[start]))
            anchors = sorted({start, far})
        simplified: Ring = []
        for a, b in zip(anchors, [*anchors[1:], anchors[0] + n], strict=True):
            stretch = [ring[i % n] for i in range(a, b + 1)]
            key = tuple(stretch)
            if key not in stretches:
                reverse = stretch[-1] < stretch[0]
                canonical = stretch[::-1] if reverse else stretch
                kept = douglas_peucker(canonical, tolerance)
                stretches[key] = kept[::-1] if reverse else kept
                stretches[key[::-1]] = kept if reverse else kept[::-1]
            simplified.extend(stretches[key][:-1])
        result.append(simplified if len(simplified) >= 3 else None)
    return result


def ring_area(ring: Sequence[Point]) -> float:
    """Absolute area (shoelace formula)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


# SVG path data


def path_data(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data for closed rings, in whole view-box units and relative steps
    (`M120 45l3 -2-1 4z`), the most compact form. Points are rounded before the steps are
    taken, so rounding errors cannot add up along a ring."""
    parts = []
    for ring in rings:
        rounded: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not rounded or rounded[-1] != point:
                rounded.append(point)
        if len(rounded) > 1 and rounded[-1] == rounded[0]:
            rounded.pop()
        if len(rounded) < 3:
            continue
        x0, y0 = rounded[0]
        steps = []
        for (ax, ay), (bx, by) in itertools.pairwise(rounded):
            steps.append(bx - ax)
            steps.append(by - ay)
        text = f"M{x0} {y0}l"
        for i, step in enumerate(steps):
            if i and step >= 0:
                text += " "
            text += str(step)
        parts.append(text + "z")
    return "".join(parts)
