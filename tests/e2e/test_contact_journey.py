"""A visitor writes to the municipality of a story, with JavaScript on and off: from the story
page to the contact form, back with the mistakes tied to their fields and nothing typed lost,
then sent, and thanked. The municipality's address is never on any of the pages."""

import re

import pytest

from tests.e2e.page_types import STORY

pytestmark = pytest.mark.parametrize(
    "javascript", [True, False], ids=["js", "no-js"], indirect=True
)

EDITOR = "kontakt-e2e@osthammar.example.se"


@pytest.fixture(scope="module")
def municipality_editor(site):
    site.manage("create_editor", EDITOR, "--municipality", "0382", "--no-email")


def test_a_message_to_the_municipality_with_a_mistake_then_sent(
    page, base_url, municipality_editor, screenshot, javascript
):
    page.goto(base_url + STORY)
    page.get_by_role("link", name="Kontakta kommunen om projektet").click()
    assert re.search(r"/kontakta/\d+/$", page.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Kontakta Östhammar om projektet"
    form = page.locator("form.contact__form")
    form.get_by_label(re.compile("^Ditt namn")).fill("Kim Andersson")
    form.get_by_label(re.compile("^Din e-postadress")).fill("kim@")
    form.get_by_role("button", name="Skicka meddelandet").click()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Fel")
    assert "Skriv en hel e-postadress" in summary.inner_text()
    assert "Skriv ett meddelande." in summary.inner_text()
    assert form.get_by_label(re.compile("^Ditt namn")).input_value() == "Kim Andersson"
    for field_id in ("id_email", "id_message"):
        assert summary.locator(f'a[href="#{field_id}"]').count() == 1
        described_by = page.locator(f"#{field_id}").get_attribute("aria-describedby") or ""
        assert f"{field_id}_error" in described_by.split()
    assert EDITOR not in page.content()

    form.get_by_label(re.compile("^Din e-postadress")).fill("kim@example.org")
    form.get_by_label(re.compile("^Ditt meddelande")).fill(
        "Hej! Hur började samarbetet med räddningstjänsten i Poti?"
    )
    form.get_by_role("button", name="Skicka meddelandet").click()
    assert re.search(r"/kontakta/\d+/tack/$", page.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Ditt meddelande har skickats"
    assert EDITOR not in page.content()
    if javascript:
        screenshot("contact-form-sent", width=320)
    page.get_by_role("link", name=re.compile("^Tillbaka till berättelsen")).click()
    assert page.url == base_url + STORY
