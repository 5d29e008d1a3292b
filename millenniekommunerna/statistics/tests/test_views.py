import csv
import html
import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import Country, Partnership
from millenniekommunerna.statistics.tables import all_tables
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

TABLES = [
    "globala-malen",
    "millenniemalen",
    "berattelser-per-lan",
    "kommuner-med-berattelser",
    "publiceringsar",
    "startar",
    "samarbeten-per-land",
]


def queries_of(client, url):
    """Queries of one GET, counted at once: the next request resets Django's query log."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def number(text):
    """`1 234` or `33,3` (as the page writes them) → 1234 or 33.3."""
    text = html.unescape(text).replace("\xa0", "").replace(" ", "").replace(",", ".")
    return float(text) if "." in text else int(text)


def page_tables(text):
    """{caption: [[cell text, …], …]} for every table on the page, rows and total row."""
    tables = {}
    for caption, body in re.findall(
        r"<caption[^>]*>([^<]*)</caption>(.*?)</table>", text, flags=re.DOTALL
    ):
        rows = []
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.DOTALL):
            cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.DOTALL)
            rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
        tables[html.unescape(caption)] = rows
    return tables


def live():
    return StoryPage.objects.live()


def expected_tables(labels):
    """Every table's rows, counted straight from the database one row at a time, the slow
    and obvious way: {slug: {row label: [numbers]}}. `labels` gives the text of the rows that
    are not names (totals, "not stated"), as the site words them."""
    expected = {}
    for kind, slug in (("sdg", "globala-malen"), ("mdg", "millenniemalen")):
        expected[slug] = {
            f"{goal.label}: {goal.name}": [live().filter(goals=goal).count()]
            for goal in Goal.objects.filter(kind=kind)
        }
    expected["berattelser-per-lan"] = {
        county.name: [live().filter(municipality__county=county).count()]
        for county in County.objects.all()
    }
    expected["berattelser-per-lan"][labels["berattelser-per-lan"]] = [live().count()]
    coverage = {}
    for county in County.objects.all():
        municipalities = county.municipalities.count()
        active = Municipality.objects.filter(county=county, stories__live=True).distinct().count()
        coverage[county.name] = [municipalities, active, round(100 * active / municipalities, 1)]
    total_active = Municipality.objects.filter(stories__live=True).distinct().count()
    coverage[labels["kommuner-med-berattelser"]] = [
        290,
        total_active,
        round(100 * total_active / 290, 1),
    ]
    expected["kommuner-med-berattelser"] = coverage
    # Counted by the year first published at the source (or here, for stories written
    # here); a story known only by a period (the seed: 2010–2015) is counted under it.
    periods = set(live().values_list("published_period", flat=True))
    years = sorted(int(p) for p in periods if p.isdigit())
    expected["publiceringsar"] = {
        str(year): [live().filter(published_period=str(year)).count()]
        for year in (range(years[0], years[-1] + 1) if years else [])
    }
    for period in sorted(p for p in periods if p and not p.isdigit()):
        expected["publiceringsar"][period.replace("-", "–")] = [
            live().filter(published_period=period).count()
        ]
    if live().filter(published_period="").exists():
        expected["publiceringsar"][labels["not-known"]] = [
            live().filter(published_period="").count()
        ]
    expected["publiceringsar"][labels["publiceringsar"]] = [live().count()]
    started = sorted(y for y in set(live().values_list("year_start", flat=True)) if y)
    per_start = {
        str(year): [live().filter(year_start=year).count()]
        for year in (range(started[0], started[-1] + 1) if started else [])
    }
    if live().filter(year_start__isnull=True).exists():
        per_start[labels["not-stated"]] = [live().filter(year_start__isnull=True).count()]
    per_start[labels["startar"]] = [live().count()]
    expected["startar"] = per_start
    # Every country with a partnership or named by a published story, directly or through a
    # partner place there; and how many of its stories name no place in it.
    countries = {}
    named = Country.objects.filter(
        Q(partner_places__partnerships__isnull=False)
        | Q(pk__in=live().values("countries"))
        | Q(pk__in=live().values("partner_places__country"))
    ).distinct()
    for country in named:
        partnerships = Partnership.objects.filter(partner_place__country=country)
        naming = live().filter(Q(countries=country) | Q(partner_places__country=country))
        with_place = live().filter(partner_places__country=country)
        countries[country.name_sv] = [
            partnerships.count(),
            partnerships.values("municipality").distinct().count(),
            partnerships.values("partner_place").distinct().count(),
            naming.distinct().count(),
            live().filter(countries=country).exclude(pk__in=with_place.values("pk")).count(),
        ]
    expected["samarbeten-per-land"] = countries
    return expected


def assert_page_matches_the_database(client):
    text = client.get("/statistik/").content.decode()
    shown = page_tables(text)
    with translation.override("sv"):
        tables = {t.slug: t for t in all_tables(lambda goal: "")}
        labels = {slug: t.total.label for slug, t in tables.items() if t.total}
        labels["not-stated"] = gettext("Not stated")
        labels["not-known"] = gettext("Not known")
    expected = expected_tables(labels)
    assert set(expected) == set(TABLES)
    for slug, rows in expected.items():
        if not rows:  # nothing to count: the page says so instead of showing an empty table
            assert tables[slug].title not in shown
            continue
        table = shown[tables[slug].title]
        body = {row[0]: [number(cell) for cell in row[1:]] for row in table[1:]}
        assert body == rows, slug
    return text


def test_tables_match_direct_counts_with_a_few_stories(client):
    goal = Goal.objects.get(slug="sdg-12")
    StoryPageFactory(municipality_code="0382", goals=[goal])
    StoryPageFactory(municipality_code="0382", goals=[goal, Goal.objects.get(slug="mdg-7")])
    StoryPageFactory(municipality_code="2514", year_start=2009)
    StoryPageFactory(municipality_code="2514", year_start=2012)  # no story started in between
    # A story from a source that does not say when it published it: of no known year.
    StoryPageFactory(
        municipality_code="2514", source_name="Okänd källa", source_date_precision="unknown"
    )
    # An unpublished story counts nowhere, not even under its goal.
    StoryPageFactory(municipality_code="1781", year_start=2012, goals=[goal]).unpublish()
    text = assert_page_matches_the_database(client)
    assert "Blekinge län" in text
    published = page_tables(text)["Berättelser per publiceringsår"]
    assert ["Okänt", "1"] in published
    started = page_tables(text)["Berättelser per år då arbetet startade"]
    assert started[1:4] == [["2009", "1"], ["2010", "0"], ["2011", "0"]]
    # In brief: the stories that have no goal yet, each counted once.
    assert live().filter(goals__isnull=True).count() == 3
    assert "3 berättelser har inget mål ännu." in text
    # Each goal's row leads to the goal's page, and its bar is drawn in the goal's colour.
    assert '<th scope="row"><a href="/mal/sdg-12/">Mål 12: ' in text
    sdg_chart = re.search(r'<svg class="bar-chart".*?</svg>', text, flags=re.DOTALL).group(0)
    assert re.findall(r'<rect [^>]*fill="([^"]+)"', sdg_chart) == [goal.badge_background]
    # The goals in their numbers' order, as the goals are known.
    shown = page_tables(text)
    for title, kind, count in (
        ("Berättelser per globalt mål", "Mål", 17),
        ("Berättelser per millenniemål", "Millenniemål", 8),
    ):
        labels = [row[0] for row in shown[title][1:]]
        assert [label.split(":")[0] for label in labels] == [
            f"{kind} {n}" for n in range(1, count + 1)
        ]


SECTIONS = {
    "globala-malen": (
        "Berättelser per globalt mål",
        "Publicerade berättelser per globalt mål i Agenda 2030 (2015–2030).",
    ),
    "millenniemalen": (
        "Berättelser per millenniemål",
        "Publicerade berättelser per millenniemål (2000–2015).",
    ),
    "berattelser-per-lan": (
        "Berättelser per län",
        "Publicerade berättelser per län, efter kommunen som berättar dem.",
    ),
    "kommuner-med-berattelser": (
        "Kommuner med berättelser, per län",
        "Andelen av länets kommuner som har publicerat minst en berättelse.",
    ),
    "publiceringsar": (
        "Berättelser per publiceringsår",
        "Publicerade berättelser efter året de först publicerades: hos källan för berättelser "
        "från annat håll (en period när bara den är känd), annars på den här webbplatsen.",
    ),
    "startar": (
        "Berättelser per år då arbetet startade",
        "Publicerade berättelser efter det år då arbetet de berättar om startade.",
    ),
    "samarbeten-per-land": (
        "Partnerskap per land",
        "Samarbeten mellan svenska kommuner och orter utomlands, per land, och de publicerade "
        "berättelser som rör landet, också där en berättelse nämner landet men ingen ort i det.",
    ),
}


def test_each_table_has_its_heading_and_says_what_it_counts(client):
    StoryPageFactory(
        municipality_code="0382", year_start=2009, goals=[Goal.objects.get(slug="mdg-7")]
    )
    text = client.get("/statistik/").content.decode()
    sections = {
        slug: (html.unescape(title), html.unescape(description))
        for slug, title, description in re.findall(
            r'<h2 id="([^"]+)">([^<]*)</h2>\s*<p>([^<]*)</p>', text
        )
    }
    assert {slug: sections.get(slug) for slug in SECTIONS} == SECTIONS
    # A note under each goal table says why its numbers add up to more than the stories.
    notes = {
        slug: re.findall(r'<p class="note">([^<]*)</p>', section)
        for slug, section in re.findall(r'<h2 id="([^"]+)">(.*?)(?=<h2 |$)', text, re.DOTALL)
    }
    several = "En berättelse kan ha flera mål, så summan blir större än antalet berättelser."
    assert notes["globala-malen"] == notes["millenniemalen"] == [several]
    assert notes["berattelser-per-lan"] == []


def test_tables_match_direct_counts_on_generated_stories(client):
    call_command("generate_stories", 200, seed=7, stdout=io.StringIO(), stderr=io.StringIO())
    cache.clear()  # the generator writes straight to the database and sends no signals
    assert live().count() == 200
    assert_page_matches_the_database(client)


class TestWithSeedStories:
    @pytest.fixture(autouse=True)
    def _seed(self, seeded):
        pass

    def test_tables_match_direct_counts_on_the_seed(self, client):
        assert live().count() == 27
        text = assert_page_matches_the_database(client)
        assert "27 publicerade berättelser" in text

    @pytest.mark.parametrize("slug", TABLES)
    def test_csv_equals_the_table_on_the_page(self, client, slug):
        response = client.get(f"/statistik/{slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
        body = response.content.decode("utf-8")
        assert body.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
        table = next(t for t in all_tables(lambda goal: "") if t.slug == slug)
        shown = page_tables(client.get("/statistik/").content.decode())[table.title]
        assert rows[0] == shown[0]  # the same Swedish headers
        assert len(rows) == len(shown)
        for csv_row, page_row in zip(rows[1:], shown[1:], strict=True):
            assert csv_row[0] == page_row[0]
            assert [number(c) for c in csv_row[1:]] == [number(c) for c in page_row[1:]]

    def test_each_table_heads_its_columns_in_swedish_with_the_numbers_aligned(self, client):
        text = client.get("/statistik/").content.decode()
        heads = dict(
            re.findall(
                r'<caption id="([^"]+)-caption">.*?</caption>\s*<thead>\s*<tr>(.*?)</tr>',
                text,
                flags=re.DOTALL,
            )
        )
        text_column = '<th scope="col">{}</th>'
        number_column = '<th scope="col" class="numeric">{}</th>'

        def columns(first, *numbers):
            return text_column.format(first) + "".join(number_column.format(n) for n in numbers)

        assert heads == {
            "globala-malen": columns("Mål", "Berättelser"),
            "millenniemalen": columns("Mål", "Berättelser"),
            "berattelser-per-lan": columns("Län", "Berättelser"),
            "kommuner-med-berattelser": columns("Län", "Kommuner", "Med berättelser", "Andel (%)"),
            "publiceringsar": columns("År", "Berättelser"),
            "startar": columns("År", "Berättelser"),
            "samarbeten-per-land": columns(
                "Land",
                "Partnerskap",
                "Svenska kommuner",
                "Partnerorter",
                "Berättelser",
                "varav utan känd ort",
            ),
        }

    def test_the_partnership_table_says_why_its_columns_do_not_add_up(self, client):
        text = client.get("/statistik/").content.decode()
        section = text[text.index('<h2 id="samarbeten-per-land">') :]
        section = section[: section.index("</section>")]
        assert re.findall(r'<p class="note">([^<]*)</p>', section) == [
            "En berättelse kan gälla flera länder; en kommun kan ha flera partner."
        ]

    def test_the_tables_with_a_total_name_it_in_swedish(self, client):
        text = client.get("/statistik/").content.decode()
        totals = {}
        for table in re.findall(r"<table.*?</table>", text, flags=re.DOTALL):
            slug = re.search(r'<caption id="([^"]+)-caption">', table).group(1)
            total = re.search(r'<tfoot>\s*<tr>\s*<th scope="row">([^<]*)</th>', table)
            if total:
                totals[slug] = total.group(1)
        assert totals == {
            "berattelser-per-lan": "Alla län",
            "kommuner-med-berattelser": "Hela Sverige",
            "publiceringsar": "Alla år",
            "startar": "Alla år",
        }

    def test_english_csv_has_english_headers_commas_and_decimal_points(self, client):
        body = client.get("/en/statistik/kommuner-med-berattelser.csv").content.decode()
        rows = list(csv.reader(io.StringIO(body[1:])))
        assert rows[0] == ["County", "Municipalities", "With stories", "Share (%)"]
        assert rows[[r[0] for r in rows].index("Uppsala County")][:2] == ["Uppsala County", "8"]
        assert rows[-1][0] == "All of Sweden"
        assert rows[-1][1:3] == ["290", "17"]
        assert rows[-1][3] == "5.9"

    def test_swedish_csv_uses_a_decimal_comma(self, client):
        body = client.get("/statistik/kommuner-med-berattelser.csv").content.decode()
        assert body.splitlines()[-1] == "Hela Sverige;290;17;5,9"

    def test_statistics_query_count_is_bounded_and_steady(self, client, count_queries):
        cold = queries_of(client, "/statistik/")
        _, cached = count_queries("/statistik/")
        assert cold <= 19  # measured 17
        assert cached <= cold - 8  # the tables come from the cache
        StoryPageFactory.create_batch(6, municipality_code="0180")
        cache.clear()
        assert queries_of(client, "/statistik/") == cold

    def test_charts_are_accessible_images_with_the_tables_numbers(self, client):
        text = client.get("/statistik/").content.decode()
        charts = re.findall(r'<svg class="bar-chart"[^>]*>.*?</svg>', text, flags=re.DOTALL)
        assert len(charts) == len(TABLES)
        for chart in charts:
            assert 'role="img"' in chart
            labelled = re.search(r'aria-labelledby="([^"]+)"', chart).group(1).split()
            assert re.search(rf'<title id="{labelled[0]}">', chart)
            assert re.search(rf'<desc id="{labelled[1]}">', chart)
        sdg_chart = charts[0]
        values = [number(v) for v in re.findall(r'class="bar-chart__value">([^<]+)<', sdg_chart)]
        goals = Goal.objects.filter(kind="sdg").order_by("number")
        assert values == [live().filter(goals=g).count() for g in goals]


def test_unknown_csv_table_is_404(client):
    assert client.get("/statistik/finns-inte.csv").status_code == 404
    assert client.get("/statistik/globala-malen.xlsx").status_code == 404


def test_english_statistics_page(client):
    response = client.get("/en/statistik/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>Statistics</h1>" in text
    assert 'href="/en/statistik/globala-malen.csv"' in text
