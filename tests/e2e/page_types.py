"""Every kind of page a visitor can reach, with one example URL on the seeded site. The
accessibility, no-JavaScript, English, Nu checker, Lighthouse and screenshot tests all run over
this table: a new page type is covered by adding one line here."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.e2e import contact, subscriptions, translations


@dataclass(frozen=True)
class PageType:
    name: str
    # Swedish (no prefix); the English page is "/en" + path unless `english` says. A function
    # when the address is known only once the site is seeded (an id in it).
    address: str | Callable[[], str]
    status: int = 200
    lighthouse: bool = True
    noindex: bool = False  # the page asks search engines not to index it, on purpose
    english: str = ""  # the English page when it has an address of its own (a translation)
    # A document made to be shown in an iframe on another website (an embed): no site header,
    # menus, search, language switcher, skip link or footer of the site, only its own <main>.
    framed: bool = False

    @property
    def path(self) -> str:
        return self.address() if callable(self.address) else self.address

    @property
    def en_path(self) -> str:
        return self.english or "/en" + self.path

    def localized(self, language: str) -> str:
        return self.en_path if language == "en" else self.path


STORY = "/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/"

PAGE_TYPES = [
    PageType("home", "/"),
    PageType("story", STORY),
    PageType("story-translated", translations.SWEDISH_PATH, english=translations.ENGLISH_PATH),
    PageType("story-index", "/berattelser/"),
    PageType("story-index-filtered", "/berattelser/?mal=mdg-8&sida=2", noindex=True),
    PageType("municipality-index", "/kommuner/"),
    PageType("municipality", "/kommuner/osthammar/"),
    PageType("municipality-without-stories", "/kommuner/arjeplog/", lighthouse=False),
    PageType("goal-index", "/mal/"),
    PageType("goal-sdg", "/mal/sdg-12/"),
    PageType("goal-mdg", "/mal/mdg-7/"),
    PageType("search", "/sok/?q=skola", noindex=True),
    PageType("map", "/karta/"),
    PageType("partner-place", "/karta/orter/poti/"),
    PageType("partnership-index", "/samarbeten/"),
    PageType("partnership-index-filtered", "/samarbeten/?land=GE", noindex=True),
    PageType("partnership", "/samarbeten/osthammar-poti/"),
    PageType("statistics", "/statistik/"),
    PageType("tip-form", "/tipsa/"),
    PageType("contact-form", contact.path, noindex=True),
    PageType("follow-form", "/folj/?kommun=osthammar", noindex=True),
    PageType("follow-manage", subscriptions.MANAGE_PATH, noindex=True),
    PageType("open-data", "/oppna-data/"),
    PageType("embed-page", "/badda-in/kommuner/osthammar/", noindex=True),
    PageType("embed", "/inbaddning/mal/sdg-12/", noindex=True, framed=True),
    PageType("embed-story-dark", "/inbaddning" + STORY + "?tema=morkt", noindex=True, framed=True),
    PageType("accessibility-statement", "/tillganglighet/"),
    PageType("not-found", "/finns-inte/", status=404, lighthouse=False),
]


def page_type_params(page_types=None):
    """`@pytest.mark.parametrize("page_type", page_type_params())` with readable test ids."""
    return [pytest.param(t, id=t.name) for t in (page_types or PAGE_TYPES)]
