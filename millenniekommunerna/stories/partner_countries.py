"""The countries Swedish municipalities work with, by one definition for the map, the
statistics, the listing's facet and the API: a country with a partnership (through a partner
place), or one that a published story names — directly, or through a partner place there. A
story may name a country without any place in it (Sydafrika, Indien in the seed): the country
still counts, with the place unknown."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from millenniekommunerna.partnerships.models import Country

from .models import StoryPage


@dataclass
class CountryFacts:
    country: Country
    partnerships: int = 0
    municipalities: int = 0
    places: int = 0
    story_ids: set = field(default_factory=set)
    # Stories that name the country but no partner place in it.
    place_unknown_ids: set = field(default_factory=set)

    @property
    def stories(self) -> int:
        return len(self.story_ids)

    @property
    def stories_without_place(self) -> int:
        return len(self.place_unknown_ids)


def partner_countries() -> list[CountryFacts]:
    """Every such country, most partnerships first, then most stories, then by name. Four
    queries."""
    with_partnerships = (
        Country.objects.filter(partner_places__partnerships__isnull=False)
        .annotate(
            partnerships=Count("partner_places__partnerships", distinct=True),
            municipalities=Count("partner_places__partnerships__municipality", distinct=True),
            places=Count("partner_places", distinct=True),
        )
        .values_list("pk", "partnerships", "municipalities", "places")
    )
    facts: dict[int, CountryFacts] = {}
    counts = {pk: (p, m, pl) for pk, p, m, pl in with_partnerships}
    published = StoryPage.objects.published().values("pk")
    direct = defaultdict(set)
    for country_id, story_id in StoryPage.countries.through.objects.filter(
        storypage_id__in=published
    ).values_list("country_id", "storypage_id"):
        direct[country_id].add(story_id)
    through_places = defaultdict(set)
    for country_id, story_id in StoryPage.partner_places.through.objects.filter(
        storypage_id__in=published
    ).values_list("partnerplace__country_id", "storypage_id"):
        through_places[country_id].add(story_id)
    ids = set(counts) | set(direct) | set(through_places)
    for country in Country.objects.filter(pk__in=ids):
        partnerships, municipalities, places = counts.get(country.pk, (0, 0, 0))
        facts[country.pk] = CountryFacts(
            country=country,
            partnerships=partnerships,
            municipalities=municipalities,
            places=places,
            story_ids=direct[country.pk] | through_places[country.pk],
            place_unknown_ids=direct[country.pk] - through_places[country.pk],
        )
    return sorted(facts.values(), key=lambda f: (-f.partnerships, -f.stories, f.country.name))
