"""One set of facts: a country a story names is a partnership country everywhere. The listing's
country facet, the statistics' partnerships table, the world map and the API name the same
countries with the same story counts — Sydafrika and Indien too, whose stories name no place."""

import html
import re

import pytest

from millenniekommunerna.partnerships.models import Country
from millenniekommunerna.stories.partner_countries import partner_countries

pytestmark = pytest.mark.django_db


def facet_counts(client) -> dict[str, int]:
    finder = client.get("/berattelser/").context["listing"]
    facet = next(f for f in finder.facets if f.key == "country")
    return {option.code.upper(): option.count for option in facet.options}


def statistics_counts(client) -> dict[str, int]:
    page = html.unescape(client.get("/statistik/").content.decode())
    table = page.split('id="samarbeten-per-land"', 1)[1].split("</table>", 1)[0]
    names = {c.name_sv: c.code for c in Country.objects.all()}
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*((?:<td[^>]*>[^<]*</td>\s*)+)', table)
    counts = {}
    for name, cells in rows:
        numbers = [int(n) for n in re.findall(r">(\d+)<", cells)]
        counts[names[name]] = numbers[3]  # partnerships, municipalities, places, stories, …
    return counts


def api_counts(client, codes) -> dict[str, int]:
    return {
        code: client.get("/api/v1/stories", {"country": code, "page_size": 1}).json()["count"]
        for code in codes
    }


def shaded_countries(client) -> set[str]:
    page = client.get("/karta/").content.decode()
    svg = page.split('class="world-map__countries"', 1)[1].split("</g>", 1)[0]
    shaded = len(re.findall(r'class="partner"', svg))
    return shaded


def test_facet_statistics_map_and_api_agree_on_countries_and_counts(client, seed_import):
    facet = facet_counts(client)
    statistics = statistics_counts(client)
    api = api_counts(client, sorted(facet))
    assert {"ZA", "IN", "KE"} <= set(facet)
    assert facet["ZA"] == 2 and facet["IN"] == 1
    assert statistics == facet
    assert api == facet
    facts = partner_countries()
    assert {f.country.code for f in facts} == set(facet)
    # Every one of them is shaded on the world map (Sweden has its own colour and is no
    # partner country), and those without a known place are named under it.
    assert shaded_countries(client) == len(facts)
    page = html.unescape(client.get("/karta/").content.decode())
    assert '<a href="/berattelser/?land=za">Sydafrika</a> (2 berättelser)' in page
    assert '<a href="/berattelser/?land=in">Indien</a> (1 berättelse)' in page
