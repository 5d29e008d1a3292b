import pytest

from millenniekommunerna.core.colour import accessible_badge_colours, contrast_ratio
from millenniekommunerna.goals.models import Goal

pytestmark = pytest.mark.django_db


def test_contrast_ratio_of_black_on_white_is_21():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)


def test_every_goal_badge_meets_wcag_aa_contrast():
    goals = list(Goal.objects.all())
    assert len(goals) == 25
    for goal in goals:
        assert contrast_ratio(goal.badge_text, goal.badge_background) >= 4.5, goal.slug


def test_official_colour_is_kept_where_black_or_white_text_is_readable_on_it():
    background, text = accessible_badge_colours("#FCC30B")  # SDG 7 yellow
    assert background == "#fcc30b"
    assert text == "#000000"
