"""WCAG 2.1 AA on every page type (tests/e2e/page_types.py), in a real browser: axe-core in
Swedish and English at desktop and mobile width, keyboard-only use, headings and landmarks,
reflow at 320 CSS px and 200 % text, and the contrast of the goal colours and the map.

The axe test also saves full-page screenshots to var/screenshots/<type>-<language>-<width>.png
(Swedish for every page type, English for the home page and a story)."""

import itertools

import pytest
from axe_playwright_python.sync_playwright import Axe

from millenniekommunerna.core.colour import contrast_ratio
from tests.e2e.page_types import STORY, page_type_params
from tests.e2e.pages import GoalIndexPage, SitePage

LANGUAGES = ["sv", "en"]
WIDTHS = [1280, 375]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# axe's best-practice rules for what WCAG asks in words only: one main heading, headings in
# order, every piece of content inside a landmark, landmarks unique and not nested wrongly.
STRUCTURE_RULES = [
    "page-has-heading-one",
    "heading-order",
    "region",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
    "landmark-banner-is-top-level",
    "landmark-contentinfo-is-top-level",
    "landmark-main-is-top-level",
    "landmark-complementary-is-top-level",
    "skip-link",
]
# Enough for the longest page (the map's 290 municipalities and the lists beside it).
MAX_TAB_STOPS = 2000

axe = Axe()


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def open_page(page, base_url, page_type, language="sv") -> SitePage:
    site = SitePage(page, base_url).open(page_type.localized(language))
    assert site.response.status == page_type.status, site.path_and_query
    return site


def run_axe(page, rules: list[str] | None = None) -> list[dict]:
    """axe-core's violations of WCAG 2.0/2.1 A and AA, or of the given rules."""
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_TAGS}
    results = axe.run(page, options={"runOnly": run_only, "resultTypes": ["violations"]})
    return results.response["violations"]


def structure_problems(site: SitePage, language: str, framed: bool = False) -> list[str]:
    """Page language, one h1 first, no heading level skipped, the landmarks in place (for an
    embed, which another site frames inside its own page, its one <main>)."""
    problems = []
    if site.language != language:
        problems.append(f'<html lang="{site.language}">, expected {language}')
    headings = site.headings()
    levels = [level for level, _text in headings]
    if not levels or levels[0] != 1 or levels.count(1) != 1:
        problems.append(f"not exactly one h1, first: {headings[:3]}")
    for (before, _), (level, text) in itertools.pairwise(headings):
        if level > before + 1:
            problems.append(f"h{before} is followed by h{level} {text!r}")
    landmarks = site.landmarks()
    if framed:
        if landmarks["main"] != 1:
            problems.append(f"landmarks: {landmarks}")
        return problems
    if not (landmarks["banner"] == landmarks["main"] == landmarks["contentinfo"] == 1):
        problems.append(f"landmarks: {landmarks}")
    if landmarks["navigation"] < 2 or landmarks["search"] < 1:
        problems.append(f"landmarks: {landmarks}")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", page_type_params())
def test_page_meets_wcag_21_aa(page, base_url, screenshot, quality_report, page_type, language):
    """axe-core at desktop and mobile width, plus the structure WCAG asks for in words."""
    page.set_viewport_size({"width": WIDTHS[0], "height": 900})
    site = open_page(page, base_url, page_type, language)
    problems = structure_problems(site, language, page_type.framed)
    # An embed has no skip link: it is a few links inside another site's page.
    rules = [r for r in STRUCTURE_RULES if not (page_type.framed and r == "skip-link")]
    problems += [describe(run_axe(page, rules))]
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = run_axe(page)
        quality_report.record(page_type.name, **{f"axe_{language}_{width}": len(violations)})
        if violations:
            problems.append(f"at {width} px:\n{describe(violations)}")
        if language == "sv" or page_type.name in ("home", "story"):
            screenshot(f"{page_type.name}-{language}", width=width)
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page_type", page_type_params())
def test_keyboard_alone_reaches_everything_in_order_with_visible_focus(page, base_url, page_type):
    # Without smooth scrolling (the site honours the setting), so that the focused element is
    # in view as soon as it has the focus.
    page.emulate_media(reduced_motion="reduce")
    site = open_page(page, base_url, page_type)

    if not page_type.framed:  # an embed is a few links inside another site's page
        # The first Tab stop is the skip link, shown when focused; it moves the focus to <main>.
        page.keyboard.press("Tab")
        skip = site.focused()
        assert skip is not None and skip.href == "#main", f"first Tab stop: {skip}"
        assert skip.in_viewport and skip.indicated, skip
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"

    # From the top again: every Tab moves forward in the document, shows where the focus is,
    # and after the last element the focus leaves the page (no trap).
    site.open(page_type.path)
    stops = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        focus = site.focused()
        if focus is None:
            break
        if stops and focus.order != "after":
            if focus.href == "#main" and focus.order == "before":
                break  # wrapped round to the skip link: the end of the page was reached
            pytest.fail(f"Tab went {focus.order} {stops[-1]} to {focus}")
        assert focus.indicated, f"no visible focus indicator on {focus}"
        assert focus.in_viewport, f"focused but out of sight: {focus}"
        stops.append(focus)
    else:
        pytest.fail(f"Tab never left the page after {MAX_TAB_STOPS} stops: a keyboard trap?")
    assert len(stops) > (1 if page_type.framed else 5)
    assert site.unvisited_controls() == []


@pytest.mark.parametrize("page_type", page_type_params())
def test_reflows_at_320_css_px_and_with_text_at_200_percent(page, base_url, page_type):
    # 320 CSS px is a 1280 px window at 400 % zoom (WCAG 1.4.10).
    page.set_viewport_size({"width": 320, "height": 640})
    site = open_page(page, base_url, page_type)
    assert site.horizontal_overflow() <= 0, "the page scrolls sideways at 320 CSS px"
    assert clipped_text(page) == []

    # Text alone at 200 % (WCAG 1.4.4), in a 1280 px window and at 640 (= 200 % zoom).
    for width in (1280, 640):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert site.horizontal_overflow() <= 0, f"sideways scroll with 200 % text at {width}"
        assert clipped_text(page) == []
        page.evaluate("document.documentElement.style.fontSize = ''")


def clipped_text(page) -> list[str]:
    """Text in boxes that hide their overflow and are too small for it (cut-off words)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("main *, header *, footer *")].filter(el => {
          const s = getComputedStyle(el);
          if (!/hidden|clip/.test(s.overflowX + s.overflowY) || el.closest(".visually-hidden")) return false;
          if (el.clientWidth <= 1 || el.clientHeight <= 1) return false;
          const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
          return hasText && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
        }).map(el => el.outerHTML.slice(0, 120))"""
    )


def colours(page, selector: str, properties: list[str]) -> list[dict]:
    return page.evaluate(
        """([selector, properties]) => [...document.querySelectorAll(selector)].map(el => {
          const s = getComputedStyle(el);
          return Object.fromEntries([["text", el.textContent.trim().slice(0, 60)],
            ...properties.map(p => [p, s.getPropertyValue(p)])]);
        })""",
        [selector, properties],
    )


def hex_colour(css: str) -> str:
    """`rgb(28, 79, 140)` → `#1c4f8c`."""
    numbers = css[css.index("(") + 1 : css.index(")")].split(",")[:3]
    return "#" + "".join(f"{int(float(n)):02x}" for n in numbers)


@pytest.mark.parametrize("language", LANGUAGES)
def test_all_25_goal_colours_meet_aa_contrast(page, base_url, language):
    goals = GoalIndexPage(page, base_url).open("/en/mal/" if language == "en" else "/mal/")
    tiles = colours(page, "main a.goal-tile", ["color", "background-color"])
    assert len(tiles) == 25 == goals.tiles().count()
    for tile in tiles:
        ratio = contrast_ratio(hex_colour(tile["color"]), hex_colour(tile["background-color"]))
        assert ratio >= 4.5, f"{tile['text']!r}: {ratio:.2f}:1"


def test_map_lines_and_places_stand_out_from_the_map(page, base_url):
    SitePage(page, base_url).open("/karta/")
    land = colours(page, ".world-map__countries path", ["fill"])
    sea = colours(page, ".map--world .map__scroll", ["background-color"])
    backgrounds = {hex_colour(c["fill"]) for c in land} | {hex_colour(sea[0]["background-color"])}
    assert len(backgrounds) >= 3  # land, Sweden and the sea
    lines = {hex_colour(c["stroke"]) for c in colours(page, ".partnership__line", ["stroke"])}
    places = {hex_colour(c["fill"]) for c in colours(page, ".place circle", ["fill"])}
    assert lines and places
    # Graphics needed to understand the map: 3:1 against what they are drawn on (WCAG 1.4.11).
    for foreground in lines | places:
        for background in backgrounds:
            ratio = contrast_ratio(foreground, background)
            assert ratio >= 3, f"{foreground} on {background}: {ratio:.2f}:1"


def test_swedish_content_is_marked_as_swedish_in_the_english_interface(page, base_url):
    site = SitePage(page, base_url).open("/en" + STORY)
    assert site.language == "en"
    assert page.locator("main h1").get_attribute("lang") == "sv"
    assert page.locator("main .story__header .lead").get_attribute("lang") == "sv"
    # The interface around it is English.
    assert page.locator("main .language-notice").get_attribute("lang") in (None, "en")
    for card_title in page.locator("main article.story-card h3").all():
        assert card_title.get_attribute("lang") == "sv"
