"""Where a story comes from and when it was first published *there*, kept apart from when it
was added here (Wagtail's `first_published_at`).

A story first published elsewhere (the Millennium Municipalities programme's pages, 2010–2015)
has a source and a date at that source that may be known to the day, to the year, only as a
period, or not at all. A story written here has no source: its date is the day it was first
published here. Either way the story has one *publication* — a date to sort by
(`published_on`) and a year or period to list and count it under (`published_period`: `2012`,
`2010-2015`, empty when unknown) — which the story page, cards, the listing's facet, the
statistics, the API, the feeds and schema.org all use, and which is shown as exactly as it is
known, never as the day of an import."""

import datetime
import re

from django.utils import formats
from django.utils.translation import gettext as _

DAY, YEAR, PERIOD, UNKNOWN = "day", "year", "period", "unknown"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_PERIOD = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")
MIN_YEAR, MAX_YEAR = 1950, 2100


class SourceDateError(ValueError):
    pass


def parse_source_date(text: str) -> tuple[str, datetime.date | None, datetime.date | None]:
    """`2012-05-03`, `2012`, `2010-2015` (or with an en dash) or `okänt`/`unknown`/empty, as
    (precision, start, end). Raises SourceDateError with a message in Swedish."""
    text = (text or "").strip().lower()
    if text in ("", "okänt", "okand", "unknown"):
        return UNKNOWN, None, None
    if match := _DAY.match(text):
        try:
            day = datetime.date(*(int(part) for part in match.groups()))
        except ValueError as error:
            raise SourceDateError(f"”{text}” är inget datum som finns.") from error
        _check_year(day.year, text)
        return DAY, day, day
    if match := _YEAR.match(text):
        year = int(match.group(1))
        _check_year(year, text)
        return YEAR, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if match := _PERIOD.match(text):
        first, last = int(match.group(1)), int(match.group(2))
        _check_year(first, text)
        _check_year(last, text)
        if last < first:
            raise SourceDateError(f"Perioden ”{text}” slutar innan den börjar.")
        if first == last:
            return YEAR, datetime.date(first, 1, 1), datetime.date(first, 12, 31)
        return PERIOD, datetime.date(first, 1, 1), datetime.date(last, 12, 31)
    raise SourceDateError(
        f"”{text}” är varken ett datum (2012-05-03), ett år (2012), en period (2010-2015) "
        "eller ”okänt”."
    )


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SourceDateError(f"Året i ”{text}” ligger utanför {MIN_YEAR}–{MAX_YEAR}.")


def publication(
    *, has_source: bool, precision: str, start, end, first_published_at
) -> tuple[datetime.date | None, str]:
    """The date to sort by and the year or period to list under (see the module)."""
    if not has_source:
        if first_published_at is None:
            return None, ""
        day = local_date(first_published_at)
        return day, str(day.year)
    if precision == DAY and start:
        return start, str(start.year)
    if precision == YEAR and start:
        return start, str(start.year)
    if precision == PERIOD and start and end:
        # Newest first puts a story of 2010–2015 among those of 2015: it was there by then.
        return end, f"{start.year}-{end.year}"
    return None, ""


def local_date(moment) -> datetime.date:
    from django.utils import timezone

    if isinstance(moment, datetime.datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def period_label(period: str) -> str:
    """`2010-2015` → `2010–2015` (an en dash, as Swedish writes a span)."""
    return period.replace("-", "–")


def date_label(precision: str, start, end) -> str:
    """The date at the source as a reader should see it: `3 maj 2012`, `2012`, `2010–2015` or
    `okänt datum`."""
    if precision == DAY and start:
        return formats.date_format(start, "DATE_FORMAT")
    if precision == YEAR and start:
        return str(start.year)
    if precision == PERIOD and start and end:
        return f"{start.year}–{end.year}"
    return _("date unknown")
