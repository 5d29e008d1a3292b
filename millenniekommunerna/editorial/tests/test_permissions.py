"""The permission matrix: an editor of municipality A (Salem) is refused every admin view of
municipality B's (Östhammar's) pages, drafts, revisions, images, collection and tips, sees none
of them in any listing, and cannot publish anything anywhere; a national editor can do all of
it. One test per boundary."""

import json

import pytest
from django.urls import reverse

from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.tips.models import Tip

from .helpers import png_upload, story_form_data

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    """Wagtail answers a permission error in the admin by sending the user to the dashboard
    (where it shows "no permission"); a few views answer 403, and views that look objects up
    among those the user may manage answer 404."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def ctx(b_objects, side_a, side_b, editorial):
    draft = b_objects["draft"]
    first, second = draft.revisions.order_by("pk")[:2]
    submitted = StoryPage.objects.get(pk=b_objects["live"].pk)
    editorial.workflow.start(submitted, side_b.editor)
    return {
        **b_objects,
        "page": side_b.page,
        "a_page": side_a.page,
        "collection": side_b.group_link.collection,
        "first": first,
        "second": second,
        "submitted": submitted,
        "task_state": submitted.current_workflow_task_state,
    }


# Views of one of B's objects: (name, URL, status for the national editor).
OBJECT_VIEWS = {
    "edit draft": (lambda c: reverse("wagtailadmin_pages:edit", args=[c["draft"].pk]), 200),
    "edit live story": (lambda c: reverse("wagtailadmin_pages:edit", args=[c["live"].pk]), 200),
    "edit municipality page": (
        lambda c: reverse("wagtailadmin_pages:edit", args=[c["page"].pk]),
        200,
    ),
    "add child": (
        lambda c: reverse("wagtailadmin_pages:add", args=["stories", "storypage", c["page"].pk]),
        200,
    ),
    "choose child type": (
        lambda c: reverse("wagtailadmin_pages:add_subpage", args=[c["page"].pk]),
        302,
    ),
    "delete": (lambda c: reverse("wagtailadmin_pages:delete", args=[c["draft"].pk]), 200),
    "move": (lambda c: reverse("wagtailadmin_pages:move", args=[c["draft"].pk]), 200),
    "move confirmation": (
        lambda c: reverse("wagtailadmin_pages:move_confirm", args=[c["draft"].pk, c["a_page"].pk]),
        200,
    ),
    "copy": (lambda c: reverse("wagtailadmin_pages:copy", args=[c["draft"].pk]), 200),
    "unpublish": (lambda c: reverse("wagtailadmin_pages:unpublish", args=[c["live"].pk]), 200),
    "history": (lambda c: reverse("wagtailadmin_pages:history", args=[c["draft"].pk]), 200),
    "revision": (
        lambda c: reverse("wagtailadmin_pages:revisions_view", args=[c["draft"].pk, c["first"].pk]),
        200,
    ),
    "compare revisions": (
        lambda c: reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[c["draft"].pk, c["first"].pk, c["second"].pk],
        ),
        200,
    ),
    "revert to revision": (
        lambda c: reverse(
            "wagtailadmin_pages:revisions_revert", args=[c["draft"].pk, c["first"].pk]
        ),
        200,
    ),
    "preview": (lambda c: reverse("wagtailadmin_pages:preview_on_edit", args=[c["draft"].pk]), 200),
    "view draft": (lambda c: reverse("wagtailadmin_pages:view_draft", args=[c["draft"].pk]), 200),
    "workflow history": (
        lambda c: reverse("wagtailadmin_pages:workflow_history", args=[c["submitted"].pk]),
        200,
    ),
    "workflow preview": (
        lambda c: reverse(
            "wagtailadmin_pages:workflow_preview",
            args=[c["submitted"].pk, c["task_state"].task_id],
        ),
        200,
    ),
    "approve dialog": (
        lambda c: reverse(
            "wagtailadmin_pages:workflow_action",
            args=[c["submitted"].pk, "approve", c["task_state"].pk],
        ),
        200,
    ),
    "usage": (lambda c: reverse("wagtailadmin_pages:usage", args=[c["draft"].pk]), 200),
    "privacy": (lambda c: reverse("wagtailadmin_pages:set_privacy", args=[c["draft"].pk]), 200),
    "image edit": (lambda c: reverse("wagtailimages:edit", args=[c["image"].pk]), 200),
    "image delete": (lambda c: reverse("wagtailimages:delete", args=[c["image"].pk]), 200),
    "image usage": (lambda c: reverse("wagtailimages:image_usage", args=[c["image"].pk]), 200),
    "collection edit": (
        lambda c: reverse("wagtailadmin_collections:edit", args=[c["collection"].pk]),
        200,
    ),
    "collection delete": (
        lambda c: reverse("wagtailadmin_collections:delete", args=[c["collection"].pk]),
        200,
    ),
    "tip": (lambda c: reverse("wagtailsnippets_tips_tip:inspect", args=[c["tip"].pk]), 200),
    "tip edit": (lambda c: reverse("wagtailsnippets_tips_tip:edit", args=[c["tip"].pk]), 200),
    "tip delete": (lambda c: reverse("wagtailsnippets_tips_tip:delete", args=[c["tip"].pk]), 200),
    "tip history": (lambda c: reverse("wagtailsnippets_tips_tip:history", args=[c["tip"].pk]), 200),
    "tip image": (lambda c: reverse("tips_admin:image", args=[c["tip"].pk]), 200),
    "tip to story": (lambda c: reverse("tips_admin:convert", args=[c["tip"].pk]), 200),
}


@pytest.mark.parametrize("view", OBJECT_VIEWS)
def test_a_editor_is_refused_every_view_of_b(client, a_editor, ctx, view):
    url = OBJECT_VIEWS[view][0](ctx)
    client.force_login(a_editor)
    response = client.get(url)
    assert refused(response), (url, response.status_code, response.get("Location"))


@pytest.mark.parametrize("view", OBJECT_VIEWS)
def test_national_editor_may_open_every_view_of_b(client, national_editor, ctx, view):
    url, status = OBJECT_VIEWS[view][0](ctx), OBJECT_VIEWS[view][1]
    client.force_login(national_editor)
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.get("Location"))
    assert not refused(response)


# Listings where B's objects must not show for an A-editor and must show for a national
# editor: (URL, text that identifies B's object).
LISTINGS = {
    "page search": (
        lambda c: reverse("wagtailadmin_pages:search") + "?q=Hemligt",
        "Hemligt utkast",
    ),
    "stories listing": (
        lambda c: reverse("wagtailadmin_pages:type_use", args=["stories", "storypage"]),
        "Hemligt utkast",
    ),
    "page chooser": (
        lambda c: reverse("wagtailadmin_choose_page_child", args=[c["page"].pk]),
        "Hemligt utkast",
    ),
    "page chooser search": (
        lambda c: reverse("wagtailadmin_choose_page_search") + "?q=Hemligt",
        "Hemligt utkast",
    ),
    "explorer API": (lambda c: "/admin/api/main/pages/?search=Hemligt", "Hemligt utkast"),
    "dashboard": (lambda c: reverse("wagtailadmin_home"), "Publicerad i Östhammar"),
    "site history": (lambda c: reverse("wagtailadmin_reports:site_history"), "Hemligt utkast"),
    "workflow report": (
        lambda c: reverse("wagtailadmin_reports:workflow"),
        "Publicerad i Östhammar",
    ),
    "workflow tasks report": (
        lambda c: reverse("wagtailadmin_reports:workflow_tasks"),
        "Publicerad i Östhammar",
    ),
    "aging pages report": (
        lambda c: reverse("wagtailadmin_reports:aging_pages"),
        "Publicerad i Östhammar",
    ),
    "images": (lambda c: reverse("wagtailimages:index"), "Östhammars bild"),
    "image chooser": (lambda c: reverse("wagtailimages_chooser:choose"), "Östhammars bild"),
    "tips": (lambda c: reverse("wagtailsnippets_tips_tip:list"), "Tips om Östhammar"),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_editor_sees_nothing_of_b_in_listings(client, a_editor, ctx, listing):
    url, text = LISTINGS[listing][0](ctx), LISTINGS[listing][1]
    client.force_login(a_editor)
    response = client.get(url)
    assert response.status_code == 200 or refused(response)
    assert text not in content(response)


@pytest.mark.parametrize("listing", LISTINGS)
def test_national_editor_sees_b_in_listings(client, national_editor, ctx, listing):
    url, text = LISTINGS[listing][0](ctx), LISTINGS[listing][1]
    client.force_login(national_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert text in content(response)


def content(response) -> str:
    """The page's HTML, also when a chooser sends it inside JSON."""
    text = response.content.decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text


def test_a_editor_exploring_b_is_sent_to_own_municipality(client, a_editor, ctx):
    client.force_login(a_editor)
    response = client.get(reverse("wagtailadmin_explore", args=[ctx["page"].pk]), follow=True)
    assert response.redirect_chain[0][0] == reverse("wagtailadmin_explore", args=[ctx["a_page"].pk])
    assert "Hemligt utkast" not in response.content.decode()


def test_national_editor_explores_b(client, national_editor, ctx):
    client.force_login(national_editor)
    response = client.get(reverse("wagtailadmin_explore", args=[ctx["page"].pk]))
    assert response.status_code == 200
    assert "Hemligt utkast" in response.content.decode()


def test_a_editor_sees_no_collections_admin(client, a_editor, ctx):
    client.force_login(a_editor)
    assert refused(client.get(reverse("wagtailadmin_collections:index")))


# Actions on B's objects, posted: each must be refused for an A-editor and change nothing, and
# must work for a national editor.


def _post_publish(client, c):
    page = c["draft"]
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        story_form_data(
            title=page.title, slug=page.slug, goals=page.goals.all(), action="action-publish"
        ),
    )


ACTIONS = {
    "publish": (
        _post_publish,
        lambda c: StoryPage.objects.get(pk=c["draft"].pk).live,
    ),
    "delete": (
        lambda client, c: client.post(reverse("wagtailadmin_pages:delete", args=[c["draft"].pk])),
        lambda c: not StoryPage.objects.filter(pk=c["draft"].pk).exists(),
    ),
    "move": (
        lambda client, c: client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[c["draft"].pk, c["a_page"].pk])
        ),
        lambda c: StoryPage.objects.get(pk=c["draft"].pk).get_parent().pk == c["a_page"].pk,
    ),
    "unpublish": (
        lambda client, c: client.post(reverse("wagtailadmin_pages:unpublish", args=[c["live"].pk])),
        lambda c: not StoryPage.objects.get(pk=c["live"].pk).live,
    ),
    "lock": (
        lambda client, c: client.post(reverse("wagtailadmin_pages:lock", args=[c["draft"].pk])),
        lambda c: StoryPage.objects.get(pk=c["draft"].pk).locked,
    ),
    "approve": (
        lambda client, c: client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[c["submitted"].pk, "approve", c["task_state"].pk],
            ),
            {"comment": ""},
        ),
        lambda c: (
            StoryPage.objects.get(pk=c["submitted"].pk).title
            == "Publicerad i Östhammar, ny version"
        ),
    ),
    "image edit": (
        lambda client, c: client.post(
            reverse("wagtailimages:edit", args=[c["image"].pk]),
            {
                "title": "Ändrad",
                "description": "Ändrad beskrivning av bilden",
                "collection": c["collection"].pk,
                "tags": "",
            },
        ),
        lambda c: type(c["image"]).objects.get(pk=c["image"].pk).title == "Ändrad",
    ),
    "image delete": (
        lambda client, c: client.post(reverse("wagtailimages:delete", args=[c["image"].pk])),
        lambda c: not type(c["image"]).objects.filter(pk=c["image"].pk).exists(),
    ),
    "upload into B's collection": (
        lambda client, c: client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Uppladdad",
                "description": "Elever väger matrester i skolans matsal",
                "collection": c["collection"].pk,
                "file": png_upload(),
            },
        ),
        lambda c: (
            type(c["image"]).objects.filter(title="Uppladdad", collection=c["collection"]).exists()
        ),
    ),
    "tip status": (
        lambda client, c: client.post(
            reverse("wagtailsnippets_tips_tip:edit", args=[c["tip"].pk]),
            {"status": "declined", "editor_note": ""},
        ),
        lambda c: Tip.objects.get(pk=c["tip"].pk).status == "declined",
    ),
    "tip delete": (
        lambda client, c: client.post(
            reverse("wagtailsnippets_tips_tip:delete", args=[c["tip"].pk])
        ),
        lambda c: not Tip.objects.filter(pk=c["tip"].pk).exists(),
    ),
    "tip to story": (
        lambda client, c: client.post(reverse("tips_admin:convert", args=[c["tip"].pk])),
        lambda c: Tip.objects.get(pk=c["tip"].pk).story_id is not None,
    ),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_a_editor_cannot_act_on_b(client, a_editor, ctx, action):
    perform, happened = ACTIONS[action]
    client.force_login(a_editor)
    perform(client, ctx)
    assert not happened(ctx)


@pytest.mark.parametrize("action", ACTIONS)
def test_national_editor_can_act_on_b(client, national_editor, ctx, action):
    perform, happened = ACTIONS[action]
    client.force_login(national_editor)
    perform(client, ctx)
    assert happened(ctx)
