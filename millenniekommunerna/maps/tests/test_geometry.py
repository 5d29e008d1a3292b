import math

import pytest

from millenniekommunerna.maps.geometry import (
    Frame,
    douglas_peucker,
    equal_earth,
    path_data,
    simplify_rings,
    sweref99tm,
)
from millenniekommunerna.maps.shapes import sweden, world

# Reference values from PROJ 9 (pyproj: EPSG:4326 → EPSG:3006, and +proj=eqearth +R=1).
SWEREF_REFERENCE = [
    ((18.0686, 59.3293), (674571.8664, 6580743.0083)),  # Stockholm
    ((11.13, 55.34), (254605.4508, 6139448.4331)),
    ((24.15, 69.05), (863958.5583, 7687150.4996)),
    ((15.0, 62.0), (500000.0, 6874180.1477)),  # on the central meridian
    ((20.25, 67.85), (720673.8814, 7535513.2339)),
]
EQUAL_EARTH_REFERENCE = [
    ((34.76, -0.1), (0.5226799432, -0.0020258078)),
    ((-74.5, -8.4), (-1.1144988128, -0.1698490007)),
    ((18.0, 59.0), (0.2059279565, 1.0747207222)),
    ((150.0, -80.0), (1.3918976498, -1.2882111962)),
]


@pytest.mark.parametrize(("lonlat", "expected"), SWEREF_REFERENCE)
def test_sweref99tm_agrees_with_proj_to_the_millimetre(lonlat, expected):
    easting, northing = sweref99tm(*lonlat)
    assert easting == pytest.approx(expected[0], abs=0.001)
    assert northing == pytest.approx(expected[1], abs=0.001)


@pytest.mark.parametrize(("lonlat", "expected"), EQUAL_EARTH_REFERENCE)
def test_equal_earth_agrees_with_proj(lonlat, expected):
    x, y = equal_earth(*lonlat)
    assert x == pytest.approx(expected[0], abs=1e-9)
    assert y == pytest.approx(expected[1], abs=1e-9)


def test_douglas_peucker_drops_points_near_the_line_and_keeps_the_ends():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 0.05), (5, 0)]
    assert douglas_peucker(line, 0.5) == [(0, 0), (2, -0.1), (3, 5), (4, 0.05), (5, 0)]
    assert douglas_peucker(line, 10) == [(0, 0), (5, 0)]
    assert douglas_peucker([(0, 0), (1, 1)], 1) == [(0, 0), (1, 1)]


def test_simplified_neighbours_still_share_their_border():
    # Two squares sharing a wiggly border from (10, 0) to (10, 10), one traced each way.
    border = [(10, 0), (10.2, 2), (9.9, 4), (10.1, 6), (9.8, 8), (10, 10)]
    left = [(0, 0), *border, (0, 10)]
    right = [(20, 10), *border[::-1], (20, 0)]
    a, b = simplify_rings([left, right], tolerance=1)
    shared_a = [p for p in a if p in border]
    shared_b = [p for p in b if p in border]
    assert shared_a == shared_b[::-1]
    assert shared_a == [(10, 0), (10, 10)]


def test_a_ring_too_small_to_keep_is_reported_as_none():
    assert simplify_rings([[(0, 0), (1, 1)]], 1) == [None]


def test_path_data_is_compact_relative_and_closed():
    d = path_data([[(10.4, 20.6), (30, 20.6), (30, 40.2)], [(1, 1), (1.2, 1.1)]])
    assert d == "M10 21l20 0 0 19z"  # the second ring rounds to a single point: dropped


def test_frame_puts_north_up_and_keeps_the_aspect():
    frame = Frame.fit((0, 0, 50, 100), height=104, padding=2)
    assert (frame.width, frame.height) == (54, 104)
    assert frame((0, 100)) == (2, 2)
    assert frame((50, 0)) == (52, 102)


def test_sweden_has_290_municipalities_and_21_counties_inside_the_view_box():
    geometry = sweden()
    assert len(geometry.municipalities) == 290
    assert len(geometry.counties) == 21
    assert geometry.frame.height == 1000
    # Sweden is about 1 570 km north to south and 760 km across in SWEREF 99 TM.
    assert 0.38 < geometry.frame.width / geometry.frame.height < 0.46
    x, y = geometry.point(18.0686, 59.3293)  # Stockholm: east coast, south of the middle
    assert 0.6 * geometry.frame.width < x < geometry.frame.width
    assert 0.6 * geometry.frame.height < y < 0.8 * geometry.frame.height


def test_world_window_contains_the_points_it_was_made_for():
    places = ((-74.55, -8.38), (34.76, -0.1), (11.1, 55.3), (24.2, 69.1))
    geometry = world(places)
    for lon, lat in places:
        x, y = geometry.point(lon, lat)
        assert 0 < x < geometry.frame.width
        assert 0 < y < geometry.frame.height
    codes = {c.code for c in geometry.countries}
    assert {"752", "404", "604"} <= codes  # Sweden, Kenya, Peru
    assert "036" not in codes  # Australia is far outside


def test_shapes_are_computed_once_per_process():
    assert sweden() is sweden()
    assert math.isclose(sweden().frame.scale, sweden(1000).frame.scale)
