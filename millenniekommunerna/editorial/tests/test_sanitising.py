"""Script in anything an editor types — title, teaser, rich text, every StreamField block,
SEO fields, a municipality's introduction — never reaches a public page as script: it is
escaped, or dropped by Wagtail's rich-text whitelist."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from millenniekommunerna.stories.models import StoryPage

from .helpers import active_content, story_form_data

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
HANDLER = "<img src=x onerror=alert(1)>"


def paragraph_with_hostile_links():
    """Draftail's contentstate as the browser posts it, with a javascript: link, a link that
    tries to break out of its attribute, and script as text."""
    text = f"{SCRIPT} Läs mer här och där."
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": text,
                    "inlineStyleRanges": [],
                    "entityRanges": [
                        {"offset": text.index("här"), "length": 3, "key": 0},
                        {"offset": text.index("där"), "length": 3, "key": 1},
                    ],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(document.cookie)"},
                },
                "1": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": 'https://example.org/" onmouseover="alert(2)'},
                },
            },
        }
    )


HOSTILE_BODY = [
    ("heading", SCRIPT),
    ("paragraph", paragraph_with_hostile_links()),
    ("quote", {"text": HANDLER, "attribution": "<svg onload=alert(3)>"}),
    ("fact", {"value": "<b onclick=x>10</b>", "description": SCRIPT, "source": "javascript:x"}),
]


def streamfield_data(blocks):
    data = {"body-count": str(len(blocks))}
    for i, (kind, value) in enumerate(blocks):
        data.update({f"body-{i}-type": kind, f"body-{i}-deleted": "", f"body-{i}-order": str(i)})
        if isinstance(value, dict):
            data.update({f"body-{i}-value-{k}": v for k, v in value.items()})
        else:
            data[f"body-{i}-value"] = value
    return data


@pytest.fixture
def hostile_story(client, side_a, national_editor, goal):
    """Written by a municipality editor with script everywhere, approved and published by the
    national editor."""
    client.force_login(side_a.editor)
    data = story_form_data(
        title=f"Matsvinn {SCRIPT}",
        slug="matsvinn",
        teaser=f"Skolorna väger svinnet. {HANDLER}",
        goals=[goal],
        action="action-submit",
        seo_title=f"SEO {SCRIPT}",
        search_description=f"Beskrivning {HANDLER}",
    )
    data = {k: v for k, v in data.items() if not k.startswith("body-")}
    data.update(streamfield_data(HOSTILE_BODY))
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", side_a.page.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story = StoryPage.objects.get(slug="matsvinn")
    client.force_login(national_editor)
    task_state = story.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[story.pk, "approve", task_state.pk])
    )
    story.refresh_from_db()
    assert story.live
    client.logout()
    return story


@pytest.mark.parametrize("where", ["story", "municipality", "home", "stories", "english story"])
def test_script_typed_by_editors_never_runs_on_public_pages(client, hostile_story, where):
    url = {
        "story": hostile_story.url,
        "municipality": hostile_story.get_parent().url,
        "home": "/",
        "stories": "/berattelser/",
        "english story": "/en" + hostile_story.url,
    }[where]
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert active_content(html) == []
    # Escaped, not lost: the visitor sees the characters the editor typed.
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


def test_rich_text_keeps_safe_links_and_drops_javascript(client, hostile_story):
    html = client.get(hostile_story.url).content.decode()
    assert "alert(document.cookie)" not in html  # the javascript: link lost its href
    assert "<a>här</a>" in html
    # The other link stays, its quote escaped inside the attribute.
    assert 'href="https://example.org/&quot; onmouseover=&quot;alert(2)"' in html


def test_municipality_introduction_is_sanitised(client, side_a, national_editor):
    client.force_login(national_editor)
    page = side_a.page
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "municipality": page.municipality_id,
            "intro": rich_text(
                '<p><a href="javascript:alert(1)">klicka</a> <b onclick="x">fet</b></p>'
            ),
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = client.get(page.url).content.decode()
    assert active_content(html) == []
    assert "klicka" in html
