import io
import random
from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page

from devtools.generator import genitive, municipality_weights
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db


def generate(count, **options):
    """Run the command; return the stories it added and what it printed."""
    last_pk = Page.objects.aggregate(last=Max("pk"))["last"]
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("generate_stories", count, stdout=stdout, stderr=stderr, **options)
    stories = list(StoryPage.objects.filter(pk__gt=last_pk).order_by("pk"))
    return stories, stdout.getvalue(), stderr.getvalue()


def assert_tree_is_consistent():
    # treebeard's own check: path alphabet and step length, orphans, depth, numchild.
    assert Page.find_problems() == ([], [], [], [], [])


def test_generated_stories_are_live_valid_pages_under_their_municipality(client):
    before = StoryPage.objects.live().count()
    stories, _, _ = generate(50, seed=1)

    assert StoryPage.objects.live().count() == before + 50
    assert_tree_is_consistent()
    for story in stories:
        story.full_clean()  # slug unique among siblings, teaser length, body blocks
        parent = story.get_parent().specific
        assert parent.municipality_id == story.municipality_id
        assert story.url_path == f"{parent.url_path}{story.slug}/"
        assert story.locale_id == parent.locale_id
        assert story.draft_title == story.title
        assert not story.revisions.exists()
        response = client.get(story.url)
        assert response.status_code == 200, story.url
        assert story.title in response.content.decode()


def test_generated_stories_have_goals_places_countries_and_dates_that_fit():
    stories, _, _ = generate(50, seed=2)
    partner_countries = 0
    for story in stories:
        goals = list(story.goals.all())
        places = list(story.partner_places.all())
        countries = set(story.countries.all())
        assert 1 <= len(goals) <= 4
        assert len(places) <= 2
        assert {place.country for place in places} <= countries
        partner_countries += bool(countries)
        assert story.municipality.name in story.title + story.teaser

        assert 1 <= len(story.body) <= 4
        for block in story.body.raw_data:
            assert block["type"] == "paragraph"
            assert block["value"].startswith("<p>") and block["value"].endswith("</p>")
        assert story.teaser and len(story.teaser) <= 400

        assert datetime(2010, 1, 1, tzinfo=UTC) <= story.first_published_at
        assert story.first_published_at <= story.last_published_at
        assert story.last_published_at.year <= 2026
        # Work starts at the earliest in 2005; planned work a year or two from now.
        for year in (story.year_start, story.year_end):
            assert year is None or 2005 <= year <= timezone.now().year + 2
        if story.year_end:
            assert story.year_end <= 2026
        if story.year_start and story.year_end:
            assert story.year_start <= story.year_end
    assert 0 < partner_countries < 50


def test_running_twice_adds_as_many_again_with_slugs_unique_among_siblings():
    before = StoryPage.objects.count()
    first, _, _ = generate(50, seed=3)
    second, _, _ = generate(50, seed=3)  # the same titles again

    assert StoryPage.objects.count() == before + 100
    assert_tree_is_consistent()
    siblings = Counter(
        (path[: -Page.steplen], slug) for path, slug in Page.objects.values_list("path", "slug")
    )
    assert max(siblings.values()) == 1
    assert {s.title for s in first} & {s.title for s in second}
    assert not {s.url_path for s in first} & {s.url_path for s in second}


def test_the_same_seed_makes_the_same_stories():
    def run_and_roll_back():
        with transaction.atomic():
            stories, _, _ = generate(20, seed=4)
            made = [
                (s.path, s.slug, s.teaser, list(s.body.raw_data), list(s.goals.values_list("pk")))
                for s in stories
            ]
            transaction.set_rollback(True)
        return made

    assert run_and_roll_back() == run_and_roll_back()


def test_stories_are_written_in_bulk_not_one_page_at_a_time():
    with CaptureQueriesContext(connection) as queries:
        generate(60, seed=5, batch_size=1000)
    # add_child() would take several queries per story; bulk inserts take a few per batch
    # (more on SQLite, which caps the parameters of one statement).
    assert len(queries) < 40


def test_progress_goes_to_stderr_and_a_summary_to_stdout():
    _, out, err = generate(50, seed=6, batch_size=20)
    assert "\r 20/50 (40 %)" in err
    assert "\r 50/50 (100 %)" in err
    assert "Added 50 stories" in out
    assert "seed 6" in out
    assert "update_index" in out


def test_some_municipalities_write_many_stories_and_many_write_none():
    ids = list(Municipality.objects.values_list("pk", flat=True))
    weights = sorted(municipality_weights(ids, random.Random(7)), reverse=True)
    assert weights.count(0) >= len(ids) // 4
    writing = [w for w in weights if w]
    assert writing[0] > 50 * writing[-1]


def test_millennium_municipalities_are_the_most_active():
    ids = list(range(1, 101))
    weights = municipality_weights(ids, random.Random(8), preferred={42})
    assert weights[41] == max(weights)


def test_genitive_follows_swedish_spelling():
    assert genitive("Östhammar") == "Östhammars"
    assert genitive("Kalix") == "Kalix"
    assert genitive("Borås") == "Borås"


def test_index_option_makes_the_stories_searchable():
    stories, out, _ = generate(3, seed=9, index=True)
    assert "update_index" not in out
    word = max(stories[0].title.split(), key=len)
    assert stories[0] in StoryPage.objects.live().search(word)
