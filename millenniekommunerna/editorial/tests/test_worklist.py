"""The "To do" work list: a report and a dashboard panel of the stories an editor may edit
that have open review notes or quality problems."""

import csv
import io

import pytest
from django.urls import reverse

from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryReviewFlag

URL = "/admin/redaktion/att-atgarda/"
BODY = [("paragraph", "<p>Eleverna väger resterna varje dag.</p>")]


@pytest.fixture
def stories(side_a, side_b, goal):
    """A: one story without body text, one complete. B: one with a review note, one without
    goal."""
    a_missing = StoryPageFactory(parent=side_a.page, title="Salems berättelse utan text")
    a_missing.goals.set([goal])
    a_missing.save()
    a_done = StoryPageFactory(parent=side_a.page, title="Salems färdiga berättelse", body=BODY)
    a_done.goals.set([goal])
    a_done.save()
    b_note = StoryPageFactory(parent=side_b.page, title="Östhammars avklippta", body=BODY)
    b_note.goals.set([goal])
    b_note.review_flags.add(StoryReviewFlag(kind="teaser_incomplete", note="Slutar mitt i"))
    b_note.save()
    b_goal = StoryPageFactory(parent=side_b.page, title="Östhammars utan mål", body=BODY)
    return {"a_missing": a_missing, "a_done": a_done, "b_note": b_note, "b_goal": b_goal}


def titles(response):
    html = response.content.decode()
    return {
        title
        for title in (
            "Salems berättelse utan text",
            "Salems färdiga berättelse",
            "Östhammars avklippta",
            "Östhammars utan mål",
        )
        if title in html
    }


def test_a_municipality_editor_sees_only_their_own_stories_to_do(client, a_editor, stories):
    client.force_login(a_editor)
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == {"Salems berättelse utan text"}
    assert "Brödtext saknas" in response.content.decode()


def test_a_national_editor_sees_every_municipality_with_counts(client, national_editor, stories):
    client.force_login(national_editor)
    response = client.get(URL)
    assert titles(response) == {
        "Salems berättelse utan text",
        "Östhammars avklippta",
        "Östhammars utan mål",
    }
    counts = {label: n for _kind, label, n in response.context["counts"]}
    assert counts == {"Brödtext saknas": 1, "Ingressen är avklippt": 1, "Mål saknas": 1}
    assert "Slutar mitt i" in response.content.decode(), "a review note's own words are shown"


def test_the_list_filters_by_what_to_do_and_by_municipality(
    client, national_editor, stories, side_b
):
    client.force_login(national_editor)
    assert titles(client.get(URL, {"kind": "no_goal"})) == {"Östhammars utan mål"}
    by_municipality = client.get(URL, {"municipality": side_b.municipality.pk})
    assert titles(by_municipality) == {"Östhammars avklippta", "Östhammars utan mål"}


def test_the_list_exports_as_csv_with_the_same_scope(client, a_editor, stories):
    client.force_login(a_editor)
    response = client.get(URL, {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Berättelse", "Kommun", "Att åtgärda", "Detaljer"]
    assert [row[0] for row in rows[1:]] == ["Salems berättelse utan text"]
    assert rows[1][1] == "Salem"
    assert rows[1][6].endswith(f"/admin/pages/{stories['a_missing'].pk}/edit/")


def test_someone_without_stories_gets_no_list(client, outsider, stories):
    client.force_login(outsider)
    assert client.get("/admin/").status_code in (302, 403)  # no admin access at all


def test_the_dashboard_names_the_municipality_counts_and_offers_a_new_story(
    client, a_editor, stories, side_a
):
    client.force_login(a_editor)
    html = client.get("/admin/").content.decode()
    assert "Att åtgärda" in html
    assert "Berättelser i Salem." in html
    assert "1 berättelse har något att åtgärda." in html
    new_story = reverse("wagtailadmin_pages:add", args=["stories", "storypage", side_a.page.pk])
    assert f'href="{new_story}"' in html
    assert f'href="{URL}?kind=body_missing"' in html


def test_the_reports_menu_offers_the_list_to_editors(client, a_editor, stories):
    client.force_login(a_editor)
    assert f'"{URL}"' in client.get("/admin/").content.decode()


def test_the_dashboard_lists_changes_requested_and_drafts(client, side_a, national_editor, goal):
    from millenniekommunerna.editorial.tests.test_workflow import create_story, workflow_action

    asked = create_story(
        client, side_a.editor, side_a.page, goals=[goal], action="action-submit", title="Ombedd"
    )
    client.force_login(national_editor)
    workflow_action(client, asked, "reject", comment="Mer om skolorna.")
    draft = StoryPageFactory(parent=side_a.page, title="Mitt utkast", live=False)
    draft.save_revision(user=side_a.editor)

    client.force_login(side_a.editor)
    html = client.get("/admin/").content.decode()
    panel = html[html.index('class="mk-worklist-panel"') :]
    changes = panel[panel.index("Ändringar begärda") : panel.index("Utkast")]
    drafts = panel[panel.index("Utkast") :]
    assert "Ombedd" in changes and "Mitt utkast" not in changes
    assert "Mitt utkast" in drafts and "Ombedd" not in drafts.split("</ul>")[0]
