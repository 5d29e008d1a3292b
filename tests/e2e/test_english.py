"""The English interface under /en/: the language switcher keeps you on the same page, search
engines learn of both versions, the interface shows no Swedish of its own, goals, countries,
counties and municipalities have their English names, and a story that exists only in Swedish
says so and links to the Swedish page."""

from urllib.parse import urlsplit

import pytest

from millenniekommunerna.core.tests.catalogues import swedish_texts
from tests.e2e.page_types import STORY, page_type_params
from tests.e2e.pages import GoalIndexPage, MunicipalityPage, SitePage, StoryPage

# Text nodes of the interface (outside editors' content, which is marked lang="sv").
_INTERFACE_TEXTS = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    const text = node.textContent.trim();
    if (!text || element.closest('[lang]:not(html)')?.lang === "sv") continue;
    if (element.closest("script, style, svg title")) continue;
    texts.push(text.replace(/\\s+/g, " "));
  }
  texts.push(document.title);
  return texts;
}"""


@pytest.mark.parametrize("page_type", page_type_params())
def test_language_switcher_keeps_you_on_the_same_page(page, base_url, page_type):
    if page_type.framed:
        # An embed has no switcher: its language is its address's, chosen on the embed page.
        assert SitePage(page, base_url).open(page_type.path).language == "sv"
        assert SitePage(page, base_url).open(page_type.en_path).language == "en"
        return
    site = SitePage(page, base_url).open(page_type.path)
    assert site.language == "sv"
    check_alternates(site, page_type, "sv")

    site.switch_language("English")
    assert site.path_and_query == page_type.en_path
    assert site.language == "en"
    check_alternates(site, page_type, "en")

    site.switch_language("Svenska")
    assert site.path_and_query == page_type.path
    assert site.language == "sv"


def check_alternates(site, page_type, language):
    """`hreflang` links to the page in each language and `x-default` to the Swedish one, all
    absolute on the site's own address; the canonical URL is the page in its own language."""
    if page_type.status != 200:
        return  # a missing page has no alternates to offer
    alternates = {key: urlsplit(href) for key, href in site.hreflang_links().items()}
    assert set(alternates) == {"sv", "en", "x-default"}, alternates
    assert len({(url.scheme, url.netloc) for url in alternates.values()}) == 1
    paths = {
        key: url.path + (f"?{url.query}" if url.query else "") for key, url in alternates.items()
    }
    assert paths == {"sv": page_type.path, "en": page_type.en_path, "x-default": page_type.path}
    canonical = site.canonical()
    if canonical is not None:
        # Each language version is its own canonical page, never the other language's, which
        # would make search engines drop it. A noindex page names its indexable form instead
        # (docs/crawling.md), in its own language too.
        own_path = (page_type.en_path if language == "en" else page_type.path).split("?")[0]
        if page_type.noindex:
            assert urlsplit(canonical).path.startswith("/en/") == (language == "en"), canonical
        else:
            assert urlsplit(canonical).path == own_path, canonical
        assert urlsplit(canonical).netloc == alternates["sv"].netloc


@pytest.mark.parametrize("page_type", page_type_params())
def test_english_pages_show_no_swedish_interface_text(page, base_url, page_type):
    SitePage(page, base_url).open(page_type.en_path)
    swedish = swedish_texts()
    shown = page.evaluate(_INTERFACE_TEXTS)
    leaks = sorted({text for text in shown if text in swedish})
    assert not leaks, f"Swedish interface text on {page_type.en_path}: {leaks}"


def test_english_interface_names_goals_countries_counties_and_municipalities(page, base_url):
    goals = GoalIndexPage(page, base_url).open("/en/mal/")
    assert goals.heading == "Goals"
    names = [tile.inner_text() for tile in goals.tiles().all()]
    assert any("Responsible consumption and production" in name for name in names)
    assert any("Ensure environmental sustainability" in name for name in names)
    assert not any("Hållbar konsumtion" in name for name in names)

    menu = SitePage(page, base_url).main_menu.inner_text()
    for label in ("Home", "Stories", "Municipalities", "Goals"):
        assert label in menu
    for swedish in ("Hem", "Berättelser", "Kommuner", "Målen"):
        assert swedish not in menu.split("\n")

    story = StoryPage(page, base_url).open("/en" + STORY)
    facts = page.locator("main aside.facts").inner_text()
    assert "Poti, Georgia" in facts and "Georgien" not in facts
    assert story.municipality_link().inner_text() == "Östhammar Municipality"

    municipality = MunicipalityPage(page, base_url).open("/en/kommuner/osthammar/")
    assert municipality.heading == "Östhammar Municipality"
    assert municipality.county == "Uppsala County"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"], indirect=True)
def test_a_story_only_in_swedish_says_so_in_english_and_links_to_the_swedish_page(
    page, base_url, screenshot
):
    story = StoryPage(page, base_url).open("/en" + STORY)
    assert story.language == "en"
    notice = story.language_notice
    assert notice.is_visible()
    assert "This story is only available in Swedish." in notice.inner_text()
    link = notice.get_by_role("link")
    assert link.get_attribute("hreflang") == "sv"
    # The Swedish story is shown, marked as Swedish for screen readers and translation tools.
    assert story.title_element.get_attribute("lang") == "sv"
    assert story.teaser.get_attribute("lang") == "sv"
    assert "Poti" in story.teaser.inner_text()

    link.click()
    assert page.url == base_url + STORY
    swedish = StoryPage(page, base_url)
    assert swedish.language == "sv"
    assert swedish.language_notice.count() == 0
    assert swedish.title_element.get_attribute("lang") is None


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"], indirect=True)
def test_a_translated_story_is_shown_in_english_and_linked_to_the_swedish_one(
    page, base_url, screenshot
):
    from tests.e2e import translations

    # The reader switches to English on the Swedish story and gets the translation.
    swedish = StoryPage(page, base_url).open(translations.SWEDISH_PATH)
    assert swedish.title_element.inner_text() == "Skolor för hållbar utveckling"
    swedish.switch_language("English")
    assert swedish.path_and_query == translations.ENGLISH_PATH
    story = StoryPage(page, base_url)
    assert story.language == "en"
    assert story.title_element.inner_text() == translations.TITLE
    assert story.title_element.get_attribute("lang") is None  # English, as the page
    assert story.teaser.inner_text() == translations.TEASER
    assert story.language_notice.count() == 0
    # The facts are the Swedish story's, named in English.
    assert story.municipality_link().inner_text() == "Kalix Municipality"
    assert "Kampala, Uganda" in page.locator("main aside.facts").inner_text()
    screenshot("story-translated-en", width=375)

    # The Swedish story's address under /en/ leads to the translation as well.
    page.goto(base_url + "/en" + translations.SWEDISH_PATH)
    assert StoryPage(page, base_url).path_and_query == translations.ENGLISH_PATH

    # English listings show the translation; the Swedish ones the Swedish story.
    municipality = MunicipalityPage(page, base_url).open("/en/kommuner/kalix/")
    titles = [card.title for card in municipality.cards]
    assert translations.TITLE in titles and "Skolor för hållbar utveckling" not in titles
    municipality = MunicipalityPage(page, base_url).open("/kommuner/kalix/")
    titles = [card.title for card in municipality.cards]
    assert "Skolor för hållbar utveckling" in titles and translations.TITLE not in titles

    story = StoryPage(page, base_url).open(translations.ENGLISH_PATH)
    story.switch_language("Svenska")
    assert story.path_and_query == translations.SWEDISH_PATH
