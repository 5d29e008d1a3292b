"""/statistik/: the most reused stories, counted directly and through other stories."""

import csv
import io

import pytest

from millenniekommunerna.statistics.adaptations import adaptation_counts, most_reused
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

from .test_views import number, page_tables

pytestmark = pytest.mark.django_db


def adapt(story, original):
    StoryPage.objects.filter(pk=story.pk).update(adapted_from=original)


@pytest.fixture
def reused():
    """Vattenskolan (Östhammar) adapted by Salem and Kalix; Salem's version adapted by Nacka,
    whose version Kristinehamn adapted; a draft adapted from Vattenskolan counts nowhere.
    Solceller (Kalix) adapted once."""
    water = StoryPageFactory(title="Vattenskolan", municipality_code="0382")
    salem = StoryPageFactory(title="Vattenskolan i Salem", municipality_code="0128")
    kalix = StoryPageFactory(title="Vattenskolan i Kalix", municipality_code="2514")
    nacka = StoryPageFactory(title="Vattenskolan i Nacka", municipality_code="0182")
    kristinehamn = StoryPageFactory(title="Vattenskolan i Kristinehamn", municipality_code="1781")
    draft = StoryPageFactory(title="Utkast", municipality_code="1781")
    sun = StoryPageFactory(title="Solceller", municipality_code="2514")
    sun_copy = StoryPageFactory(title="Solceller i Salem", municipality_code="0128")
    for story, original in (
        (salem, water),
        (kalix, water),
        (nacka, salem),
        (kristinehamn, nacka),
        (draft, water),
        (sun_copy, sun),
    ):
        adapt(story, original)
    draft.unpublish()
    return water, salem, nacka, sun


def test_counts_direct_and_through_others(reused):
    assert [(story.title, direct, total) for story, direct, total in most_reused()] == [
        ("Vattenskolan", 2, 4),
        ("Vattenskolan i Salem", 1, 2),
        ("Solceller", 1, 1),
        ("Vattenskolan i Nacka", 1, 1),
    ]


def test_a_cycle_counts_each_story_once_and_never_the_story_itself():
    # 1 ← 2 ← 3 ← 1, and 4 adapted from itself.
    counts = adaptation_counts([(2, 1), (3, 2), (1, 3), (4, 4)])
    assert counts == {1: (1, 2), 2: (1, 2), 3: (1, 2), 4: (0, 0)}


def test_at_most_ten_are_shown():
    for n in range(12):
        original = StoryPageFactory(title=f"Idé {n:02}")
        for k in range(n % 3 + 1):
            copy = StoryPageFactory(title=f"Kopia {k} av idé {n:02}", municipality_code="0128")
            adapt(copy, original)
    shown = most_reused()
    assert len(shown) == 10
    assert [total for _story, _direct, total in shown] == [3, 3, 3, 3, 2, 2, 2, 2, 1, 1]


def test_the_statistics_page_and_its_csv_show_the_counts(client, reused):
    water = reused[0]
    text = client.get("/statistik/").content.decode()
    table = page_tables(text)["Mest återanvända berättelser"]
    assert table[0] == ["Berättelse", "Återanvänd direkt", "Återanvänd totalt"]
    rows = {row[0]: [number(cell) for cell in row[1:]] for row in table[1:]}
    assert rows == {
        "Vattenskolan (Östhammar)": [2, 4],
        "Vattenskolan i Salem (Salem)": [1, 2],
        "Solceller (Kalix)": [1, 1],
        "Vattenskolan i Nacka (Nacka)": [1, 1],
    }
    assert f'<a href="{water.url}">Vattenskolan (Östhammar)</a>' in text
    assert 'href="#mest-ateranvanda"' in text
    response = client.get("/statistik/mest-ateranvanda.csv")
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert lines[1] == ["Vattenskolan (Östhammar)", "2", "4"]


def test_without_reuse_the_section_says_there_is_nothing_to_count(client):
    StoryPageFactory(title="Ensam")
    text = client.get("/statistik/").content.decode()
    assert '<h2 id="mest-ateranvanda">Mest återanvända berättelser</h2>' in text
    section = text[text.index('id="mest-ateranvanda"') :]
    assert section.index("Inget att räkna ännu.") < section.index("</section>")
