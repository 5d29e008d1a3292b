"""Page objects: what a visitor sees on each kind of page, so that tests speak of stories,
cards, facets and links rather than CSS selectors."""

from dataclasses import dataclass

from playwright.sync_api import Locator, Page


@dataclass
class StoryCard:
    root: Locator

    @property
    def title(self) -> str:
        return self.root.locator("h3").inner_text().strip()

    @property
    def read_more(self) -> Locator:
        return self.root.locator(".card-links a").first

    @property
    def municipality_link(self) -> Locator:
        return self.root.get_by_role("link").last


@dataclass
class Focus:
    """The element that has the keyboard focus, as the browser computes it."""

    tag: str
    id: str
    text: str
    href: str
    outline_style: str
    outline_width: float
    box_shadow: str
    svg_stroke: float
    in_viewport: bool
    order: str

    @property
    def indicated(self) -> bool:
        """A focus indicator the eye can see: an outline at least 2 px wide, a box shadow, or
        (for a link on a map) a stroke at least 2 px wide round the shape."""
        outline = self.outline_style not in ("", "none") and self.outline_width >= 2
        shadow = self.box_shadow not in ("", "none")
        return outline or shadow or self.svg_stroke >= 2

    def __str__(self):
        label = self.text or self.href or self.id
        return f"<{self.tag}> {label!r}"


# Describes the focused element and whether it follows the previously focused one in the
# document (`order`: "first", "after" or "before"); marks it as visited. Inside a frame of the
# site's own (the embed page's preview) it is the element focused in the frame, whose
# indicator the eye sees; its place in the order is the frame's, then its own in the frame.
_FOCUS_SCRIPT = r"""() => {
  const frame = document.activeElement;
  let el = frame;
  while (el && el.tagName === "IFRAME" && el.contentDocument && el.contentDocument.activeElement
         && el.contentDocument.activeElement !== el.contentDocument.body) {
    el = el.contentDocument.activeElement;
  }
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = el.ownerDocument.defaultView.getComputedStyle(el);
  const inner = el.getBoundingClientRect();
  const outer = frame.getBoundingClientRect();
  const box = el === frame ? outer : {top: outer.top + inner.top, left: outer.left + inner.left,
    bottom: outer.top + inner.bottom, right: outer.left + inner.right};
  let svgStroke = 0;
  if (el instanceof SVGElement) {
    for (const shape of [el, ...el.querySelectorAll("path, circle, rect, polygon")]) {
      const s = getComputedStyle(shape);
      const visible = s.stroke !== "none" && !/rgba\(.*, 0\)|transparent|rgb\(255, 255, 255\)/.test(s.stroke);
      if (visible) svgStroke = Math.max(svgStroke, parseFloat(s.strokeWidth) || 0);
    }
  }
  const previous = window.__previousFocus;
  let order = "first";
  if (previous && previous !== el) {
    // Elements of two documents are ordered by the frames (or elements) that hold them here.
    const [a, b] = previous.ownerDocument === el.ownerDocument
      ? [previous, el] : [window.__previousOuterFocus, frame];
    order = a === b ? "after"
      : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? "after" : "before";
  } else if (previous === el) {
    order = "same";
  }
  window.__previousFocus = el;
  window.__previousOuterFocus = frame;
  el.setAttribute("data-visited-by-tab", "");
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id || "",
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 80),
    href: el.getAttribute("href") || "",
    outline_style: style.outlineStyle,
    outline_width: parseFloat(style.outlineWidth) || 0,
    box_shadow: style.boxShadow,
    svg_stroke: svgStroke,
    in_viewport: box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth,
    order: order,
  };
}"""

_HEADINGS_SCRIPT = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter(h => h.getClientRects().length > 0 || h.closest(".visually-hidden") === null)
  .map(h => [Number(h.tagName[1]), h.textContent.trim().replace(/\\s+/g, " ")])"""

# Links and form controls a keyboard user must be able to reach that Tab never reached.
_UNVISITED_SCRIPT = """() => [...document.querySelectorAll(
    "a[href], button, input, select, textarea, summary")]
  .filter(el => !el.disabled && el.tabIndex >= 0 && el.type !== "hidden"
    // checkVisibility() is false for what a closed <details> hides (content-visibility),
    // which keeps its boxes but cannot take the focus until it is opened.
    && el.checkVisibility({visibilityProperty: true})
    && !el.hasAttribute("data-visited-by-tab")
    // A group of radio buttons is one Tab stop (the arrow keys move inside it): the group is
    // reached when any of its buttons was.
    && !(el.type === "radio" && el.form && [...el.form.elements].some(other =>
      other.type === "radio" && other.name === el.name
      && other.hasAttribute("data-visited-by-tab"))))
  .map(el => el.outerHTML.slice(0, 120))"""


class SitePage:
    """What every page has: the header with the skip link, the language switcher and the
    menus, the main content and the footer."""

    path = "/"

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def open(self, path: str | None = None):
        self.response = self.page.goto(self.base_url + (path or self.path))
        return self

    @property
    def path_and_query(self) -> str:
        return self.page.url.removeprefix(self.base_url)

    @property
    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text().strip()

    @property
    def cards(self) -> list[StoryCard]:
        return [StoryCard(c) for c in self.page.locator("article.story-card").all()]

    @property
    def main(self) -> Locator:
        return self.page.locator("main")

    @property
    def language(self) -> str:
        return self.page.locator("html").get_attribute("lang") or ""

    @property
    def skip_link(self) -> Locator:
        return self.page.locator("a.skip-link")

    @property
    def language_switcher(self) -> Locator:
        return self.page.locator("nav.language-switcher")

    def switch_language(self, name: str):
        """Follow the switcher's link to the language called `name` ("English", "Svenska")."""
        self.language_switcher.get_by_role("link", name=name).click()
        return self

    @property
    def main_menu(self) -> Locator:
        return self.page.locator("nav.main-nav")

    @property
    def footer(self) -> Locator:
        return self.page.locator("footer")

    def hreflang_links(self) -> dict[str, str]:
        links = self.page.locator('head link[rel="alternate"][hreflang]')
        return {link.get_attribute("hreflang"): link.get_attribute("href") for link in links.all()}

    def canonical(self) -> str | None:
        link = self.page.locator('head link[rel="canonical"]')
        return link.get_attribute("href") if link.count() else None

    def headings(self) -> list[tuple[int, str]]:
        return [tuple(h) for h in self.page.evaluate(_HEADINGS_SCRIPT)]

    def landmarks(self) -> dict[str, int]:
        """How many of each landmark the page has (by role, as assistive technology sees it)."""
        roles = ("banner", "main", "contentinfo", "navigation", "search", "complementary")
        return {role: self.page.get_by_role(role).count() for role in roles}

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than the window (0 when it fits)."""
        return self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )

    def focused(self) -> Focus | None:
        values = self.page.evaluate(_FOCUS_SCRIPT)
        return Focus(**values) if values else None

    def unvisited_controls(self) -> list[str]:
        """Links and controls that no Tab press has focused since the page was opened."""
        return self.page.evaluate(_UNVISITED_SCRIPT)

    def search(self, words: str):
        """Search with the box in the header."""
        form = self.page.get_by_role("search").first
        form.get_by_role("searchbox").fill(words)
        form.get_by_role("button").click()
        return SearchPage(self.page, self.base_url)

    def transferred_bytes(self) -> dict[str, int]:
        """Bytes the browser received for the page so far, by resource type, as reported by the
        network layer (compressed sizes, headers included)."""
        return self.page.evaluate(
            """() => {
              const sizes = {};
              const entries = [
                ...performance.getEntriesByType("navigation"),
                ...performance.getEntriesByType("resource"),
              ];
              for (const entry of entries) {
                const kind = entry.initiatorType === "navigation" ? "document" : entry.initiatorType;
                sizes[kind] = (sizes[kind] || 0) + entry.transferSize;
              }
              return sizes;
            }"""
        )


class HomePage(SitePage):
    path = "/"


class StoryPage(SitePage):
    def municipality_link(self) -> Locator:
        return self.page.locator("main .story__municipality a")

    def goal_links(self) -> Locator:
        return self.page.locator("main a.goal-badge")

    @property
    def language_notice(self) -> Locator:
        return self.page.locator("main .language-notice")

    @property
    def title_element(self) -> Locator:
        return self.page.locator("main h1")

    @property
    def teaser(self) -> Locator:
        return self.page.locator("main .story__header .lead")


class MunicipalityPage(SitePage):
    @property
    def county(self) -> str:
        return self.page.locator("main .municipality-header__county").inner_text().strip()


class MunicipalityIndexPage(SitePage):
    path = "/kommuner/"

    def counties(self) -> list[str]:
        return [
            h.inner_text().splitlines()[0].strip()
            for h in self.page.locator("main section.county h2").all()
        ]

    def jump_to_county(self, name: str):
        self.page.locator("nav.jump-list").get_by_role("link", name=name, exact=True).click()
        return self

    def county_section(self, name: str) -> Locator:
        return self.page.locator("main section.county").filter(
            has=self.page.get_by_role("heading", name=name)
        )

    def municipalities_in(self, county: str) -> list[str]:
        links = self.county_section(county).locator("ul.municipality-list > li > a")
        return [link.inner_text().strip() for link in links.all()]


class GoalPage(SitePage):
    pass


class GoalIndexPage(SitePage):
    path = "/mal/"

    def tiles(self) -> Locator:
        return self.page.locator("main a.goal-tile")


class StoryListing(SitePage):
    """A listing of stories with facets: the story index and the search page."""

    def facet_option(self, code: str) -> Locator:
        """A facet's option by its code: `mdg-8`, `uppsala`, `KE`, `2026`, `ja`."""
        return self.page.locator(f'aside.facets a.facet-option[data-facet="{code}"]').first

    def choose(self, code: str):
        """Follow a facet option, opening the facet's "more" list first when it is hidden."""
        option = self.facet_option(code)
        if not option.is_visible():
            option.locator("xpath=ancestor::details[1]/summary").click()
        option.click()
        return self

    def chosen_filters(self) -> list[str]:
        chips = self.page.locator(".active-filters a.filter-chip")
        return [chip.inner_text().replace("×", "").strip() for chip in chips.all()]

    def result_titles(self) -> list[str]:
        titles = self.page.locator("main article h3")
        return [title.inner_text().strip() for title in titles.all()]

    @property
    def summary(self) -> str:
        return self.page.locator("main .listing-summary").first.inner_text().strip()

    def next_page(self):
        self.page.locator('nav.pagination a[rel~="next"]').click()
        return self

    def current_page_number(self) -> str:
        return (
            self.page.locator('nav.pagination [aria-current="page"]')
            .inner_text()
            .split()[-1]
            .strip()
        )


class SearchPage(StoryListing):
    path = "/sok/"


class TipFormPage(SitePage):
    path = "/tipsa/"

    @property
    def form(self) -> Locator:
        return self.page.locator("main form")

    def submit(self):
        self.form.locator('button[type="submit"]').click()
        return self

    @property
    def error_summary(self) -> Locator:
        return self.page.locator("main .form-alert")

    def invalid_fields(self) -> Locator:
        return self.form.locator('[aria-invalid="true"]')
