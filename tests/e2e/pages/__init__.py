"""Page objects: what a visitor sees on each kind of page, so that tests speak of stories,
cards and links rather than CSS selectors."""

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
        return self.root.get_by_role("link", name="Läs mer om projektet")

    @property
    def municipality_link(self) -> Locator:
        return self.root.get_by_role("link").last


class SitePage:
    path = "/"

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def open(self, path: str | None = None):
        self.page.goto(self.base_url + (path or self.path))
        return self

    @property
    def heading(self) -> str:
        return self.page.locator("h1").first.inner_text().strip()

    @property
    def cards(self) -> list[StoryCard]:
        return [StoryCard(c) for c in self.page.locator("article.story-card").all()]


class HomePage(SitePage):
    path = "/"


class StoryPage(SitePage):
    def municipality_link(self) -> Locator:
        return self.page.locator("main").get_by_role("link", name="kommun", exact=False).first

    def goal_links(self) -> Locator:
        return self.page.locator("main a.goal-badge")


class MunicipalityPage(SitePage):
    pass


class GoalPage(SitePage):
    pass
