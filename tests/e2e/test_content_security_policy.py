"""No page's JavaScript or styles are refused by the Content-Security-Policy (docs/security.md):
every page type as a visitor, the API's documentation, and the admin's page editor with its
preview panel. Chromium reports each refusal on the console."""

import pytest

from tests.e2e.page_types import STORY, page_type_params
from tests.e2e.pages import SitePage

PASSWORD = "ett-langt-testlosenord-csp"


def refusals(page) -> list[str]:
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


@pytest.mark.parametrize("page_type", page_type_params())
def test_no_page_type_breaks_its_policy(page, base_url, page_type):
    found = refusals(page)
    site = SitePage(page, base_url).open(page_type.path)
    assert site.response.status == page_type.status
    assert "script-src 'self'" in site.response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    assert found == []


def test_the_api_documentation_runs_swagger_ui_within_its_policy(page, base_url):
    found = refusals(page)
    page.goto(base_url + "/api/v1/docs", wait_until="networkidle")
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert found == []


@pytest.fixture(scope="module")
def administrator(site):
    """A superuser, and the id of the story at STORY for the editor."""
    output = site.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from wagtail.models import Page\n"
        "User = get_user_model()\n"
        "user = User.objects.filter(username='csp-admin').first() or "
        "User.objects.create_superuser('csp-admin', 'csp@example.org', 'x')\n"
        f"user.set_password({PASSWORD!r}); user.save()\n"
        f"print('STORY', Page.objects.filter(slug={STORY.rstrip('/').rsplit('/', 1)[1]!r}).order_by('pk').first().pk)",
    )
    return int(output.split("STORY", 1)[1].split()[0])


def test_the_page_editor_and_its_preview_run_within_the_admins_policy(
    page, base_url, administrator
):
    page.set_default_timeout(60_000)
    found = refusals(page)
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Användarnamn").fill("csp-admin")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/admin/")
    # The story as an editor sees it, with Wagtail's userbar: still the public policy.
    page.goto(base_url + STORY, wait_until="networkidle")
    page.goto(f"{base_url}/admin/pages/{administrator}/edit/", wait_until="networkidle")
    page.locator("button[data-side-panel-toggle='preview']").first.click()
    page.frame_locator("iframe#w-preview-iframe").locator("h1").first.wait_for()
    assert found == []
