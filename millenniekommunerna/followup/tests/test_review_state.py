"""stories.models.review_state: the months and the three states, without the database."""

from datetime import UTC, datetime

import pytest
from django.db.models import Q

from millenniekommunerna.stories.models.review_state import (
    ReviewState,
    cutoffs,
    months_before,
    start_of_day,
    state_filter,
    state_of,
)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2024, 2, 29, 9, 30, tzinfo=UTC), 12, datetime(2023, 2, 28, 9, 30, tzinfo=UTC)),
        (datetime(2024, 2, 29, 9, 30, tzinfo=UTC), 24, datetime(2022, 2, 28, 9, 30, tzinfo=UTC)),
        (datetime(2024, 2, 29, 9, 30, tzinfo=UTC), 48, datetime(2020, 2, 29, 9, 30, tzinfo=UTC)),
        (datetime(2025, 3, 31, tzinfo=UTC), 1, datetime(2025, 2, 28, tzinfo=UTC)),
        (datetime(2024, 3, 31, tzinfo=UTC), 1, datetime(2024, 2, 29, tzinfo=UTC)),
        (datetime(2025, 1, 15, tzinfo=UTC), 1, datetime(2024, 12, 15, tzinfo=UTC)),
        (datetime(2025, 12, 31, tzinfo=UTC), 6, datetime(2025, 6, 30, tzinfo=UTC)),
        (datetime(2026, 6, 15, tzinfo=UTC), 0, datetime(2026, 6, 15, tzinfo=UTC)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected


NOW = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("reviewed", "state"),
    [
        (None, ReviewState.OUT_OF_DATE),
        (NOW, ReviewState.CURRENT),
        (datetime(2025, 6, 15, 10, 0, tzinfo=UTC), ReviewState.CURRENT),  # exactly 12 months
        (datetime(2025, 6, 15, 9, 59, tzinfo=UTC), ReviewState.DUE),
        (datetime(2024, 6, 15, 10, 0, tzinfo=UTC), ReviewState.DUE),  # exactly 24 months
        (datetime(2024, 6, 15, 9, 59, tzinfo=UTC), ReviewState.OUT_OF_DATE),
        (datetime(2010, 1, 1, tzinfo=UTC), ReviewState.OUT_OF_DATE),
    ],
)
def test_state_of(reviewed, state):
    assert state_of(reviewed, NOW) == state


def test_cutoffs_are_12_and_24_months_back():
    assert cutoffs(NOW) == (
        datetime(2025, 6, 15, 10, 0, tzinfo=UTC),
        datetime(2024, 6, 15, 10, 0, tzinfo=UTC),
    )


def test_state_filter_refuses_an_unknown_state():
    assert isinstance(state_filter(ReviewState.DUE, NOW), Q)
    with pytest.raises(ValueError):
        state_filter("stale", NOW)


def test_start_of_day_is_swedish_midnight():
    # 23:30 UTC on 14 June is already 15 June in Stockholm (summer time, UTC+2).
    day = start_of_day(datetime(2026, 6, 14, 23, 30, tzinfo=UTC))
    assert (day.year, day.month, day.day, day.hour, day.minute) == (2026, 6, 15, 0, 0)
    assert day.utcoffset().total_seconds() == 2 * 3600
