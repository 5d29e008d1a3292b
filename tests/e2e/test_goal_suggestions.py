"""An editor writing in the story editor sees the goals that fit her text suggested, with the
words that led to each, and adds one with one click: it is ticked in the story's goal list
like any goal she ticks herself, and the published story does not change until she saves or
publishes. Without the script, or when the suggestions cannot be fetched, the editor works as
it did."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.e2e.pages.admin import AdminSession, StoryEditor

PASSWORD = "ett-langt-testlosenord-2024"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
STORY = "Service på lika villkor"  # Örebro's seed story, goals MDG 3 and SDG 5
SDG_12 = "Mål 12 Hållbar konsumtion och produktion"
MATSVINN = (
    "Kökspersonalen i Örebros skolkök vägde matsvinnet under en månad. Nu planeras "
    "portionerna efter hur många elever som äter, och mindre mat hamnar i soporna."
)


@pytest.fixture(scope="module")
def story_id(site):
    """Eva edits for Örebro (1880). The model is trained as at deploy."""
    site.manage("create_editor", "eva@orebro.se", "--municipality", "1880", "--no-email")
    site.manage("train_goal_suggestions")
    output = site.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from millenniekommunerna.stories.models import StoryPage\n"
        "user = get_user_model().objects.get(username='eva@orebro.se')\n"
        f"user.set_password({PASSWORD!r}); user.save()\n"
        f"print('STORY', StoryPage.objects.get(title={STORY!r}).pk)",
    )
    return int(re.search(r"STORY (\d+)", output).group(1))


def stored_story(site, story_id) -> str:
    """The story as the database holds it (what visitors see): teaser and goals."""
    return site.manage(
        "shell",
        "-c",
        "from millenniekommunerna.stories.models import StoryPage\n"
        f"s = StoryPage.objects.get(pk={story_id})\n"
        "print(s.teaser, '|', ' '.join(s.goals.order_by('slug').values_list('slug', flat=True)))",
    )


def test_a_suggested_goal_is_added_with_one_click_and_not_saved(
    page, base_url, site, story_id, screenshot
):
    expect.set_options(timeout=30_000)
    page.set_default_timeout(60_000)
    before = stored_story(site, story_id)
    assert before.strip().endswith("| mdg-3 sdg-5")
    AdminSession(page, base_url).log_in("eva@orebro.se", PASSWORD)
    editor = StoryEditor(page, base_url).open(story_id)

    suggestions = page.get_by_role("region", name="Föreslagna mål")
    expect(suggestions).to_contain_text("Jämställdhet")  # the story's own text
    editor.teaser.fill(MATSVINN)
    item = suggestions.get_by_role("listitem").filter(has_text=SDG_12)
    expect(item).to_contain_text(re.compile(r"Ord i texten: .*matsvinnet"))
    goal = page.get_by_role("checkbox", name=SDG_12, exact=True)
    expect(goal).not_to_be_checked()  # suggested, not added
    suggestions.get_by_role("button", name=f"Lägg till: {SDG_12}").scroll_into_view_if_needed()
    screenshot("goal-suggestions", width=1280)

    suggestions.get_by_role("button", name=f"Lägg till: {SDG_12}").click()
    expect(goal).to_be_checked()
    expect(page.locator("[data-mk-checklist-chosen]").first).to_contain_text(SDG_12)
    expect(suggestions.get_by_role("button", name=f"Valt: {SDG_12}")).to_be_disabled()
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]
    page.set_viewport_size({"width": 375, "height": 900})
    suggestions.scroll_into_view_if_needed()
    width = page.evaluate("document.querySelector('.mk-goal-suggestions').scrollWidth")
    assert width <= page.evaluate("document.querySelector('.mk-goal-suggestions').clientWidth")
    screenshot("goal-suggestions", width=375)

    # The published story is as it was: the click changed the form, not the story. (Wagtail's
    # autosave keeps the form as a draft revision, as it does with every change an editor
    # makes; the goal reaches the story when she publishes.)
    assert stored_story(site, story_id) == before


def test_without_the_script_the_editor_works_as_before(page, base_url, story_id):
    """Wagtail's editor itself needs JavaScript; this one script is only an addition to it."""
    page.route("**/suggestions/goal-suggestions*.js", lambda route: route.abort())
    AdminSession(page, base_url).log_in("eva@orebro.se", PASSWORD)
    editor = StoryEditor(page, base_url).open(story_id)
    expect(page.get_by_role("checkbox", name="Mål 5 Jämställdhet", exact=True)).to_be_checked()
    editor.choose_goals(SDG_12)
    expect(page.get_by_role("region", name="Föreslagna mål")).to_have_count(0)


def test_when_the_suggestions_cannot_be_fetched_the_editor_is_told_so(page, base_url, story_id):
    page.route("**/admin/malforslag/", lambda route: route.fulfill(status=500, body="fel"))
    AdminSession(page, base_url).log_in("eva@orebro.se", PASSWORD)
    StoryEditor(page, base_url).open(story_id)
    expect(page.get_by_role("region", name="Föreslagna mål")).to_contain_text(
        "Förslagen kunde inte hämtas. Redigeringen fungerar som vanligt."
    )
    expect(page.get_by_role("region", name="Föreslagna mål").get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("checkbox", name="Mål 5 Jämställdhet", exact=True)).to_be_checked()
