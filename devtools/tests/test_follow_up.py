"""What the generator says came of each story's work, and the partnerships its stories make."""

import io
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from devtools.generator.followup import (
    AdaptationPool,
    StoryRef,
    _measure,
    reviewed_at,
    work_status,
)
from devtools.generator.followup_vocabulary import (
    CONTACTS,
    INDICATORS,
    LESSONS_FAILED,
    Indicator,
)
from devtools.generator.partnerships import PartnershipBook
from devtools.generator.vocabulary import FIRST_NAMES, LAST_NAMES
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership, WorkStatus
from millenniekommunerna.stories.models import StoryPage, StoryResult
from millenniekommunerna.stories.models.review_state import ReviewState

pytestmark = pytest.mark.django_db

UNITS = {(i.name, i.unit) for indicators in INDICATORS.values() for i in indicators}
CEILINGS = {i.name: i.ceiling for indicators in INDICATORS.values() for i in indicators}


def generate(count, **options):
    last_pk = Page.objects.aggregate(last=Max("pk"))["last"]
    out = io.StringIO()
    call_command("generate_stories", count, stdout=out, stderr=io.StringIO(), **options)
    return list(
        StoryPage.objects.filter(pk__gt=last_pk)
        .select_related("municipality", "adapted_from")
        .prefetch_related("results", "partner_places", "partnerships", "goals")
        .order_by("pk")
    )


def assert_status_agrees_with_years(status, start, end, this_year):
    if status == WorkStatus.PLANNED:
        assert start is not None and start > this_year
        assert end is None
    elif status == WorkStatus.ONGOING:
        assert end is None
        assert start is None or start <= this_year
    elif status in (WorkStatus.COMPLETED, WorkStatus.DISCONTINUED):
        assert end is not None and end <= this_year
    else:
        assert status == ""


def test_every_story_tells_what_came_of_it():
    stories = generate(300, seed=11)
    now = timezone.now()
    statuses = Counter(story.status for story in stories)
    assert {"", WorkStatus.ONGOING, WorkStatus.COMPLETED, WorkStatus.DISCONTINUED} <= set(statuses)
    assert statuses[""] < 0.3 * len(stories)
    assert statuses[WorkStatus.DISCONTINUED] < statuses[WorkStatus.COMPLETED]

    with_lessons = [story for story in stories if story.lessons_learned]
    assert 0.6 * len(stories) < len(with_lessons) < len(stories)
    lessons = " ".join(story.lessons_learned for story in with_lessons)
    assert "{" not in lessons and "}" not in lessons
    assert any(failure in lessons for failure in LESSONS_FAILED)  # failures are told too

    contacts = [story for story in stories if story.contact_role]
    assert 0.7 * len(stories) < len(contacts) < len(stories)
    roles = {role for choices in CONTACTS.values() for role, _ in choices}
    people = set(FIRST_NAMES) | set(LAST_NAMES)
    for story in stories:
        if not story.contact_role:
            assert story.contact_organisation == ""
            continue
        assert story.contact_role in roles | {"internationell samordnare"}
        organisation, unit = story.contact_organisation.split(", ")
        assert organisation == story.municipality.official_name
        assert unit and "@" not in story.contact_organisation
        assert not people & set(story.contact_organisation.replace(",", " ").split())

    for story in stories:
        assert story.last_reviewed_at is not None
        assert story.last_published_at <= story.last_reviewed_at <= now
    assert {story.review_state() for story in stories} == set(ReviewState.values)

    with_results = [story for story in stories if story.results.all()]
    assert 0.25 * len(stories) < len(with_results) < 0.6 * len(stories)
    assert max(len(story.results.all()) for story in stories) == 3


def test_statuses_agree_with_the_years():
    stories = generate(300, seed=12)
    this_year = timezone.now().year
    for story in stories:
        assert_status_agrees_with_years(story.status, story.year_start, story.year_end, this_year)
        story.full_clean()  # end not before start


def test_work_status_follows_the_years_and_is_sometimes_not_known():
    rng = random.Random(1)
    for start, end in [(2030, None), (2020, None), (2015, 2018), (2026, 2026), (None, None)]:
        seen = Counter(work_status(rng, start, end, 2026) for _ in range(500))
        for status in seen:
            assert_status_agrees_with_years(status, start, end, 2026)
        assert seen[""] > 0
    ended = Counter(work_status(rng, 2015, 2018, 2026) for _ in range(1000))
    assert 0.8 * 1000 > ended[WorkStatus.COMPLETED] > ended[WorkStatus.DISCONTINUED] > 50


def test_results_run_from_the_start_year_to_no_later_than_the_end_or_the_last_review():
    stories = generate(300, seed=13)
    this_year = timezone.now().year
    results = 0
    for story in stories:
        for result in story.results.all():
            results += 1
            result.full_clean()
            assert (result.indicator, result.unit) in UNITS
            assert result.baseline_year == story.year_start
            assert result.baseline_year < result.latest_year
            assert result.latest_year <= min(
                story.year_end or this_year, story.last_reviewed_at.year, this_year
            )
            assert result.latest_value >= 0
            ceiling = CEILINGS[result.indicator]
            assert ceiling is None or result.latest_value <= ceiling
            assert result.source
        assert [r.sort_order for r in story.results.all()] == list(range(len(story.results.all())))
        if story.status == WorkStatus.PLANNED or story.year_start is None:
            assert not story.results.all()
    assert results == StoryResult.objects.filter(page__in=stories).count() > 100


def test_a_result_improves_as_its_indicator_says_or_now_and_then_goes_the_wrong_way():
    less_is_better = Indicator("Restavfall per invånare", "kg", (200, 200), (-0.05, -0.05), "x")
    rng = random.Random(2)
    outcomes = [_measure(rng, less_is_better, 2015, 2020) for _ in range(400)]
    improved = [r for r in outcomes if not r.setback]
    assert all(r.latest_value < r.baseline_value for r in improved)
    assert all(r.latest_value > r.baseline_value for r in outcomes if r.setback)
    assert 20 < len(outcomes) - len(improved) < 120

    share = Indicator("Andel", "%", (90, 95), (0.2, 0.3), "x", ceiling=100)
    assert all(_measure(rng, share, 2010, 2020).latest_value <= 100 for _ in range(100))
    count = Indicator("Elever", "st", (0, 0), (10, 10), "x", relative=False)
    counted = [_measure(rng, count, 2010, 2013) for _ in range(50)]
    assert {r.latest_value for r in counted if not r.setback} == {30}
    assert all(r.latest_value >= 0 for r in counted)


def test_reviews_spread_over_current_due_and_out_of_date():
    rng = random.Random(3)
    now = datetime(2026, 12, 4, 12, tzinfo=UTC)
    start = datetime(2010, 1, 1, tzinfo=UTC)
    states = Counter()
    for _ in range(5000):
        published = start + (now - start) * rng.random()
        reviewed = reviewed_at(rng, published, now)
        assert published <= reviewed <= now
        states[StoryPage(last_reviewed_at=reviewed).review_state(now)] += 1
    assert 0.55 < states[ReviewState.CURRENT] / 5000 < 0.65
    assert 0.16 < states[ReviewState.DUE] / 5000 < 0.24
    assert 0.16 < states[ReviewState.OUT_OF_DATE] / 5000 < 0.24


def test_a_story_published_last_month_is_reviewed_since():
    now = datetime(2026, 12, 4, tzinfo=UTC)
    published = now - timedelta(days=30)
    rng = random.Random(4)
    assert all(published <= reviewed_at(rng, published, now) <= now for _ in range(200))


def test_adaptations_are_of_earlier_stories_by_other_municipalities_without_cycles():
    stories = generate(600, seed=14)
    adapted = [story for story in stories if story.adapted_from_id]
    assert 0.02 * len(stories) < len(adapted) < 0.09 * len(stories)
    for story in adapted:
        source = story.adapted_from
        assert source.pk != story.pk
        assert source.municipality_id != story.municipality_id
        assert source.first_published_at < story.first_published_at
    sources = {story.pk: story.adapted_from_id for story in stories}
    for story in adapted:
        seen, current = {story.pk}, sources.get(story.adapted_from_id)
        while current is not None:
            assert current not in seen
            seen.add(current)
            current = sources.get(current)
    named = [s for s in adapted if s.lessons_learned]
    assert any(s.adapted_from.municipality.name in s.lessons_learned for s in named)


def test_adaptation_pool_keeps_to_its_topic_and_never_picks_the_same_municipality():
    pool = AdaptationPool(random.Random(5))
    pool.share = 1
    early = datetime(2012, 1, 1, tzinfo=UTC)
    pool.add("biogas", StoryRef(1, "Kalix", early))
    pool.add("matsvinn", StoryRef(2, "Borås", early))
    picks = [pool.pick("biogas", 3, datetime(2020, 1, 1, tzinfo=UTC)) for _ in range(2000)]
    found = {pick.municipality_id for pick in picks if pick is not None}
    assert found == {1}
    assert all(pool.pick("biogas", 1, datetime(2020, 1, 1, tzinfo=UTC)) is None for _ in range(500))
    assert all(pool.pick("biogas", 3, early) is None for _ in range(500))  # not earlier
    assert pool.pick("skolutbyte", 3, datetime(2020, 1, 1, tzinfo=UTC)) is None


def test_every_pair_of_municipality_and_place_has_a_partnership_linking_its_stories():
    stories = generate(400, seed=15)
    this_year = timezone.now().year
    by_pair = {}
    for story in stories:
        linked = {(p.municipality_id, p.partner_place_id): p for p in story.partnerships.all()}
        pairs = {(story.municipality_id, place.pk) for place in story.partner_places.all()}
        assert set(linked) == pairs
        for pair in pairs:
            by_pair.setdefault(pair, []).append(story)
    assert len(by_pair) > 10
    assert Partnership.objects.count() == len(by_pair)

    partnerships = Partnership.objects.prefetch_related("goals", "other_municipalities")
    partnerships = partnerships.select_related("municipality")
    for partnership in partnerships:
        partnership.full_clean()
        members = by_pair[(partnership.municipality_id, partnership.partner_place_id)]
        assert set(partnership.stories.all()) == set(members)
        starts = [s.year_start for s in members if s.year_start]
        assert partnership.start_year == (min(starts) if starts else None)
        if partnership.end_year is not None:
            for story in members:
                if story.year_start:
                    assert story.year_end and story.year_end <= partnership.end_year
        assert_status_agrees_with_years(
            partnership.status, partnership.start_year, partnership.end_year, this_year
        )
        goals = {goal.pk for story in members for goal in story.goals.all()}
        assert {goal.pk for goal in partnership.goals.all()} == goals
        assert partnership.description
        for other in partnership.other_municipalities.all():
            assert other.pk != partnership.municipality_id
            assert other.county_id == partnership.municipality.county_id
    funded = Partnership.objects.filter(funding_programme__isnull=False)
    assert set(funded.values_list("funding_programme__slug", flat=True)) <= {
        "icld",
        "sida",
        "eu",
        "egen-finansiering",
    }
    assert funded.count() > Partnership.objects.count() // 2


def test_a_second_run_links_to_the_partnerships_there_are_and_leaves_them_as_they_were():
    generate(200, seed=16)
    edited = Partnership.objects.order_by("pk").first()
    Partnership.objects.filter(pk=edited.pk).update(
        status="", start_year=None, end_year=None, description="Redaktörens text"
    )
    before = {p.pk: (p.slug, p.start_year, p.status) for p in Partnership.objects.all()}

    stories = generate(300, seed=17)

    after = {p.pk: (p.slug, p.start_year, p.status) for p in Partnership.objects.all()}
    assert {pk: after[pk] for pk in before} == before
    assert Partnership.objects.get(pk=edited.pk).description == "Redaktörens text"
    linked = sum(len(story.partnerships.all()) for story in stories)
    assert linked == sum(len(story.partner_places.all()) for story in stories) > 0
    assert len(set(Partnership.objects.values_list("slug", flat=True))) == len(after)


def test_partnership_slugs_are_unique_without_a_query_each(django_assert_num_queries):
    Partnership.objects.create(
        municipality=Municipality.objects.first(),
        partner_place=PartnerPlace.objects.first(),
        slug="kalix-kisumu",
    )
    book = PartnershipBook(random.Random(6), 2026)
    with django_assert_num_queries(0):
        slugs = [book.slug("Kalix", "Kisumu") for _ in range(3)]
    assert slugs == ["kalix-kisumu-2", "kalix-kisumu-3", "kalix-kisumu-4"]
    assert book.slug("Östhammar", "Poti") == "osthammar-poti"


def test_the_same_seed_says_the_same_about_what_came_of_it_whatever_the_batch_size():
    def run_and_roll_back(batch_size):
        with transaction.atomic():
            stories = generate(150, seed=18, batch_size=batch_size)
            index = {story.pk: n for n, story in enumerate(stories)}
            made = [
                (
                    s.status,
                    s.lessons_learned,
                    s.contact_role,
                    s.contact_organisation,
                    s.review_state(),
                    index.get(s.adapted_from_id),
                    [
                        (r.indicator, r.baseline_value, r.baseline_year, r.latest_value)
                        for r in s.results.all()
                    ],
                    sorted(p.slug for p in s.partnerships.all()),
                )
                for s in stories
            ]
            partnerships = sorted(
                (
                    p.slug,
                    p.start_year,
                    p.end_year,
                    p.status,
                    p.funding_programme_id,
                    p.description,
                    sorted(p.other_municipalities.values_list("pk", flat=True)),
                    sorted(p.goals.values_list("pk", flat=True)),
                )
                for p in Partnership.objects.all()
            )
            transaction.set_rollback(True)
        return made, partnerships

    first = run_and_roll_back(1000)
    assert first[1], "no partnerships to compare"
    assert run_and_roll_back(1000) == first
    assert run_and_roll_back(40) == first
