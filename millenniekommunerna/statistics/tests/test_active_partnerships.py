"""`/statistik/`: active partnerships per country and year — the counts are those of
`Partnership.objects.active_in(year)`, the years run from the earliest start to this year (the
last twelve when there are more), and the table is renewed when a partnership changes."""

import csv
import html
import io
import re

import pytest
from django.utils import timezone

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import Country, PartnerPlace, Partnership
from millenniekommunerna.statistics.partnerships import (
    MAX_YEARS,
    SLUG,
    active_partnerships_table,
    table_years,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def make(code, place, start=None, end=None):
    return Partnership.objects.create(
        municipality=Municipality.objects.get(code=code),
        partner_place=PartnerPlace.objects.get(name=place),
        start_year=start,
        end_year=end,
    )


@pytest.fixture
def partnerships():
    return [
        make("0382", "Poti", THIS_YEAR - 6, THIS_YEAR - 2),  # Georgia
        make("0182", "Kisumu", THIS_YEAR - 4),  # Kenya, going on
        make("1781", "Kisumu", THIS_YEAR - 1, THIS_YEAR - 1),  # Kenya, one year
        make("1781", "Kampala"),  # start not known: never active
    ]


def expected_counts(years):
    """Per country name: the number of partnerships active in each year, by the queryset."""
    counts = {}
    for year in years:
        for country_id in Partnership.objects.active_in(year).values_list(
            "partner_place__country_id", flat=True
        ):
            name = Country.objects.get(pk=country_id).name
            counts.setdefault(name, dict.fromkeys(years, 0))[year] += 1
    return counts


def page_table(client):
    """The table on the page: {row label: [numbers]} and the year headers."""
    text = html.unescape(client.get("/statistik/").content.decode())
    section = text[text.index(f'<section class="stat" aria-labelledby="{SLUG}">') :]
    section = section[: section.index("</section>")]
    headers = re.findall(r'<th scope="col" class="numeric">(\d{4})</th>', section)
    rows = {}
    for label, cells in re.findall(
        r'<th scope="row">([^<]+)</th>\s*((?:<td class="numeric">[^<]*</td>)+)', section
    ):
        rows[label] = [int(v.replace("\xa0", "")) for v in re.findall(r">([^<]*)</td>", cells)]
    return [int(h) for h in headers], rows


def test_counts_equal_the_querysets_active_in_per_country(client, partnerships):
    years, rows = page_table(client)
    assert years == list(range(THIS_YEAR - 6, THIS_YEAR + 1))
    expected = expected_counts(years)
    assert set(rows) == {*expected, "Alla länder"}
    for country, per_year in expected.items():
        assert rows[country] == [per_year[y] for y in years], country
    assert rows["Alla länder"] == [Partnership.objects.active_in(y).count() for y in years]
    # Spot checks: Kenya has both of its partnerships only last year.
    assert rows["Kenya"][-2] == 2 and rows["Georgien"][-1] == 0


def test_a_wide_span_shows_the_last_years_with_a_note(partnerships):
    make("0128", "Voi", 1990)
    table = active_partnerships_table(THIS_YEAR)
    years = [int(c.key) for c in table.columns[1:]]
    assert years == list(range(THIS_YEAR - MAX_YEARS + 1, THIS_YEAR + 1))
    assert any("1990" in note for note in table.notes)
    for row in table.rows:
        for year in years:
            country = next(c for c in Country.objects.all() if c.name == row.label)
            assert (
                row.values[str(year)]
                == Partnership.objects.active_in(year)
                .filter(partner_place__country=country)
                .count()
            )


def test_table_years():
    assert table_years(None, 2026) == []
    assert table_years(2030, 2026) == []
    assert table_years(2020, 2026) == list(range(2020, 2027))
    assert table_years(1990, 2026) == list(range(2026 - MAX_YEARS + 1, 2027))


def test_without_partnerships_the_section_says_so(client):
    text = client.get("/statistik/").content.decode()
    assert "Aktiva samarbeten per land och år" in text
    assert "Inget samarbete med känt startår ännu." in text


def test_the_csv_is_the_table(client, partnerships):
    response = client.get(f"/statistik/{SLUG}.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    years, table = page_table(client)
    assert rows[0] == ["Land", *map(str, years)]
    assert {row[0]: [int(v) for v in row[1:]] for row in rows[1:]} == table


def test_editing_a_partnership_renews_the_cached_table(client, partnerships):
    _, before = page_table(client)
    assert before["Georgien"][-1] == 0
    poti = partnerships[0]
    poti.end_year = None
    poti.save()
    _, after = page_table(client)
    assert after["Georgien"][-1] == 1


def test_the_table_scrolls_inside_its_region_on_a_phone(client, partnerships):
    text = client.get("/statistik/").content.decode()
    section = text[text.index(f'aria-labelledby="{SLUG}"') :]
    assert '<div class="table-scroll" role="region"' in section[:2000]
    assert 'tabindex="0"' in section[:2000]
    assert f'href="#{SLUG}"' in text  # in the page's contents
