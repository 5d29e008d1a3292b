import random

import pytest

from millenniekommunerna.maps.builders import (
    EMPTY_COLOUR,
    LabelPlacer,
    PlaceMarker,
    class_bins,
)


@pytest.mark.parametrize(
    "counts",
    [
        [0] * 273 + [1] * 7 + [2] * 10,  # the seed
        [0] * 290,  # no stories yet
        [0] * 80 + [random.Random(n).randint(1, 900) for n in range(210)],  # 10 000 stories
        [5] * 290,  # every municipality alike
    ],
)
def test_every_municipality_falls_in_exactly_one_class(counts):
    bins = class_bins(counts)
    assert bins[0].low == 0 and bins[0].colour == EMPTY_COLOUR
    assert 1 <= len(bins) <= 6
    assert sum(b.municipality_count for b in bins) == len(counts)
    for count in counts:
        assert sum(b.contains(count) for b in bins) == 1
    lows = [b.low for b in bins]
    assert lows == sorted(set(lows))
    assert len({b.colour for b in bins}) == len(bins)


def test_the_seed_gets_classes_a_reader_can_tell_apart():
    bins = class_bins([0] * 273 + [1] * 7 + [2] * 10)
    assert [(b.low, b.high) for b in bins] == [(0, 0), (1, 1), (2, None)]
    assert [b.municipality_count for b in bins] == [273, 7, 10]


def test_labels_do_not_overlap_and_stay_inside_the_map():
    markers = [
        PlaceMarker(i, name, "Kenya", name.lower(), "", x, y, 1)
        for i, (name, x, y) in enumerate(
            [("Kisumu", 500, 300), ("Kimilili", 500, 294), ("Kampala", 488, 298), ("Voi", 520, 320)]
        )
    ]
    placer = LabelPlacer(20, [(m.x, m.y) for m in markers], width=560, height=400)
    for marker in markers:
        placer.place(marker)
    boxes = placer.taken
    assert len(boxes) == 4
    for i, (l1, t1, r1, b1) in enumerate(boxes):
        assert l1 >= 0 and r1 <= 560 and t1 >= 0 and b1 <= 400
        for l2, t2, r2, b2 in boxes[i + 1 :]:
            assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1
