import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(db):
    sdg12 = Goal.objects.get(slug="sdg-12")
    now = timezone.now()
    return {
        "osthammar": StoryPageFactory(
            title="Vatten i Östhammar",
            teaser="Kommunen skyddar sina vattentäkter.",
            goals=[sdg12],
            first_published_at=now - timedelta(days=2),
        ),
        "uppsala": StoryPageFactory(
            municipality_code="0380",
            title="Matsvinn i Uppsala",
            teaser="Skolorna slänger mindre mat.",
            first_published_at=now - timedelta(days=1),
        ),
        "nacka": StoryPageFactory(
            municipality_code="0182",
            title="Kisumu och Nacka",
            teaser="Avfall och stadsplanering.",
            goals=[sdg12],
            first_published_at=now,
        ),
    }


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/flode/berattelser", ["Kisumu och Nacka", "Matsvinn i Uppsala", "Vatten i Östhammar"]),
        ("/flode/kommuner/osthammar", ["Vatten i Östhammar"]),
        ("/flode/lan/uppsala", ["Matsvinn i Uppsala", "Vatten i Östhammar"]),
        ("/flode/mal/sdg-12", ["Kisumu och Nacka", "Vatten i Östhammar"]),
    ],
)
def test_feeds_parse_and_list_the_newest_matching_stories(client, stories, url, expected):
    for extension, version in (("atom", "atom10"), ("rss", "rss20")):
        _response, parsed = parse(client, f"{url}.{extension}")
        assert parsed.version == version
        assert [entry.title for entry in parsed.entries] == expected


def test_atom_feed_has_ids_updated_dates_authors_and_self_link(client, stories):
    response, parsed = parse(client, "/flode/berattelser.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}id").text == "http://testserver/flode/berattelser.atom"
    assert root.find(f"{ATOM}updated").text
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Millenniekommunerna"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "http://testserver/flode/berattelser.atom"
    )
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3
    story = stories["nacka"]
    first = entries[0]
    assert first.find(f"{ATOM}id").text == f"urn:uuid:{story.translation_key}"
    assert first.find(f"{ATOM}updated").text
    assert first.find(f"{ATOM}published").text
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Nacka kommun"
    assert first.find(f"{ATOM}link").get("href") == f"http://testserver{story.url}"
    assert first.find(f"{ATOM}summary").text == "Avfall och stadsplanering."
    categories = [c.get("term") for c in first.findall(f"{ATOM}category")]
    assert "Mål 12 Hållbar konsumtion och produktion" in categories
    assert parsed.entries[0].id == f"urn:uuid:{story.translation_key}"


def test_rss_feed_has_guids_and_publication_dates(client, stories):
    response, parsed = parse(client, "/flode/berattelser.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.find("title").text == "Nya berättelser – Millenniekommunerna"
    assert channel.find("link").text == "http://testserver/berattelser/"
    assert channel.find("language").text == "sv"
    items = channel.findall("item")
    story = stories["nacka"]
    guid = items[0].find("guid")
    assert guid.text == f"urn:uuid:{story.translation_key}"
    assert guid.get("isPermaLink") == "false"
    assert items[0].find("pubDate").text
    assert parsed.entries[0].published_parsed is not None


def test_unknown_feed_scope_is_a_404(client):
    for url in (
        "/flode/kommuner/atlantis.atom",
        "/flode/lan/atlantis.rss",
        "/flode/mal/sdg-99.atom",
    ):
        assert client.get(url).status_code == 404


def test_unpublished_stories_are_not_in_feeds(client, stories):
    stories["uppsala"].unpublish()
    _response, parsed = parse(client, "/flode/berattelser.atom")
    assert "Matsvinn i Uppsala" not in [entry.title for entry in parsed.entries]


def test_an_empty_feed_is_still_valid(client):
    _response, parsed = parse(client, "/flode/kommuner/kiruna.atom")
    assert parsed.entries == []
    assert parsed.feed.title == "Berättelser från Kiruna – Millenniekommunerna"


# The most queries a request to each feed may take, a little above what was measured.
FEED_QUERY_BOUNDS = {
    "/flode/berattelser.atom": 5,  # measured 4
    "/flode/berattelser.rss": 5,  # measured 4
    "/flode/kommuner/osthammar.atom": 7,  # measured 6
    "/flode/lan/uppsala.atom": 6,  # measured 5
    "/flode/mal/sdg-12.atom": 7,  # measured 6
}


@pytest.mark.parametrize("url", FEED_QUERY_BOUNDS)
def test_feed_query_count_is_bounded_and_does_not_grow_with_stories(
    client, stories, count_queries, django_assert_max_num_queries, url
):
    _response, few = count_queries(url)
    sdg12 = Goal.objects.get(slug="sdg-12")
    for n in range(10):
        StoryPageFactory(municipality_code="0382", title=f"Fler {n}", goals=[sdg12])
    response, many = count_queries(url)
    assert "Fler 9" in response.content.decode()
    assert many == few
    with django_assert_max_num_queries(FEED_QUERY_BOUNDS[url]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/", ["/flode/berattelser.atom"]),
        ("/berattelser/", ["/flode/berattelser.atom"]),
        ("/kommuner/osthammar/", ["/flode/kommuner/osthammar.atom", "/flode/lan/uppsala.atom"]),
        ("/mal/sdg-12/", ["/flode/mal/sdg-12.atom"]),
        ("/berattelser/?kommun=osthammar", ["/flode/kommuner/osthammar.atom"]),
        ("/berattelser/?mal=sdg-12", ["/flode/mal/sdg-12.atom"]),
    ],
)
def test_pages_link_their_feeds(client, stories, url, feeds):
    html = client.get(url).content.decode()
    for feed in [*feeds, "/flode/berattelser.atom"]:
        assert '<link rel="alternate" type="application/atom+xml"' in html
        assert f'href="{feed}"' in html
        assert f'href="{feed.replace(".atom", ".rss")}"' in html
