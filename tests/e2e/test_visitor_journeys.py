"""What visitors do, with JavaScript on and off (the site must not need it): from the home page
to a story, its municipality and a goal and back; searching with two facets and paging; finding
a municipality by its county; and sending a story tip that has mistakes in it."""

import re

import pytest

from tests.e2e.pages import (
    GoalPage,
    HomePage,
    MunicipalityIndexPage,
    MunicipalityPage,
    SearchPage,
    StoryPage,
    TipFormPage,
)

pytestmark = pytest.mark.parametrize(
    "javascript", [True, False], ids=["js", "no-js"], indirect=True
)

STORY_TITLE = "Räddningstjänst i Poti och Östhammar"


def test_home_page_lists_all_27_seed_stories_with_working_links(page, base_url):
    home = HomePage(page, base_url).open()
    assert "Millenniekommunerna" in page.title()
    cards = home.cards
    assert len(cards) == 27
    for card in cards:
        story_href = card.read_more.get_attribute("href")
        municipality_href = card.municipality_link.get_attribute("href")
        assert re.fullmatch(r"/kommuner/[a-z0-9-]+/[a-z0-9-]+/", story_href), story_href
        assert re.fullmatch(r"/kommuner/[a-z0-9-]+/", municipality_href), municipality_href
        assert story_href.startswith(municipality_href)
        assert card.municipality_link.inner_text().endswith("kommun")
    # No camera file names anywhere a visitor (or a screen reader) can see them.
    html = page.content()
    for file_name in ("DSCN0010_webb", "11020", "2009_0213_100_webb_290_2"):
        assert file_name not in html


def test_home_to_story_to_municipality_to_goal_and_back(page, base_url):
    home = HomePage(page, base_url).open()
    card = next(c for c in home.cards if c.title == STORY_TITLE)
    card.read_more.click()
    story = StoryPage(page, base_url)
    assert story.heading == STORY_TITLE
    assert "Poti" in story.main.inner_text()

    story.municipality_link().click()
    municipality = MunicipalityPage(page, base_url)
    assert page.url.endswith("/kommuner/osthammar/")
    assert municipality.heading == "Östhammars kommun"
    assert municipality.county == "Uppsala län"
    assert len(municipality.cards) == 2

    page.go_back()
    assert page.url.endswith("/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/")
    StoryPage(page, base_url).goal_links().first.click()
    goal = GoalPage(page, base_url)
    assert re.search(r"/mal/(sdg|mdg)-\d+/$", page.url)
    assert any(c.title == STORY_TITLE for c in goal.cards)
    page.go_back()
    assert StoryPage(page, base_url).heading == STORY_TITLE
    page.go_back()
    assert HomePage(page, base_url).path_and_query == "/"


def test_search_with_two_facets_and_paging(page, base_url):
    results = HomePage(page, base_url).open().search("")
    assert re.search(r"/sok/\?q=$", page.url)
    first_summary = results.summary
    assert first_summary.startswith("27 ")

    results.choose("mdg-8")
    assert results.summary.startswith("14 ")
    results.choose("ja")  # Millennium Municipalities only
    assert "mal=mdg-8" in page.url and "millenniekommun=ja" in page.url
    assert results.summary.startswith("14 ")
    assert len(results.chosen_filters()) == 2
    first_page = results.result_titles()
    assert len(first_page) == 12
    assert results.current_page_number() == "1"

    results.next_page()
    assert "sida=2" in page.url
    assert "mal=mdg-8" in page.url and "millenniekommun=ja" in page.url
    assert results.current_page_number() == "2"
    second_page = results.result_titles()
    assert len(second_page) == 2
    assert not set(first_page) & set(second_page)
    assert len(results.chosen_filters()) == 2

    # Each chosen filter is a link that removes it.
    page.locator(".active-filters a.filter-chip").first.click()
    widened = SearchPage(page, base_url)
    assert len(widened.chosen_filters()) == 1
    assert "sida=" not in page.url


def test_find_a_municipality_by_its_county(page, base_url):
    index = MunicipalityIndexPage(page, base_url).open()
    counties = index.counties()
    assert len(counties) == 21
    assert counties == sorted(counties)  # no county name starts with Å or Ä
    assert counties[0] == "Blekinge län"
    total = sum(len(index.municipalities_in(county)) for county in counties)
    assert total == 290

    index.jump_to_county("Uppsala län")
    assert page.url.endswith("#lan-uppsala")
    assert index.county_section("Uppsala län").is_visible()
    uppsala = index.municipalities_in("Uppsala län")
    assert "Östhammar" in uppsala and "Uppsala" in uppsala and len(uppsala) == 8

    index.county_section("Uppsala län").get_by_role("link", name="Östhammar", exact=True).click()
    municipality = MunicipalityPage(page, base_url)
    assert page.url.endswith("/kommuner/osthammar/")
    assert municipality.county == "Uppsala län"


def test_a_tip_with_mistakes_comes_back_with_the_errors_tied_to_their_fields(
    page, base_url, screenshot, javascript
):
    form = TipFormPage(page, base_url).open()
    form.form.get_by_label(re.compile("^Ditt namn|^Your name")).fill("Kim Andersson")
    form.submit()
    assert page.url.endswith("/tipsa/")
    assert form.error_summary.is_visible()
    assert page.title().startswith("Fel")
    invalid = form.invalid_fields().all()
    assert invalid, "no field is marked aria-invalid"
    # The name that was given is kept.
    assert (
        form.form.get_by_label(re.compile("^Ditt namn|^Your name")).input_value() == "Kim Andersson"
    )
    for field in invalid:
        field_id = field.get_attribute("id")
        described_by = (field.get_attribute("aria-describedby") or "").split()
        errors = [i for i in described_by if page.locator(f"#{i}.form-field__error").count()]
        assert errors, f"#{field_id}: its error message is not in aria-describedby"
        # The summary links to the field.
        assert form.error_summary.locator(f'a[href="#{field_id}"]').count() == 1
    if javascript:
        screenshot("tip-form-errors", width=375)
