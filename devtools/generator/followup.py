"""What came of a story's work, made up to agree with its years: status, measured results,
lessons learned, whom to ask, when it was last reviewed, and which earlier story it adapted."""

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from millenniekommunerna.partnerships.models import WorkStatus
from millenniekommunerna.stories.models.review_state import cutoffs

from .followup_vocabulary import (
    ADAPTED_SHARE,
    CONTACT_SHARE,
    CONTACTS,
    DISCONTINUED_SHARE,
    FAILURE_SHARE,
    INDICATORS,
    INTERNATIONAL_CONTACT,
    LESSONS_ADAPTED,
    LESSONS_ADVICE,
    LESSONS_DISCONTINUED,
    LESSONS_FAILED,
    LESSONS_PARTNER_FAILED,
    LESSONS_PARTNER_WORKED,
    LESSONS_SHARE,
    LESSONS_WORKED,
    RESULT_SETBACK_SHARE,
    RESULTS_PER_STORY,
    REVIEW_WEIGHTS,
    UNKNOWN_STATUS_SHARE,
    Indicator,
)


class StoryRef:
    """A composed story as later ones may point to it; its page id once it is written."""

    __slots__ = ("municipality_id", "municipality_name", "page_id", "published_at")

    def __init__(self, municipality_id: int, municipality_name: str, published_at: datetime):
        self.municipality_id = municipality_id
        self.municipality_name = municipality_name
        self.published_at = published_at
        self.page_id: int | None = None


@dataclass
class ResultDraft:
    indicator: str
    unit: str
    baseline_value: Decimal
    baseline_year: int
    latest_value: Decimal
    latest_year: int
    source: str
    setback: bool  # went the wrong way

    def fields(self) -> dict:
        """As StoryResult's fields."""
        return {
            "indicator": self.indicator,
            "unit": self.unit,
            "baseline_value": self.baseline_value,
            "baseline_year": self.baseline_year,
            "latest_value": self.latest_value,
            "latest_year": self.latest_year,
            "source": self.source,
        }


def work_status(rng: random.Random, year_start: int | None, year_end: int | None, year: int):
    """Where the work stands in `year`: planned before it starts, ongoing while it has no end,
    completed (a few discontinued) once it has ended; now and then not known."""
    if year_start is None and year_end is None:
        return "" if rng.random() < 0.5 else WorkStatus.ONGOING.value
    if rng.random() < UNKNOWN_STATUS_SHARE:
        return ""
    if year_start is not None and year_start > year:
        return WorkStatus.PLANNED.value
    if year_end is None:
        return WorkStatus.ONGOING.value
    if rng.random() < DISCONTINUED_SHARE:
        return WorkStatus.DISCONTINUED.value
    return WorkStatus.COMPLETED.value


def reviewed_at(rng: random.Random, published_at: datetime, now: datetime) -> datetime:
    """When an editor last published or confirmed the story: after its last publication,
    spread so that about REVIEW_WEIGHTS of the stories are current, due and out of date."""
    due, out_of_date = cutoffs(now)
    windows = [(due, now), (out_of_date, due), (published_at, out_of_date)]
    wanted = rng.choices(range(3), weights=REVIEW_WEIGHTS)[0]
    for start, end in reversed(windows[: wanted + 1]):  # failing that, a newer state
        start = max(start, published_at)
        if start < end:
            return start + (end - start) * rng.random()
    return now


def results(
    rng: random.Random, topic_key: str, year_start: int | None, last_year: int
) -> list[ResultDraft]:
    """0–3 of the topic's indicators, measured from the year the work started to a later year
    no later than `last_year` (its end, or the last review)."""
    indicators = INDICATORS.get(topic_key, ())
    if year_start is None or last_year <= year_start or not indicators:
        return []
    counts, weights = RESULTS_PER_STORY
    wanted = min(rng.choices(counts, weights=weights)[0], len(indicators))
    return [
        _measure(rng, indicator, year_start, rng.randint(year_start + 1, last_year))
        for indicator in rng.sample(indicators, wanted)
    ]


def _measure(rng: random.Random, indicator: Indicator, first: int, last: int) -> ResultDraft:
    low, high = indicator.yearly_change
    change = rng.uniform(low, high)
    setback = rng.random() < RESULT_SETBACK_SHARE
    if setback:  # a little the other way
        change = -change / 3
    baseline = rng.uniform(*indicator.baseline)
    years = last - first
    grown = baseline * (1 + change) ** years if indicator.relative else baseline + change * years
    latest = max(0.0, grown)
    if indicator.ceiling is not None:
        latest = min(indicator.ceiling, latest)
    return ResultDraft(
        indicator=indicator.name,
        unit=indicator.unit,
        baseline_value=_rounded(baseline, indicator.decimals),
        baseline_year=first,
        latest_value=_rounded(latest, indicator.decimals),
        latest_year=last,
        source=indicator.source,
        setback=setback,
    )


def _rounded(value: float, decimals: int) -> Decimal:
    return Decimal(f"{value:.{decimals}f}")


def lessons(
    rng: random.Random,
    words: dict,
    *,
    status: str,
    setback: bool,
    partner: bool,
    adapted: StoryRef | None,
) -> str:
    """A few sentences of what others can learn: where the idea came from, why it stopped,
    what worked and — when results went the wrong way, and now and then anyway — what did
    not; some advice. Planned work has none yet, and not every story tells."""
    if status == WorkStatus.PLANNED or rng.random() >= LESSONS_SHARE:
        return ""
    sentences = []
    if adapted is not None:
        sentences.append(rng.choice(LESSONS_ADAPTED))
    if status == WorkStatus.DISCONTINUED:
        sentences.append(rng.choice(LESSONS_DISCONTINUED))
    worked = LESSONS_WORKED + LESSONS_PARTNER_WORKED if partner else LESSONS_WORKED
    sentences.append(rng.choice(worked))
    if setback or rng.random() < FAILURE_SHARE:
        failed = LESSONS_FAILED + LESSONS_PARTNER_FAILED if partner else LESSONS_FAILED
        sentences.append(rng.choice(failed))
    if rng.random() < 0.6:
        sentences.append(rng.choice(LESSONS_ADVICE))
    source = adapted.municipality_name if adapted is not None else ""
    return " ".join(sentences).format(**words, kalla=source)


def contact(
    rng: random.Random, topic_key: str, organisation: str, *, partner: bool
) -> tuple[str, str]:
    """(role, organisation) to ask about the work, e.g. ("miljöstrateg", "Östhammars kommun,
    kommunledningskontoret"); ("", "") for stories that name none."""
    if rng.random() >= CONTACT_SHARE:
        return "", ""
    choices = CONTACTS.get(topic_key, ())
    if not choices or (partner and rng.random() < 0.4):
        role, unit = INTERNATIONAL_CONTACT
    else:
        role, unit = rng.choice(choices)
    return role, f"{organisation}, {unit}"


class AdaptationPool:
    """Earlier stories per topic that a later one may have taken its idea from: always another
    municipality's, always published before — so an adaptation never points at itself and
    no chain of them can close into a cycle."""

    TRIES = 8
    share = ADAPTED_SHARE

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.stories: dict[str, list[StoryRef]] = {}

    def pick(self, topic_key: str, municipality_id: int, published_at: datetime):
        earlier = self.stories.get(topic_key)
        if not earlier or self.rng.random() >= self.share:
            return None
        for _ in range(self.TRIES):
            candidate = self.rng.choice(earlier)
            if (
                candidate.municipality_id != municipality_id
                and candidate.published_at < published_at
            ):
                return candidate
        return None

    def add(self, topic_key: str, story: StoryRef) -> None:
        self.stories.setdefault(topic_key, []).append(story)
