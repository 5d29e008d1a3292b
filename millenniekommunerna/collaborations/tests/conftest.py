import pytest

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import (
    FundingProgramme,
    PartnerPlace,
    Partnership,
    WorkStatus,
)
from millenniekommunerna.stories.factories import StoryPageFactory


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache):
    """The listing's facts are cached: every test here starts without the cache."""


def municipality(code):
    return Municipality.objects.get(code=code)


def story_of(partnership, **kwargs):
    """A published story that belongs to `partnership`."""
    story = StoryPageFactory(**kwargs)
    story.partnerships.set([partnership])
    story.save()
    return story


@pytest.fixture
def story_in():
    """`story_in(partnership, **factory_arguments)`: a published story of the partnership."""
    return story_of


@pytest.fixture
def partnerships(db):
    """Four partnerships: Östhammar–Poti (with Uppsala, ongoing since 2005, ICLD, two goals,
    two stories), Nacka–Kisumu (completed 2010–2014, Sida, one goal, one story), Kalix–
    Kampala (with Östhammar, nothing known) and Uppsala–Gaziantep (planned from 2030)."""
    goals = {g.slug: g for g in Goal.objects.filter(slug__in=["sdg-11", "sdg-13", "sdg-4"])}
    poti = Partnership.objects.create(
        municipality=municipality("0382"),
        partner_place=PartnerPlace.objects.get(slug="poti"),
        start_year=2005,
        status=WorkStatus.ONGOING,
        funding_programme=FundingProgramme.objects.get(slug="icld"),
        description="Räddningstjänst och vatten.",
    )
    poti.other_municipalities.add(municipality("0380"))
    poti.goals.add(goals["sdg-11"], goals["sdg-13"])
    kisumu = Partnership.objects.create(
        municipality=municipality("0182"),
        partner_place=PartnerPlace.objects.get(slug="kisumu"),
        start_year=2010,
        end_year=2014,
        status=WorkStatus.COMPLETED,
        funding_programme=FundingProgramme.objects.get(slug="sida"),
    )
    kisumu.goals.add(goals["sdg-4"])
    kampala = Partnership.objects.create(
        municipality=municipality("2514"), partner_place=PartnerPlace.objects.get(slug="kampala")
    )
    kampala.other_municipalities.add(municipality("0382"))
    gaziantep = Partnership.objects.create(
        municipality=municipality("0380"),
        partner_place=PartnerPlace.objects.get(slug="gaziantep"),
        start_year=2030,
        status=WorkStatus.PLANNED,
    )
    for title in ("Brandbilar till Poti", "Rent vatten i Poti"):
        story_of(poti, title=title, municipality_code="0382")
    story_of(kisumu, title="Skolor i Kisumu", municipality_code="0182")
    return {"poti": poti, "kisumu": kisumu, "kampala": kampala, "gaziantep": gaziantep}
