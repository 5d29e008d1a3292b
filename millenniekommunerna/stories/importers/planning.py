"""Checking a parsed listing (and goals file) against the database before anything is
written: which municipality each card is about, whether it fits, the goals file's rows, and the
places, countries and status its text names. `plan_import` raises `ListingError` with every
problem, or returns a `Plan` per card for the writer."""

from dataclasses import dataclass

from millenniekommunerna.core.text import fold_slug
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import Country, PartnerPlace

from ..models import StoryPage
from .enrichment import CountryMatcher, GoalRow, PlaceMatcher, stated_status
from .listing import Card, Listing, ListingError, Problem, normalise_space


class MunicipalityLookup:
    """Municipalities by name (`Ljusdal`) or official name (`Ljusdals kommun`), any case."""

    def __init__(self):
        self.by_name, self.by_official = {}, {}
        for municipality in Municipality.objects.all():
            self.by_name[municipality.name.casefold()] = municipality
            self.by_official[municipality.official_name.casefold()] = municipality

    def find(self, text: str) -> Municipality | None:
        key = normalise_space(text).casefold()
        return (
            self.by_official.get(key)
            or self.by_official.get(f"{key} kommun")  # the genitive: "Ljusdals"
            or self.by_name.get(key.removesuffix(" kommun"))
        )


@dataclass
class Plan:
    card: Card
    municipality: Municipality
    parent: MunicipalityPage
    goals: list[Goal] | None
    places: list[PartnerPlace]
    countries: list[Country]
    status: str = ""  # what the card says of the work's status, if anything


def _check_cards(listing: Listing, lookup: MunicipalityLookup, problems: list[Problem]):
    title_max = StoryPage._meta.get_field("title").max_length
    slug_max = StoryPage._meta.get_field("slug").max_length
    teaser_max = StoryPage._meta.get_field("teaser").max_length
    resolved = {}
    for card in listing.cards:
        municipality = lookup.find(card.municipality_name)
        if municipality is None:
            problems.append(
                Problem(
                    card.title_line,
                    f"okänd kommun «{card.municipality_name}». Titelraden ska sluta med "
                    "kommatecken och kommunens namn, t.ex. «…, Östhammar».",
                )
            )
        elif card.link_text:
            linked = lookup.find(card.link_text)
            if linked != municipality:
                problems.append(
                    Problem(
                        card.link_line,
                        f"länken «{card.link_text}» stämmer inte med kommunen i titelraden "
                        f"(rad {card.title_line}: {municipality.name}).",
                    )
                )
        if len(card.title) > title_max:
            problems.append(
                Problem(
                    card.title_line,
                    f"titeln är {len(card.title)} tecken lång; högst {title_max} får plats.",
                )
            )
        elif not card.slug:
            problems.append(
                Problem(card.title_line, f"titeln «{card.title}» ger ingen webbadress (slug).")
            )
        elif len(card.slug) > slug_max:
            problems.append(
                Problem(card.title_line, f"titelns webbadress blir längre än {slug_max} tecken.")
            )
        if len(card.teaser) > teaser_max:
            problems.append(
                Problem(
                    card.teaser_line,
                    f"ingressen är {len(card.teaser)} tecken lång; högst {teaser_max} får plats. "
                    "Korta den till en eller två hela meningar.",
                )
            )
        if municipality:
            resolved[id(card)] = municipality

    # The parser sees the names as written; one municipality may be written two ways
    # (`Ljusdal`, `Ljusdals kommun`), and two cards with the same address under its page would
    # be one story.
    seen = {}
    for card in listing.cards:
        municipality = resolved.get(id(card))
        if municipality is None or not card.slug:
            continue
        key = (municipality.pk, card.slug)
        if key in seen:
            problems.append(
                Problem(
                    card.title_line,
                    f"berättelsen «{card.title}» från {municipality.name} står redan på rad "
                    f"{seen[key]} (samma titel ger samma webbadress).",
                )
            )
        else:
            seen[key] = card.title_line

    pages = {
        page.municipality_id: page
        for page in MunicipalityPage.objects.filter(
            municipality__in={m.pk for m in resolved.values()}
        )
    }
    for card in listing.cards:
        municipality = resolved.get(id(card))
        if municipality and municipality.pk not in pages:
            problems.append(
                Problem(
                    card.title_line,
                    f"{municipality.name} har ingen kommunsida att lägga berättelsen under; "
                    "kör först `manage.py load_reference_data`.",
                )
            )
    return resolved, pages


def _check_goals(
    goal_rows: list[GoalRow],
    source: str,
    listing: Listing,
    resolved: dict,
    lookup: MunicipalityLookup,
    problems: list[Problem],
) -> dict[int, list[Goal]]:
    goals = Goal.objects.in_bulk(field_name="slug")
    cards = {(resolved[id(c)].pk, c.slug): c for c in listing.cards if id(c) in resolved}
    by_card, seen = {}, {}
    for row in goal_rows:
        municipality = lookup.find(row.municipality_name)
        if municipality is None:
            problems.append(Problem(row.line, f"okänd kommun «{row.municipality_name}».", source))
            continue
        card = cards.get((municipality.pk, fold_slug(row.title)))
        if card is None:
            problems.append(
                Problem(
                    row.line,
                    f"listan har ingen berättelse «{row.title}» från {municipality.name}.",
                    source,
                )
            )
            continue
        if id(card) in seen:
            problems.append(
                Problem(row.line, f"«{row.title}» står redan på rad {seen[id(card)]}.", source)
            )
            continue
        seen[id(card)] = row.line
        unknown = [code for code in row.goal_codes if code not in goals]
        if unknown:
            problems.append(
                Problem(
                    row.line,
                    f"okänt mål {', '.join(f'«{c}»' for c in unknown)} (skriv t.ex. mdg-7 eller "
                    "sdg-12).",
                    source,
                )
            )
            continue
        by_card[id(card)] = [goals[code] for code in dict.fromkeys(row.goal_codes)]
    return by_card


def plan_import(listing: Listing, goal_rows, goals_source: str) -> list[Plan]:
    """Check the listing (and goals file) against the database; raise `ListingError` with every
    problem, or return what to write."""
    problems: list[Problem] = []
    lookup = MunicipalityLookup()
    resolved, pages = _check_cards(listing, lookup, problems)
    goals_by_card = (
        _check_goals(goal_rows, goals_source, listing, resolved, lookup, problems)
        if goal_rows is not None
        else {}
    )
    if problems:
        raise ListingError(problems)

    places = PlaceMatcher(PartnerPlace.objects.select_related("country"))
    countries = CountryMatcher(Country.objects.all())
    plans = []
    for card in listing.cards:
        municipality = resolved[id(card)]
        text = f"{card.title}\n{card.teaser}"
        found_places = places.find(text)
        found_countries = {c.pk: c for c in countries.find(text)}
        for place in found_places:
            found_countries.setdefault(place.country_id, place.country)
        plans.append(
            Plan(
                card=card,
                municipality=municipality,
                parent=pages[municipality.pk],
                goals=goals_by_card.get(id(card)),  # None: the goals are left alone
                places=found_places,
                countries=list(found_countries.values()),
                status=stated_status(text),
            )
        )
    return plans
