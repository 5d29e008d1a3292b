"""Following by email, with JavaScript on and off: from a municipality's "Follow by email"
link to the form, a mistake and its correction, the confirmation link (a button, not the
link alone), and the management page: how often, in which language, removing a follow,
unsubscribing."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.subscriptions import MANAGE_PATH

pytestmark = pytest.mark.parametrize(
    "javascript", [True, False], ids=["js", "no-js"], indirect=True
)


def token_of(site, email: str) -> str:
    output = site.manage(
        "shell",
        "-c",
        "import json; from millenniekommunerna.subscriptions.models import Subscriber as S; "
        f"s = S.objects.get(email={email!r}); "
        "print(json.dumps([s.token, s.confirmed_at is not None]))",
    )
    return json.loads(output.strip().splitlines()[-1])


def test_follow_a_municipality_from_its_page_and_confirm(
    page, base_url, site, screenshot, javascript
):
    email = f"kim.{'js' if javascript else 'nojs'}@example.se"
    page.goto(base_url + "/kommuner/osthammar/")
    page.get_by_role("link", name="Följ via e-post").click()
    assert page.url.endswith("/folj/?kommun=osthammar")
    expect(page.locator(".follow__target")).to_have_text("Östhammars kommun")

    form = page.locator("form.follow__form")
    form.get_by_label(re.compile("^Din e-postadress")).fill("kim@")
    form.get_by_label("Varje dag", exact=False).check()
    form.get_by_role("button", name="Följ").click()
    # The mistake is named, tied to its field, and what was typed is kept.
    assert page.title().startswith("Fel")
    field = form.get_by_label(re.compile("^Din e-postadress"))
    assert field.get_attribute("aria-invalid") == "true"
    assert field.input_value() == "kim@"
    assert form.get_by_label("Varje dag", exact=False).is_checked()
    if javascript:
        screenshot("follow-form-errors", width=375)

    field.fill(email)
    form.get_by_role("button", name="Följ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Titta i din e-post")

    token, confirmed = token_of(site, email)
    assert not confirmed
    page.goto(f"{base_url}/folj/bekrafta/{token}/")
    assert token_of(site, email)[1] is False  # opening the link confirms nothing
    page.get_by_role("button", name="Bekräfta").click()
    expect(page.get_by_role("status")).to_have_text("Tack – din adress är bekräftad.")
    assert token_of(site, email)[1] is True
    expect(page.get_by_role("link", name="Östhammars kommun")).to_be_visible()


def test_manage_choices_remove_a_follow_and_unsubscribe(page, base_url, site, javascript):
    email = f"manage.{'js' if javascript else 'nojs'}@example.se"
    site.manage(
        "shell",
        "-c",
        "from django.utils import timezone; "
        "from millenniekommunerna.subscriptions.models import Subscriber as S; "
        f"s = S.objects.create(email={email!r}, confirmed_at=timezone.now()); "
        "s.follows.create(query='mal=sdg-12', confirmed_at=timezone.now()); "
        "s.follows.create(query='lan=dalarna', confirmed_at=timezone.now())",
    )
    token, _confirmed = token_of(site, email)
    page.goto(f"{base_url}/folj/hantera/{token}/")
    expect(page.locator("main")).to_contain_text(email)

    page.get_by_label(re.compile("^Varje dag")).check()
    page.get_by_label("English").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_have_text("Dina val är sparade.")
    assert page.get_by_label(re.compile("^Varje dag")).is_checked()
    assert page.get_by_label("English").is_checked()

    page.get_by_role("button", name=re.compile(r"^Ta bort\W+Dalarnas län$")).click()
    expect(page.get_by_role("status")).to_have_text("Borttaget.")
    expect(page.locator(".follow-list__item")).to_have_count(1)

    page.get_by_role("button", name="Avsluta och radera min adress").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har avslutat prenumerationen")
    page.goto(f"{base_url}/folj/hantera/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte längre")


def test_the_sample_management_page_lists_what_is_followed(page, base_url, javascript):
    page.goto(base_url + MANAGE_PATH)
    items = page.locator(".follow-list__item")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Östhammars kommun")
    expect(items.nth(1)).to_contain_text("Sökning: ”skola”")
    expect(items.nth(2)).to_contain_text("inte bekräftad")
