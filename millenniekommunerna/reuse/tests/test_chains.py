"""The chain of reuse on the story page: "Inspirerad av" on a story adapted from another,
"N kommuner har gjort liknande" with the other stories on every story of the chain."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from millenniekommunerna.reuse import chains
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

OSTHAMMAR, SALEM, KALIX, NACKA = "0382", "0128", "2514", "0182"


def adapt(story, original):
    # Straight in the database, as an import or the generator would: the editor's form is
    # tested on its own (test_editor.py).
    StoryPage.objects.filter(pk=story.pk).update(adapted_from=original)


def page(client, story) -> str:
    cache.clear()
    response = client.get(story.url)
    assert response.status_code == 200
    return response.content.decode()


def listed(html) -> list[str]:
    section = re.search(r'<section class="reuse".*?</section>', html, flags=re.DOTALL)
    if section is None:
        return []
    items = re.findall(r"<li><a href=\"[^\"]+\">([^<]+)</a>", section.group(0))
    return items


def heading(html) -> str:
    found = re.search(r'<h2 id="reuse-heading">(.*?)</h2>', html, flags=re.DOTALL)
    return " ".join(found.group(1).split()) if found else ""


@pytest.fixture
def chain():
    """Vattenskolan in Östhammar, adapted by Salem, whose version Kalix adapted in turn; and a
    second story in Östhammar adapted from the first."""
    root = StoryPageFactory(title="Vattenskolan", municipality_code=OSTHAMMAR)
    salem = StoryPageFactory(title="Vattenskolan i Salem", municipality_code=SALEM)
    kalix = StoryPageFactory(title="Vattenskolan i Kalix", municipality_code=KALIX)
    again = StoryPageFactory(title="Vattenskolan för vuxna", municipality_code=OSTHAMMAR)
    adapt(salem, root)
    adapt(kalix, salem)
    adapt(again, root)
    return root, salem, kalix, again


def test_a_chain_across_three_municipalities(client, chain):
    root, salem, kalix, again = chain
    html = page(client, kalix)
    assert heading(html) == "2 kommuner har gjort liknande"
    assert re.search(
        r'Inspirerad av: <a href="' + re.escape(salem.url) + r'">Vattenskolan i Salem</a> '
        r"\(Salem\)",
        html,
    )
    assert listed(html) == ["Vattenskolan", "Vattenskolan i Salem", "Vattenskolan för vuxna"]
    assert "(Östhammar) – den ursprungliga idén" in html

    html = page(client, root)
    # Salem and Kalix; Östhammar's own second story is listed but not counted.
    assert heading(html) == "2 kommuner har gjort liknande"
    assert "Inspirerad av" not in html
    assert listed(html) == [
        "Vattenskolan i Salem",
        "Vattenskolan för vuxna",
        "Vattenskolan i Kalix",
    ]
    assert f'href="{kalix.url}"' in html

    html = page(client, again)
    assert heading(html) == "2 kommuner har gjort liknande"
    assert "Inspirerad av: <a" in html


def test_one_other_municipality_is_said_in_the_singular(client):
    root = StoryPageFactory(title="Solceller på taken", municipality_code=OSTHAMMAR)
    copy = StoryPageFactory(title="Solceller i Nacka", municipality_code=NACKA)
    adapt(copy, root)
    assert heading(page(client, root)) == "1 kommun har gjort liknande"


def test_a_story_outside_any_chain_shows_no_chain(client, chain):
    alone = StoryPageFactory(title="Cykelbibliotek", municipality_code=NACKA)
    html = page(client, alone)
    assert 'class="reuse"' not in html
    assert chains.chain_of(alone).other_ids == ()


def test_a_cycle_ends_and_shows_each_story_once(client):
    first = StoryPageFactory(title="Ett", municipality_code=OSTHAMMAR)
    second = StoryPageFactory(title="Två", municipality_code=SALEM)
    third = StoryPageFactory(title="Tre", municipality_code=KALIX)
    adapt(first, third)
    adapt(second, first)
    adapt(third, second)
    for story in (first, second, third):
        html = page(client, story)
        others = listed(html)
        assert sorted(others) == sorted({"Ett", "Två", "Tre"} - {story.title})
        assert heading(html) == "2 kommuner har gjort liknande"
    # A story adapted from itself is a chain of one: nothing to show.
    alone = StoryPageFactory(title="Själv", municipality_code=NACKA)
    adapt(alone, alone)
    cache.clear()
    assert chains.chain_of(alone).other_ids == ()


def test_unpublished_stories_are_left_out(client, chain):
    root, salem, kalix, _again = chain
    salem.unpublish()
    html = page(client, root)
    # Kalix was adapted from an unpublished story: it is not in the chain any more.
    assert listed(html) == ["Vattenskolan för vuxna"]
    assert heading(html) == "Fler berättelser som bygger på samma idé"
    html = page(client, kalix)
    assert 'class="reuse"' not in html
    assert "Inspirerad av" not in html


def test_translations_do_not_count(chain):
    root, salem, kalix, again = chain
    graph = chains.build_graph()
    assert set(graph.municipality) == {root.pk, salem.pk, kalix.pk, again.pk}


def test_the_chain_costs_the_same_queries_however_long(client, chain):
    kalix = chain[2]

    def queries(story):
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(story.url).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            assert client.get(story.url).status_code == 200
        return len(cold.captured_queries), len(warm.captured_queries)

    short = queries(kalix)
    previous = kalix
    codes = [NACKA, SALEM, KALIX, OSTHAMMAR]
    for n in range(12):
        story = StoryPageFactory(title=f"Vattenskolan {n}", municipality_code=codes[n % 4])
        adapt(story, previous)
        previous = story
    long = queries(kalix)
    assert len(listed(page(client, kalix))) == 15
    assert long == short


def test_the_graph_is_read_in_one_query(chain, django_assert_num_queries):
    with django_assert_num_queries(1):
        chains.build_graph()


def test_in_english_the_chain_names_the_english_translations(client, chain):
    from millenniekommunerna.editorial.translation import translate_story

    root, salem, kalix, _again = chain
    translated, _created = translate_story(salem, "en", None)
    translated.title = "The water school in Salem"
    translated.slug = "the-water-school-in-salem"
    translated.save_revision().publish()
    cache.clear()
    html = client.get("/en" + kalix.url).content.decode()
    assert heading(html) == "2 municipalities have done something similar"
    assert re.search(
        r'Inspired by: <a href="/en/kommuner/salem/the-water-school-in-salem/">'
        r"The water school in Salem</a> \(Salem\)",
        html,
    )
    # A story without a translation is linked under the English prefix, in Swedish.
    assert f'<a href="/en{root.url}">Vattenskolan</a>' in html
    assert 'href="/en/kontakta/' in html
