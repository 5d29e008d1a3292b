"""The accessibility statement at /tillganglighet/: where it may live, that it has every part
the Agency for Digital Government's model asks for, and that every page links to it."""

import datetime

import pytest

from millenniekommunerna.core.accessibility import statement_defaults
from millenniekommunerna.core.models import AccessibilityStatementPage
from millenniekommunerna.home.models import HomePage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_there_is_one_statement_under_the_home_page(home_page, municipality_index):
    statement = AccessibilityStatementPage.objects.get()
    assert statement.get_parent().specific == home_page
    assert statement.url == "/tillganglighet/"
    assert AccessibilityStatementPage.allowed_parent_page_models() == [HomePage]
    assert AccessibilityStatementPage.allowed_subpage_models() == []
    assert not AccessibilityStatementPage.can_create_at(home_page)  # max_count = 1
    assert not AccessibilityStatementPage.can_create_at(municipality_index)


def test_statement_follows_diggs_model(client):
    response = client.get("/tillganglighet/")
    assert response.status_code == 200
    html = response.content.decode()
    for part in (
        "<h1>Tillgänglighet för Millenniekommunerna</h1>",
        "står bakom den här webbplatsen",
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        'href="https://www.digg.se/tdosanmalan"',
        "Teknisk information om webbplatsens tillgänglighet",
        "delvis förenlig med lagen om tillgänglighet till digital offentlig service",
        "Innehåll som inte är tillgängligt",
        "Bristande förenlighet med lagkraven",
        "Hur vi testat webbplatsen",
        '<time datetime="2026-11-26">26 november 2026</time>',
        'href="mailto:tillganglighet@millenniekommunerna.se"',
    ):
        assert part in html, part
    # The known gaps are named honestly.
    for gap in ("linjerna mellan kommunerna", "alternativtexter", "ingress", "bara på svenska"):
        assert gap in html


def test_statement_says_fully_compliant_only_when_the_editors_say_so(client):
    statement = AccessibilityStatementPage.objects.get()
    statement.compliance = AccessibilityStatementPage.Compliance.FULL
    statement.assessed_on = datetime.date(2027, 3, 1)
    statement.save_revision().publish()
    html = client.get("/tillganglighet/").content.decode()
    assert "helt förenlig med lagen" in html and "delvis förenlig" not in html
    assert '<time datetime="2027-03-01">' in html


def test_statement_in_english_has_english_headings_and_swedish_gaps(client):
    html = client.get("/en/tillganglighet/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Accessibility statement</h1>" in html
    assert "Technical information about the website’s accessibility" in html
    assert '<div class="rich-text" lang="sv">' in html


def test_every_page_links_to_the_statement(client):
    story = StoryPageFactory(municipality_code="0382")
    for url in ("/", "/kommuner/", story.url, "/en/mal/"):
        html = client.get(url).content.decode()
        expected = "/en/tillganglighet/" if url.startswith("/en/") else "/tillganglighet/"
        assert f'<a href="{expected}">' in html, url


def test_statement_costs_a_fixed_number_of_queries(count_queries):
    response, queries = count_queries("/tillganglighet/")
    assert response.status_code == 200
    # Site, locale, routing (3), alias check, view restrictions, menu, section tree.
    assert queries <= 10


def test_defaults_are_complete_and_valid():
    page = AccessibilityStatementPage(**statement_defaults())
    page.full_clean(exclude=["path", "depth"])
