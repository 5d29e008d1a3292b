"""Honest dates and sources: a story from the Millennium Municipalities programme's pages says
where it comes from and that it was published there in 2010–2015 — on its page, on cards, in
the listing's facet, in the statistics, the API, the export, JSON-LD and the feeds — and never
that it was published on the day of the import."""

import datetime
import io
import json
import re
from importlib import import_module

import feedparser
import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from millenniekommunerna.stories import provenance
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

SEED_TITLE = "Skolor minskar matsvinn i rekordfart"
TODAY = timezone.localdate()


def seed_story():
    return StoryPage.objects.get(title=SEED_TITLE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-05-03", ("day", datetime.date(2012, 5, 3), datetime.date(2012, 5, 3))),
        ("2012", ("year", datetime.date(2012, 1, 1), datetime.date(2012, 12, 31))),
        ("2010-2015", ("period", datetime.date(2010, 1, 1), datetime.date(2015, 12, 31))),
        ("2010–2015", ("period", datetime.date(2010, 1, 1), datetime.date(2015, 12, 31))),
        ("2013-2013", ("year", datetime.date(2013, 1, 1), datetime.date(2013, 12, 31))),
        ("okänt", ("unknown", None, None)),
        ("", ("unknown", None, None)),
    ],
)
def test_source_dates_are_read_as_exactly_as_they_are_known(text, expected):
    assert provenance.parse_source_date(text) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2012-02-30", "inget datum som finns"),
        ("2015-2010", "slutar innan den börjar"),
        ("1850", "utanför"),
        ("förra året", "varken ett datum"),
    ],
)
def test_a_bad_source_date_is_refused_in_swedish(text, says):
    with pytest.raises(provenance.SourceDateError, match=says):
        provenance.parse_source_date(text)


def test_the_importer_records_where_and_when_the_seed_stories_were_published(seed_import):
    story = seed_story()
    assert story.source_name == "millenniekommun.se"
    assert story.source_programme.startswith("Millenniekommunerna")
    assert (story.source_date_precision, story.source_date_start, story.source_date_end) == (
        "period",
        datetime.date(2010, 1, 1),
        datetime.date(2015, 12, 31),
    )
    assert story.published_period == "2010-2015"
    assert story.first_published_at is not None  # when it was added here: kept apart


def test_the_story_page_says_where_and_when_not_the_import_day(client, seed_import):
    html = client.get(seed_story().url).content.decode()
    assert "På millenniekommun.se, 2010–2015" in html
    assert "Källa" in html and "Millenniekommunerna, Sveriges Kommuner och Landsting" in html
    added = re.search(r"Tillagd här</dt>\s*<dd><time datetime=\"([\d-]+)\"", html)
    assert added and added.group(1) == TODAY.isoformat()
    published = html.split("Publicerad</dt>", 1)[1].split("</dd>", 1)[0]
    assert TODAY.isoformat() not in published


def test_cards_facet_and_statistics_use_the_period(client, seed_import):
    listing = client.get("/berattelser/").content.decode()
    assert listing.count("Publicerad 2010–2015") == 12  # every card on the first page
    assert 'href="?ar=2010-2015"' in listing
    assert f'href="?ar={TODAY.year}"' not in listing
    assert client.get("/berattelser/?ar=2010-2015").context["stories"].paginator.count == 27
    assert client.get(f"/berattelser/?ar={TODAY.year}").context["stories"].paginator.count == 0
    statistics = client.get("/statistik/").content.decode()
    table = statistics.split('id="publiceringsar"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">2010–2015</th>' in table
    assert f'<th scope="row">{TODAY.year}</th>' not in table


def test_a_story_written_here_is_published_the_day_it_was_published_here(client, db):
    moment = timezone.make_aware(datetime.datetime(2021, 3, 4, 10, 0))
    story = StoryPageFactory(title="Skrivet här", first_published_at=moment)
    assert (story.published_on, story.published_period) == (datetime.date(2021, 3, 4), "2021")
    html = client.get(story.url).content.decode()
    assert '<time datetime="2021-03-04">' in html and "Tillagd här" not in html
    data = client.get(f"/api/v1/stories/{story.pk}").json()["published"]
    assert data == {
        "precision": "day",
        "start": "2021-03-04",
        "end": "2021-03-04",
        "label": "4 mars 2021",
        "source": None,
    }


def test_api_export_json_ld_and_feed_say_the_same(client, seed_import):
    story = seed_story()
    published = client.get(f"/api/v1/stories/{story.pk}").json()["published"]
    assert published == {
        "precision": "period",
        "start": "2010-01-01",
        "end": "2015-12-31",
        "label": "2010–2015",
        "source": {
            "name": "millenniekommun.se",
            "url": None,
            "programme": "Millenniekommunerna, Sveriges Kommuner och Landsting (SKL)",
        },
    }
    export = b"".join(client.get("/api/v1/exports/stories.csv").streaming_content).decode()
    header, first = export.splitlines()[:2]
    assert "published_precision,published_start,published_end,source_name" in header
    assert ",period,2010-01-01,2015-12-31,millenniekommun.se," in first
    html = client.get(story.url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    article = next(d for d in map(json.loads, blocks) if d.get("@type") == "Article")
    assert "datePublished" not in article  # only a period is known
    assert article["isBasedOn"]["temporalCoverage"] == "2010-01-01/2015-12-31"
    feed = feedparser.parse(client.get("/flode/berattelser.atom").content)
    entry = next(e for e in feed.entries if e.title == SEED_TITLE)
    assert "published" not in entry  # no day to give; `updated` says when it was added
    # The feed's times are UTC; "today" is the Swedish day (they differ after 23:00 UTC).
    assert timezone.localdate(datetime.datetime.fromisoformat(entry.updated)) == TODAY


def test_the_import_command_takes_another_source_and_refuses_a_bad_date(seed_import):
    out = io.StringIO()
    listing = "millenniekommunerna/data/seed/millenniekommunerna-listing.txt"
    with pytest.raises(CommandError, match=r"Fel i --source-date.*Inget sparades"):
        call_command("import_listing", listing, source_date="2015-2010", stdout=out)
    assert seed_story().source_date_precision == "period"
    with pytest.raises(CommandError, match="--source-url ska vara en webbadress"):
        call_command("import_listing", listing, source_url="millenniekommun.se", stdout=out)
    call_command(
        "import_listing",
        listing,
        source_date="2012",
        source_url="https://example.org/millenniekommunerna",
        stdout=out,
    )
    story = seed_story()
    assert (story.source_date_precision, story.published_period) == ("year", "2012")
    assert story.source_url == "https://example.org/millenniekommunerna"


def test_the_data_migration_mends_imported_stories_already_stored(seed_import):
    """Stories imported before stories knew their source: the migration gives the importer's
    stories the programme's period and leaves stories written here on their own day."""
    written_here = StoryPageFactory(title="Skrivet här")
    StoryPage.objects.update(
        source_name="",
        source_programme="",
        source_date_precision="",
        source_date_start=None,
        source_date_end=None,
        published_on=None,
        published_period="",
    )
    migration = import_module(
        "millenniekommunerna.stories.migrations.0003_sources_of_imported_stories"
    )
    migration.forwards(apps, None)
    story = seed_story()
    assert (story.source_name, story.published_period) == ("millenniekommun.se", "2010-2015")
    written_here.refresh_from_db()
    assert written_here.source_name == ""
    assert written_here.published_period == str(
        timezone.localdate(written_here.first_published_at).year
    )
