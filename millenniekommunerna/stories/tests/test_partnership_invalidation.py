"""Every cached page that shows a partnership (its page, the map, the statistics, the API) is
renewed when the partnership's record changes: its own fields, its funding programme, its other
municipalities and themes, and the stories linked to it."""

import pytest

from millenniekommunerna.core import derived_cache
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import FundingProgramme, PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partnership():
    return Partnership.objects.create(
        municipality=Municipality.objects.get(code="0382"),
        partner_place=PartnerPlace.objects.get(name="Poti"),
        start_year=2010,
    )


def renews(change) -> bool:
    """Whether `change()` starts a new generation of the derived cache."""
    before = derived_cache.generation()
    change()
    return derived_cache.generation() != before


def test_saving_and_deleting_a_partnership_renews_the_cache(partnership):
    def edit():
        partnership.end_year = 2020
        partnership.save()

    assert renews(edit)
    assert renews(partnership.delete)


def test_a_funding_programme_renews_the_cache():
    icld = FundingProgramme.objects.get(slug="icld")

    def rename():
        icld.name = "ICLD – Internationellt centrum för lokal demokrati"
        icld.save()

    assert renews(rename)
    unused = FundingProgramme.objects.create(name="Interreg", slug="interreg")
    assert renews(unused.delete)


def test_a_partnerships_municipalities_and_themes_renew_the_cache(partnership):
    nacka = Municipality.objects.get(code="0182")
    goal = Goal.objects.get(slug="sdg-11")
    assert renews(lambda: partnership.other_municipalities.add(nacka))
    assert renews(lambda: partnership.other_municipalities.remove(nacka))
    assert renews(lambda: partnership.goals.set([goal]))
    assert renews(partnership.goals.clear)


def test_linking_a_story_to_a_partnership_renews_the_cache(partnership):
    story = StoryPageFactory(municipality_code="0382")

    def link():
        story.partnerships.set([partnership])
        story.save()

    assert renews(link)
    assert list(story.partnerships.all()) == [partnership]
