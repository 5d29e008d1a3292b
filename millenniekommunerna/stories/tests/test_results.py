""" "Hur gick det?" on the story page: the work's status and years, each result as text and as a
small chart, lessons learned and whom to ask (never an address); and the editor's form that
refuses addresses in the contact and a latest year before the baseline year."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from millenniekommunerna.editorial.tests.helpers import story_form_data
from millenniekommunerna.editorial.translation import translate_story
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.stories import results_display
from millenniekommunerna.stories.factories import StoryPageFactory, StoryResultFactory
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db


def section(html):
    match = re.search(r'<section class="follow-up".*?</section>', html, re.S)
    assert match, "the story page has no follow-up section"
    return match.group(0)


def text_of(html):
    return re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def story():
    story = StoryPageFactory(
        title="Matsvinnet halveras",
        year_start=2011,
        year_end=2014,
        status="completed",
        lessons_learned="Eleverna själva vägde maten.\n\nDet tog två år att få med köken.",
        contact_role="Miljöstrateg",
        contact_organisation="Östhammars kommun, miljöenheten",
    )
    StoryResultFactory(page=story, sort_order=0)
    StoryResultFactory(
        page=story,
        indicator="Andel ekologiska livsmedel",
        unit="%",
        baseline_value=Decimal("12345.600"),
        baseline_year=2010,
        latest_value=Decimal("0.25"),
        latest_year=2015,
        source="",
        sort_order=1,
    )
    return story


def test_the_section_shows_status_years_results_lessons_and_contact(client, story):
    response = client.get(story.url)
    assert response.status_code == 200
    html = section(response.content.decode())
    text = text_of(html)
    assert "Hur gick det?" in text
    assert "Status Avslutat" in text
    assert "År 2011–2014" in text
    # Swedish numbers: a decimal comma, a space between thousands, no trailing zeros.
    assert "Matsvinn per elev och dag, g: 62 (2011) → till 38,5 (2014) , källa: Kostenheten" in (
        text
    )
    assert "Andel ekologiska livsmedel, %: 12\xa0345,6 (2010) → till 0,25 (2015)" in text
    assert "Lärdomar" in text and "<p>Det tog två år att få med köken.</p>" in html
    assert "Kontakt Miljöstrateg, Östhammars kommun, miljöenheten" in text
    assert "inte rapporterat" not in text


def test_the_chart_is_decorative_and_its_numbers_are_in_the_text(client, story):
    html = section(client.get(story.url).content.decode())
    charts = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(charts) == 2
    for chart in charts:
        assert 'aria-hidden="true"' in chart and 'focusable="false"' in chart
        assert "style=" not in chart  # the site's CSP allows no inline styles
    # The longer bar is the larger value; SVG lengths are written with a decimal point.
    widths = [float(w) for w in re.findall(r'<rect[^>]*width="([0-9.]+)"', charts[0])]
    assert widths == [196.0, pytest.approx(196 * 38.5 / 62, abs=0.1)]
    # A value far below the other is still drawn.
    assert [float(w) for w in re.findall(r'<rect[^>]*width="([0-9.]+)"', charts[1])] == [
        196.0,
        2.0,
    ]


def test_a_story_without_results_says_so_and_its_status_is_unknown(client):
    story = StoryPageFactory(year_start=None, year_end=None)
    text = text_of(section(client.get(story.url).content.decode()))
    assert "Status Okänd" in text
    assert "Kommunen har inte rapporterat några resultat ännu." in text
    assert "Lärdomar" not in text and "Kontakt" not in text
    assert "<svg" not in section(client.get(story.url).content.decode())


@pytest.mark.parametrize(
    ("status", "label"),
    [("planned", "Planerat"), ("ongoing", "Pågår"), ("discontinued", "Avbrutet")],
)
def test_each_status_has_its_swedish_name(client, status, label):
    story = StoryPageFactory(status=status)
    assert f"Status {label}" in text_of(section(client.get(story.url).content.decode()))


def test_values_that_cannot_be_bars_are_shown_as_text_only(client):
    story = StoryPageFactory()
    StoryResultFactory(page=story, baseline_value=Decimal("-3"), latest_value=Decimal("4"))
    StoryResultFactory(page=story, baseline_value=Decimal("0"), latest_value=Decimal("0"))
    html = section(client.get(story.url).content.decode())
    assert "<svg" not in html
    assert "−3" in text_of(html) or "-3 (2011)" in text_of(html)


def test_an_address_in_the_contact_is_never_shown(client):
    story = StoryPageFactory(
        contact_role="anna.berg@osthammar.se", contact_organisation="Miljöenheten"
    )
    html = client.get(story.url).content.decode()
    assert "anna.berg@osthammar.se" not in html
    assert "Kontakt Miljöenheten" in text_of(section(html))


def test_english_page_shows_the_section_in_english_with_english_numbers(client, story):
    with translation.override("en"):
        response = client.get("/en" + story.url)
    text = text_of(section(response.content.decode()))
    assert "What came of it?" in text and "Status Completed" in text
    assert "62 (2011) → to 38.5 (2014)" in text
    # The editors' Swedish text is marked as Swedish for screen readers.
    assert '<ul class="follow-up__results" lang="sv">' in response.content.decode()


def test_a_translation_shows_its_swedish_story_s_status_and_results(client, story):
    story.save_revision().publish()
    translated, _created = translate_story(StoryPage.objects.get(pk=story.pk), "en", None)
    translated.title = "Food waste halved"
    translated.slug = "food-waste-halved"
    translated.lessons_learned = "The pupils weighed the food themselves."
    translated.contact_role = ""
    translated.contact_organisation = ""
    translated.save_revision().publish()
    translated = StoryPage.objects.get(pk=translated.pk)
    response = client.get(translated.url)
    assert response.status_code == 200
    html = section(response.content.decode())
    text = text_of(html)
    assert "Status Completed" in text and "Years 2011–2014" in text
    assert "Matsvinn per elev och dag, g: 62 (2011)" in text
    # The translation's own lessons; the Swedish story's contact, marked as Swedish.
    assert "The pupils weighed the food themselves." in text
    assert '<p class="follow-up__contact" lang="sv">Miljöstrateg' in html


def test_numbers_are_formatted_for_the_reader():
    with translation.override("sv"):
        assert results_display.number(Decimal("1234567.500")) == "1\xa0234\xa0567,5"
        assert results_display.number(Decimal("100.000")) == "100"
    with translation.override("en"):
        assert results_display.number(Decimal("1234567.500")) == "1,234,567.5"


def test_results_cost_no_query_per_result(story, count_queries):
    _, with_two = count_queries(story.url)
    for index in range(8):
        StoryResultFactory(page=story, sort_order=10 + index)
    response, with_ten = count_queries(story.url)
    assert response.status_code == 200
    assert with_ten == with_two


# --- the editor's form ---------------------------------------------------------------------------


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "lösenord")
    client.force_login(user)
    return user


def result_form(**values):
    form = {
        "indicator": "Matsvinn per elev och dag",
        "unit": "g",
        "source": "Kostenheten",
        "baseline_value": "62",
        "baseline_year": "2011",
        "latest_value": "38.5",
        "latest_year": "2014",
    }
    form.update(values)
    return form


def post_story(client, results=(), **extra):
    parent = MunicipalityPage.objects.get(municipality__code="0382")
    data = story_form_data(goals=[Goal.objects.get(slug="sdg-12")], results=results, **extra)
    return client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", parent.pk]), data
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_role", "anna.berg@osthammar.se", "inte en e-postadress"),
        ("contact_organisation", "Miljöenheten, miljo@osthammar.se", "inte en e-postadress"),
        ("contact_organisation", "https://www.osthammar.se/miljo", "inte en webbadress"),
        ("contact_role", "se www.osthammar.se", "inte en webbadress"),
    ],
)
def test_the_contact_refuses_addresses_in_swedish_and_saves_nothing(
    client, admin, field, value, message
):
    response = post_story(client, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()


def test_a_role_and_an_organisation_are_saved_with_the_results(client, admin):
    response = post_story(
        client,
        results=[result_form()],
        contact_role="Miljöstrateg",
        contact_organisation="Östhammars kommun, miljöenheten",
        status="completed",
    )
    assert response.status_code == 302, response.context["form"].errors
    story = StoryPage.objects.get(slug="matsvinnet-halveras")
    assert (story.contact_role, story.status) == ("Miljöstrateg", "completed")
    [result] = story.get_latest_revision_as_object().results.all()
    assert (result.baseline_value, result.latest_value) == (Decimal("62"), Decimal("38.5"))


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"latest_year": "2009"}, "latest_year", "Det senaste året kan inte vara före basåret."),
        ({"baseline_year": "1800"}, "baseline_year", "1950"),
        ({"latest_value": "många"}, "latest_value", "Fyll i ett tal."),
        ({"baseline_value": "NaN"}, "baseline_value", "Fyll i ett tal."),
        ({"latest_value": "1" * 13}, "latest_value", "11 siffror före decimalavskiljaren"),
        ({"indicator": ""}, "indicator", "Det här fältet är obligatoriskt"),
    ],
)
def test_insane_results_are_refused_beside_the_field(client, admin, values, field, message):
    # Publishing: a draft may leave required fields empty (Wagtail defers them).
    response = post_story(client, results=[result_form(**values)], action="action-publish")
    assert response.status_code == 200
    [result_form_errors] = response.context["form"].formsets["results"].errors
    assert field in result_form_errors
    assert message in " ".join(result_form_errors[field])
    assert message in response.content.decode()
    assert not StoryPage.objects.filter(slug="matsvinnet-halveras").exists()
