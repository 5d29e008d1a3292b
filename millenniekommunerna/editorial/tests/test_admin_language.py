"""Every string an editor meets in the Swedish admin is Swedish: the project's own and
Wagtail's (admin_translations/ fills what Wagtail's Swedish catalogue lacks), with one word for
review, "granskning". Walks a municipality editor's pages — the dashboard, the page list, a
story with changes requested, a new story, images, the work list, the account — and fails on
English it finds in visible text, labels and the admin's script strings."""

import html
import json
import re

import pytest
from django.urls import reverse

from millenniekommunerna.stories.factories import StoryPageFactory

from .test_workflow import create_story, workflow_action

pytestmark = pytest.mark.django_db

# What editors met in English, and the words the site does not use for review.
LEFTOVERS = [
    "Saved",
    "Autosave is",
    "Changes requested",
    "Show issue",
    "A network error occurred",
    "Edit account avatar",
    "Anyone with editing permissions",
    "Validation error",
    "Search options",
    "Troubleshoot your connection",
    re.compile(r"\d+-\d+ of \d+"),
    re.compile(r"\bmoderer", re.IGNORECASE),
    re.compile(r"\bavvisad", re.IGNORECASE),
]


def visible_strings(page):
    """Text nodes, labels and tooltips, without scripts, styles and Stimulus attributes."""
    body = re.sub(r"(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->", "", page)
    texts = [html.unescape(t).strip() for t in re.findall(r">([^<]+)<", body)]
    attributes = re.findall(
        r'(?:aria-label|title|placeholder|alt|data-w-tooltip-content-value)="([^"]*)"', body
    )
    return [t for t in texts + [html.unescape(a) for a in attributes] if t]


def leftovers(strings):
    found = []
    for text in strings:
        for leftover in LEFTOVERS:
            hit = leftover.search(text) if hasattr(leftover, "search") else leftover in text
            if hit:
                found.append(text[:120])
    return found


@pytest.fixture
def story_with_changes_requested(client, side_a, national_editor, goal):
    story = create_story(client, side_a.editor, side_a.page, goals=[goal], action="action-submit")
    client.force_login(national_editor)
    workflow_action(client, story, "reject", comment="Skriv vilka skolor som deltar.")
    return story


def test_an_editors_admin_pages_are_in_swedish(client, side_a, story_with_changes_requested):
    StoryPageFactory(parent=side_a.page, title="En publicerad berättelse")
    story = story_with_changes_requested
    client.force_login(side_a.editor)
    pages = {
        "dashboard": "/admin/",
        "page list": reverse("wagtailadmin_explore", args=[side_a.page.pk]),
        "story with changes requested": reverse("wagtailadmin_pages:edit", args=[story.pk]),
        "new story": reverse(
            "wagtailadmin_pages:add", args=["stories", "storypage", side_a.page.pk]
        ),
        "history": reverse("wagtailadmin_pages:history", args=[story.pk]),
        "images": reverse("wagtailimages:index"),
        "image upload": reverse("wagtailimages:add_multiple"),
        "work list": "/admin/redaktion/att-atgarda/",
        "account": reverse("wagtailadmin_account"),
    }
    found = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        english = leftovers(visible_strings(response.content.decode()))
        if english:
            found[name] = english
    assert found == {}


def test_the_admins_script_strings_are_in_swedish(client, side_a):
    client.force_login(side_a.editor)
    catalogue = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    # The catalogue is JavaScript with the strings JSON-encoded (non-ASCII escaped).
    for swedish in ("Sök bland valen…", "Ändringarna har sparats automatiskt."):
        assert json.dumps(swedish) in catalogue or swedish in catalogue


def test_the_status_of_a_story_with_changes_requested_says_so(
    client, side_a, story_with_changes_requested
):
    client.force_login(side_a.editor)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[story_with_changes_requested.pk]))
    assert "Ändringar begärda" in edit.content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=[side_a.page.pk]))
    assert "ändringar begärda" in listing.content.decode().lower()


def test_the_leftover_check_finds_english():
    """The check itself must be able to fail."""
    page = '<p>Saved</p><button aria-label="Show issue"></button><span>1-2 of 2 sidor</span>'
    assert leftovers(visible_strings(page)) == ["Saved", "1-2 of 2 sidor", "Show issue"]
