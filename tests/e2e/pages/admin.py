"""Page objects for the Wagtail admin in Swedish: logging in, writing a story, and the
review workflow's actions, spoken of by their labels rather than CSS selectors."""

import re
from pathlib import Path

from playwright.sync_api import Page, expect


class AdminSession:
    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def log_in(self, username: str, password: str):
        self.page.context.clear_cookies()
        self.page.goto(self.base_url + "/admin/login/")
        self.page.get_by_label("Användarnamn").fill(username)
        self.page.get_by_label("Lösenord").fill(password)
        self.page.get_by_role("button", name="Logga in").click()
        expect(self.page).to_have_url(re.compile(r"/admin/$"))
        return self


class StoryEditor:
    """The page editor for a story: new under a municipality page, or an existing one."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base_url = base_url

    def open_new(self, municipality_page_id: int):
        # The municipality page allows one child type, so Wagtail goes straight to its form.
        self.page.goto(f"{self.base_url}/admin/pages/{municipality_page_id}/add_subpage/")
        expect(self.page.get_by_role("heading", name="Nytt: Berättelse")).to_be_attached()
        return self

    def open(self, page_id: int):
        self.page.goto(f"{self.base_url}/admin/pages/{page_id}/edit/")
        return self

    @property
    def title(self):
        return self.page.get_by_role("textbox", name=re.compile(r"^Rubrik"))

    @property
    def teaser(self):
        return self.page.get_by_role("textbox", name=re.compile(r"^Ingress"))

    def choose_goals(self, *labels: str):
        """Narrow the goals' checklist with its search box, tick each goal, and check that
        the line of chosen goals names them."""
        search = self.page.get_by_role("searchbox", name="Sök mål på nummer eller ord")
        for label in labels:
            search.fill(label.split()[1])  # the number: "Mål 12 …" → "12"
            self.page.get_by_role("checkbox", name=label, exact=True).check()
        search.fill("")
        chosen = self.page.locator("[data-mk-checklist-chosen]").first
        for label in labels:
            expect(chosen).to_contain_text(label)

    def upload_main_image(self, file: Path, title: str, alt_text: str):
        self.page.get_by_role("button", name="Välj en bild").click()
        dialog = self.page.get_by_role("dialog")
        dialog.get_by_role("tab", name="Ladda upp").click()
        dialog.get_by_role("textbox", name=re.compile(r"^Rubrik")).fill(title)
        dialog.get_by_role("textbox", name="Alt-text").fill(alt_text)
        dialog.get_by_label("Fil").set_input_files(str(file))
        dialog.get_by_role("button", name="Ladda upp").click()
        expect(dialog).to_be_hidden(timeout=30_000)
        expect(self.page.get_by_role("region", name="Huvudbild")).to_contain_text(title)

    def review_details(self):
        """The workflow's details, with the reviewer's comments: from the status side panel."""
        self.page.get_by_role("button", name="Växla status").click()
        self.page.get_by_role("button", name="Visa detaljer").click()
        return self.page.get_by_role("dialog")

    def settle_autosave(self):
        """Wagtail saves the form by itself half a second after each change. An action pressed
        while such a save is under way posts the form a second time — on a new page, a second
        page with the same slug, refused as a validation error. Wait past the delay and for
        the save to end, as an editor sees the indicator say "Sparad"."""
        indicator = self.page.locator("#w-autosave-indicator")
        if indicator.count():
            self.page.wait_for_timeout(700)
            expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving")

    def _action(self, name):
        self.settle_autosave()
        self.page.get_by_role("button", name="Fler åtgärder").click()
        self.page.get_by_role("button", name=name, exact=isinstance(name, str)).click()

    def save_draft(self):
        self.settle_autosave()
        self.page.get_by_role("button", name="Spara utkast").click()

    def submit_for_review(self):
        self._action("Lämna in till Nationell granskning")

    def resubmit(self):
        self._action(re.compile(r"^Skicka (igen |om )?till Granskning av nationell redaktör"))

    def request_changes(self, comment: str):
        self._action("Begär ändringar")
        dialog = self.page.get_by_role("dialog")
        dialog.locator("textarea").fill(comment)
        dialog.get_by_role("button", name="Begär ändringar").click()

    def approve(self):
        """Approve the last task of the workflow, which publishes the story."""
        self._action("Godkänn och Publicera")

    def page_id(self) -> int:
        return int(re.search(r"/admin/pages/(\d+)/edit/", self.page.url).group(1))
