"""The page cache (core.page_cache): anonymous pages come from the cache, renewed at once
everywhere a publication shows; editors, sessions, messages, POSTs, the tip form, the admin
and the API never are; responses carry what shared caches and browsers need."""

import pytest
from django.contrib.messages import constants
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.goals.models import Goal, GoalIndexPage
from millenniekommunerna.home.models import HomePage
from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

CACHED_PATHS = [
    "/",
    "/berattelser/",
    "/berattelser/?mal=sdg-12",
    "/kommuner/osthammar/",
    "/mal/sdg-12/",
    "/karta/",
    "/statistik/",
    "/sok/?q=skola",
    "/flode/berattelser.atom",
    "/en/",
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_SHARED_SECONDS = 1


@pytest.fixture
def story():
    goal = Goal.objects.get(slug="sdg-12")
    story = StoryPageFactory(title="Matsvinnet halveras", goals=[goal], municipality_code="0382")
    story.save_revision().publish()
    return story


def queries(client, path, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    return response, len(captured)


@pytest.fixture
def renders(monkeypatch):
    """How many times the home page was rendered (not answered from the page cache). A
    rendered page may run no query at all: its fragments and counts are cached too."""
    calls = []
    original = HomePage.get_context

    def counted(self, request, *args, **kwargs):
        calls.append(request.path)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "get_context", counted)
    return calls


def rendered(client, renders, path="/"):
    before = len(renders)
    response = client.get(path)
    return response, len(renders) - before


@pytest.mark.parametrize("path", CACHED_PATHS)
def test_an_anonymous_page_is_served_from_the_cache_the_second_time(client, story, path):
    first, first_queries = queries(client, path)
    assert first.status_code == 200, path
    assert first_queries > 0
    second, second_queries = queries(client, path)
    assert second.status_code == 200
    assert second_queries == 0, f"{path}: {second_queries} queries from a cache hit"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_publication_is_visible_at_once_on_every_page_that_shows_it(client, story):
    pages = [
        "/",
        "/berattelser/",
        "/kommuner/osthammar/",
        "/mal/sdg-12/",
        "/flode/berattelser.atom",
    ]
    for path in pages:
        client.get(path)  # fill the cache
    new = StoryPageFactory(
        title="Solceller på skolorna",
        goals=[Goal.objects.get(slug="sdg-12")],
        municipality_code="0382",
        live=False,
        first_published_at=None,
    )
    new.save_revision().publish()
    for path in pages:
        assert "Solceller på skolorna" in client.get(path).content.decode(), path

    new.refresh_from_db()
    new.unpublish()
    for path in pages:
        assert "Solceller på skolorna" not in client.get(path).content.decode(), path


def test_editing_reference_data_renews_the_pages(client, story):
    page = MunicipalityPage.objects.get(municipality__code="0382")
    client.get("/kommuner/osthammar/")
    municipality = page.municipality
    municipality.is_millennium_municipality = not municipality.is_millennium_municipality
    municipality.save()
    response = client.get("/kommuner/osthammar/")
    assert "X-Page-Cache" not in response


def test_publishing_any_page_renews_every_page(client, story, home_page):
    """A section page's title is in every page's menu, the home page's text on the home page:
    any publication renews the cached pages, not only a story's."""
    paths = ["/", "/kommuner/osthammar/", story.url]
    for path in paths:
        client.get(path)
    home_page.intro = "<p>Välkommen till en ny tid.</p>"
    home_page.save_revision().publish()
    assert "Välkommen till en ny tid." in client.get("/").content.decode()
    goals = GoalIndexPage.objects.get()
    goals.title = "Målen för hållbar utveckling"
    goals.save_revision().publish()
    for path in paths:
        assert "Målen för hållbar utveckling" in client.get(path).content.decode(), path


def test_a_renamed_goal_is_renamed_on_every_page_at_once(client, story):
    goal = Goal.objects.get(slug="sdg-12")
    paths = [story.url, "/mal/sdg-12/", "/berattelser/"]
    for path in paths:
        client.get(path)
    goal.name_sv = "Hållbar konsumtion och produktion för alla"
    goal.save()
    for path in paths:
        assert "Hållbar konsumtion och produktion för alla" in client.get(path).content.decode(), (
            path
        )


def test_editors_are_never_served_or_stored(client, story, django_user_model, renders):
    editor = django_user_model.objects.create_user("redaktor", password="ett-langt-losenord")
    client.force_login(editor)
    client.get("/")
    response, count = rendered(client, renders)
    assert "X-Page-Cache" not in response and count == 1
    anonymous = Client()
    assert "X-Page-Cache" not in anonymous.get("/"), "the editor's page was not stored"


def test_a_visitor_with_a_message_waiting_is_not_served_from_the_cache(client, story):
    from django.contrib.messages.storage.cookie import CookieStorage

    client.get("/")
    storage = CookieStorage(None)
    encoded = storage._encode([storage.__class__.__mro__ and _message("Tack för tipset!")])
    client.cookies["messages"] = encoded
    response = client.get("/")
    assert "X-Page-Cache" not in response


def _message(text):
    from django.contrib.messages.storage.base import Message

    return Message(constants.SUCCESS, text)


@pytest.mark.parametrize("path", ["/tipsa/", "/api/v1/stories", "/admin/login/"])
def test_the_tip_form_the_api_and_the_admin_are_never_cached(client, story, path):
    client.get(path)
    response = client.get(path)
    assert response.status_code in (200, 301, 302)
    assert "X-Page-Cache" not in response


def test_a_post_is_never_answered_from_the_cache(client, story):
    client.get("/sok/?q=skola")
    response = client.post("/sok/?q=skola")
    assert "X-Page-Cache" not in response


def test_shared_caches_keep_a_page_a_second_browsers_revalidate_with_an_etag(client, story):
    response = client.get("/")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=1"} <= cache_control
    etag = response["ETag"]
    again = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


@pytest.fixture
def clock(monkeypatch):
    """The page cache's clock, set by the test."""
    now = [1_800_000_000.9]
    monkeypatch.setattr("millenniekommunerna.core.page_cache.time.time", lambda: now[0])
    return now


@pytest.mark.parametrize("path", ["/", "/berattelser/", "/api/v1/stories"])
def test_nginx_keeps_its_copy_only_to_the_end_of_the_second_the_request_started(
    client, story, clock, path
):
    """nginx counts s-maxage=1 on whole seconds (a copy stored at .9 would live 1.1 s more):
    the exact end is given to it, and a page from the page cache gets its own."""
    first = client.get(path)
    assert first["X-Accel-Expires"] == "@1800000000"
    clock[0] = 1_800_000_003.2
    again = client.get(path)
    assert again["X-Accel-Expires"] == "@1800000003"
    if not path.startswith("/api/"):
        assert again["X-Page-Cache"] == "hit"


def test_a_longer_shared_lifetime_ends_on_its_last_whole_second(client, story, clock, settings):
    settings.PAGE_CACHE_SHARED_SECONDS = 5
    assert client.get("/")["X-Accel-Expires"] == "@1800000004"


@pytest.mark.parametrize("path", ["/tipsa/", "/admin/login/"])
def test_pages_no_shared_cache_keeps_get_no_expiry(client, story, clock, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Accel-Expires" not in response


def test_the_cache_can_be_turned_off(client, story, settings, renders):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    response, count = rendered(client, renders)
    assert "X-Page-Cache" not in response and count == 1


def test_a_visitor_who_opened_a_form_gets_fresh_pages(client, story, renders):
    """A CSRF cookie marks a visitor with a form of their own (the tip form); nginx's
    micro-cache passes them by too, which is how the benchmark measures uncached pages."""
    client.get("/")
    client.cookies["csrftoken"] = "a" * 32
    response, count = rendered(client, renders)
    assert "X-Page-Cache" not in response and count == 1
