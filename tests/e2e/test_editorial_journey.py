"""The editorial journey end to end: a municipality editor (Salem) writes a story with an
image and submits it; the national editor requests a change; the editor fixes it and submits
again; the national editor approves, and the story is on the home page and Salem's page. And a
visitor's tip, which the national editor turns into a draft story."""

import io
import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.pages import HomePage, MunicipalityPage, SitePage
from tests.e2e.pages.admin import AdminSession, StoryEditor

PASSWORD = "ett-langt-testlosenord-2024"
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def admin_messages(page):
    """Wagtail's messages to the editor (the editor has other live regions too, such as the
    goal suggestions' status)."""
    return page.locator('.messages[role="status"]')


def assert_axe_clean(page):
    # Wagtail's messages fade in: measured mid-animation, their colours are blends.
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity)"
        ".map((a) => a.finished))"
    )
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]


class Steps:
    """Counts the page loads and clicks of a journey, for the closing note's before/after."""

    def __init__(self, page):
        self.loads = 0
        page.on("load", lambda _page: self._loaded())

    def _loaded(self):
        self.loads += 1


TITLE = "Salems skolor halverar matsvinnet"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE"}


@pytest.fixture(scope="module")
def editors(site):
    """Anna edits for Salem (0128), Nina is a national editor. The accounts are made with the
    command an administrator uses; the passwords are set here instead of by the emailed link."""
    site.manage("create_editor", "anna@salem.se", "--municipality", "0128", "--no-email")
    site.manage("create_editor", "nina@example.org", "--national", "--no-email")
    output = site.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "from millenniekommunerna.municipalities.models import MunicipalityPage\n"
        "for name in ('anna@salem.se', 'nina@example.org'):\n"
        "    user = get_user_model().objects.get(username=name)\n"
        f"    user.set_password({PASSWORD!r}); user.save()\n"
        "print('SALEM', MunicipalityPage.objects.get(municipality__code='0128').pk)",
    )
    return {"salem_page_id": int(re.search(r"SALEM (\d+)", output).group(1))}


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "skolmatsal.png"
    image = Image.new("RGB", (960, 640), (46, 125, 50))
    # A pixel of its own, so that Wagtail never takes it for a duplicate of an earlier upload.
    image.putpixel((0, 0), tuple(os.urandom(3)))
    for x in range(0, 960, 40):
        image.paste((250, 200, 60), (x, 300, x + 20, 340))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_editor_writes_reviewer_requests_change_editor_fixes_reviewer_approves(
    page, base_url, editors, photo, screenshot
):
    # The admin saves, notifies and re-renders on each step; give a busy machine time.
    expect.set_options(timeout=30_000)
    page.set_default_timeout(60_000)
    admin = AdminSession(page, base_url)
    editor = StoryEditor(page, base_url)
    steps = Steps(page)

    # Anna writes the story with an image and a goal, and submits it.
    admin.log_in("anna@salem.se", PASSWORD)
    # Her dashboard names her municipality and leads to a new story.
    expect(page.get_by_role("region", name="Att åtgärda")).to_contain_text("Salem")
    assert_axe_clean(page)
    screenshot("editor-dashboard", width=1280)
    editor.open_new(editors["salem_page_id"])
    editor.title.fill(TITLE)
    editor.teaser.fill("Skolorna i Salem väger matsvinnet varje dag. På två år har det halverats.")
    editor.upload_main_image(photo, "Skolmatsal i Salem", "Elever väger matrester i skolans matsal")
    editor.choose_goals("Mål 12 Hållbar konsumtion och produktion")
    screenshot("editor-new-story", width=1280)
    editor.submit_for_review()
    status = admin_messages(page)
    # Wagtail's autosave may have created the draft already, so either message may show.
    expect(status).to_contain_text(
        re.compile(f"Sidan ”{TITLE}” (skapades och skickades|har skickats) till granskning")
    )
    story_id = int(
        re.search(
            r"/admin/pages/(\d+)/edit/",
            status.get_by_role("link", name="Redigera").get_attribute("href"),
        ).group(1)
    )
    # Not public yet.
    assert (
        page.request.get(base_url + "/kommuner/salem/salems-skolor-halverar-matsvinnet/").status
        == 404
    )

    # Nina asks for a change, with a comment.
    admin.log_in("nina@example.org", PASSWORD)
    expect(page.get_by_text("Inväntar din granskning")).to_be_visible()
    editor.open(story_id)
    editor.request_changes("Skriv gärna hur många skolor som är med.")
    expect(admin_messages(page)).to_contain_text(TITLE)

    # Anna sees the comment, fixes the teaser and submits again.
    admin.log_in("anna@salem.se", PASSWORD)
    editor.open(story_id)
    # The request is in plain view on opening the page: who asked, and what.
    banner = page.locator(".messages").get_by_text("Ändringar begärda av nina@example.org")
    expect(banner).to_be_visible()
    expect(page.locator(".messages")).to_contain_text("Skriv gärna hur många skolor som är med.")
    assert_axe_clean(page)
    screenshot("editor-sees-requested-changes", width=375)
    page.set_viewport_size({"width": 1280, "height": 900})
    details = editor.review_details()
    expect(details).to_contain_text("Skriv gärna hur många skolor som är med.")
    screenshot("editor-changes-requested", width=1280)
    details.get_by_role("button", name="Stäng").click()
    editor.teaser.fill(
        "Alla sju skolor i Salem väger matsvinnet varje dag. På två år har det halverats."
    )
    editor.resubmit()
    expect(admin_messages(page)).to_contain_text(TITLE)

    # Nina approves, which publishes.
    admin.log_in("nina@example.org", PASSWORD)
    editor.open(story_id)
    editor.approve()
    expect(admin_messages(page)).to_contain_text(TITLE)
    page.context.clear_cookies()

    # The story is on the home page and on Salem's page, with its image and alt text.
    home = HomePage(page, base_url).open()
    card = next(c for c in home.cards if c.title == TITLE)
    expect(
        card.root.get_by_role("img", name="Elever väger matrester i skolans matsal")
    ).to_be_visible()
    assert "Alla sju skolor" in card.root.inner_text()
    screenshot("home-with-approved-story", width=1280)
    municipality = MunicipalityPage(page, base_url).open("/kommuner/salem/")
    assert [c.title for c in municipality.cards] == [TITLE]
    municipality.cards[0].read_more.click()
    expect(page.locator("h1")).to_have_text(TITLE)
    screenshot("approved-story", width=375)
    print(f"editorial journey: {steps.loads} page loads")


def test_visitor_sends_a_tip_and_the_national_editor_makes_a_draft_story_of_it(
    page, base_url, editors, photo, screenshot
):
    expect.set_options(timeout=30_000)
    page.set_default_timeout(60_000)
    page.goto(base_url + "/tipsa/")
    # Sent empty: what is missing is listed at the top, in Swedish, each linked to its field.
    page.get_by_role("button", name="Skicka tipset").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Tipset skickades inte")
    expect(alert.get_by_role("link", name=re.compile("^Kommun"))).to_have_attribute(
        "href", "#id_municipality"
    )
    violations = (
        Axe()
        .run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        .response["violations"]
    )
    assert violations == [], violations
    screenshot("tip-form-errors", width=375)

    form = page.get_by_role("main")
    form.get_by_label("Kommun").select_option(label="Salem")
    form.get_by_label("Vad handlar berättelsen om?").fill("Solceller på Salems skolor")
    form.get_by_label("Berätta mer").fill(
        "Alla skolor i Salem har fått solceller på taken.\n\nEleverna följer produktionen."
    )
    form.get_by_label("Bild (frivilligt)").set_input_files(str(photo))
    form.get_by_label("Vad visar bilden?").fill("Solceller på ett skoltak")
    form.get_by_label("Ditt namn").fill("Karin Andersson")
    form.get_by_label("Din e-postadress").fill("karin@example.org")
    form.get_by_label("Redaktionen får kontakta mig").check()
    form.get_by_role("button", name="Skicka tipset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för ditt tips")

    AdminSession(page, base_url).log_in("nina@example.org", PASSWORD)
    page.goto(base_url + "/admin/snippets/tips/tip/")
    page.get_by_role("link", name="Solceller på Salems skolor").click()
    expect(page.get_by_role("img", name="Solceller på ett skoltak")).to_be_visible()
    expect(page.locator("main")).to_contain_text("karin@example.org")
    page.get_by_role("link", name="Gör till utkast till berättelse").click()
    page.get_by_role("button", name="Skapa utkastet").click()
    # The draft opens in the editor, which says what it still needs before review.
    expect(admin_messages(page)).to_contain_text("Utkastet ”Solceller på Salems skolor”")
    expect(admin_messages(page)).to_contain_text("Välj minst ett mål")
    screenshot("draft-from-tip", width=1280)
    page.context.clear_cookies()
    response = page.request.get(base_url + "/kommuner/salem/solceller-pa-salems-skolor/")
    assert response.status == 404  # a draft, not published


def test_editor_translates_a_story_into_english_and_the_national_editor_publishes_it(
    page, base_url, editors, site, screenshot
):
    expect.set_options(timeout=30_000)
    page.set_default_timeout(60_000)
    output = site.manage(
        "shell",
        "-c",
        "from millenniekommunerna.goals.models import Goal\n"
        "from millenniekommunerna.stories.factories import StoryPageFactory\n"
        "story = StoryPageFactory(municipality_code='0128', title='Solceller på Salems tak',\n"
        "    slug='solceller-pa-salems-tak', teaser='Salem har satt solceller på skolornas tak.',\n"
        "    goals=list(Goal.objects.filter(slug='sdg-7')))\n"
        "story.save_revision().publish()\n"
        "print('STORY', story.pk)",
    )
    story_id = int(re.search(r"STORY (\d+)", output).group(1))
    admin = AdminSession(page, base_url)
    editor = StoryEditor(page, base_url)

    # Anna translates the Swedish story from its editor's action menu.
    admin.log_in("anna@salem.se", PASSWORD)
    editor.open(story_id)
    page.get_by_role("button", name="Handlingar").click()
    page.get_by_role("link", name="Översätt till engelska").click()
    page.get_by_role("button", name="Skapa utkastet till översättning").click()
    expect(admin_messages(page)).to_contain_text("Utkastet till översättning har skapats")
    translation_id = editor.page_id()
    # The translation asks for text only: goals and years stay on the Swedish story.
    expect(page.get_by_role("group", name=re.compile("^Mål"))).to_have_count(0)
    editor.title.fill("Solar panels on Salem's roofs")
    editor.teaser.fill("Salem has put solar panels on the roofs of its schools.")
    screenshot("editor-translation", width=1280)
    editor.submit_for_review()
    expect(admin_messages(page)).to_contain_text("till granskning")
    page.context.clear_cookies()
    # Not shown before review: the English page still shows the Swedish story.
    response = page.request.get(base_url + "/en/kommuner/salem/solceller-pa-salems-tak/")
    assert response.status == 200 and "only available in Swedish" in response.text()

    # Nina approves, which publishes the translation.
    admin.log_in("nina@example.org", PASSWORD)
    editor.open(translation_id)
    editor.approve()
    expect(admin_messages(page)).to_contain_text("Solar panels on Salem")
    page.context.clear_cookies()

    SitePage(page, base_url).open("/kommuner/salem/solceller-pa-salems-tak/").switch_language(
        "English"
    )
    # The translation's address is the Swedish one's with "-en" unless the editor changes it.
    assert page.url == base_url + "/en/kommuner/salem/solceller-pa-salems-tak-en/"
    expect(page.locator("main h1")).to_have_text("Solar panels on Salem's roofs")
    expect(page.locator("main .language-notice")).to_have_count(0)
    expect(page.locator("main .story__municipality")).to_have_text("Salem Municipality")


def test_editor_finds_what_to_do_from_the_dashboard(page, base_url, site, screenshot):
    """Kristinehamn's editor opens the admin: the dashboard names the municipality and counts
    what its seed story still needs; the work list shows it, filters it and exports it, and
    passes axe at phone and desktop width."""
    site.manage("create_editor", "karin@kristinehamn.se", "--municipality", "1781", "--no-email")
    site.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model\n"
        "user = get_user_model().objects.get(username='karin@kristinehamn.se')\n"
        f"user.set_password({PASSWORD!r}); user.save()",
    )
    expect.set_options(timeout=30_000)
    AdminSession(page, base_url).log_in("karin@kristinehamn.se", PASSWORD)
    panel = page.get_by_role("region", name="Att åtgärda")
    expect(panel).to_contain_text("Berättelser i Kristinehamn.")
    expect(panel).to_contain_text("1 berättelse har något att åtgärda.")
    expect(panel.get_by_role("link", name="Ny berättelse")).to_be_visible()
    screenshot("admin-dashboard-worklist", width=1280)
    screenshot("admin-dashboard-worklist", width=375)
    page.set_viewport_size({"width": 1280, "height": 900})

    panel.get_by_role("link", name="Brödtext saknas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Att åtgärda")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Skolor minskar matsvinn i rekordfart")
    expect(table).to_contain_text("Ingressen slutar mitt i en mening")
    assert "Kooperativ" not in table.inner_text(), "Karlstad's stories are not Karin's"
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        violations = (
            Axe()
            .run(
                page,
                options={
                    "runOnly": {
                        "type": "tag",
                        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
                    }
                },
            )
            .response["violations"]
        )
        assert violations == [], violations
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot("admin-worklist", width=width)
    export = page.request.get(base_url + "/admin/redaktion/att-atgarda/?export=csv")
    assert export.status == 200
    assert "Skolor minskar matsvinn i rekordfart" in export.text()


def test_editor_adds_a_result_publishes_and_later_confirms_nothing_is_new(
    page, base_url, editors, site, screenshot
):
    """Nina adds a measured result to a Salem story under "What came of it" and publishes it;
    a year later Anna, Salem's editor, finds nothing new and confirms it with one button: the
    page's history says so, and readers see the new date."""
    expect.set_options(timeout=30_000)
    page.set_default_timeout(60_000)
    output = site.manage(
        "shell",
        "-c",
        "from millenniekommunerna.goals.models import Goal\n"
        "from millenniekommunerna.stories.factories import StoryPageFactory\n"
        "story = StoryPageFactory(municipality_code='0128', title='Mindre matsvinn i Salem',\n"
        "    slug='mindre-matsvinn-i-salem', teaser='Salems skolor väger matsvinnet.',\n"
        "    goals=list(Goal.objects.filter(slug='sdg-12')))\n"
        "story.save_revision().publish()\n"
        "old = StoryPageFactory(municipality_code='0128', title='Gamla solceller i Salem',\n"
        "    slug='gamla-solceller-i-salem', teaser='Salem satte solceller på taken.',\n"
        "    goals=list(Goal.objects.filter(slug='sdg-7')))\n"
        "old.save_revision().publish()\n"
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "type(old).objects.filter(pk=old.pk).update(\n"
        "    last_reviewed_at=timezone.now() - timedelta(days=3 * 365))\n"
        "print('STORY', story.pk)",
    )
    story_id = int(re.search(r"STORY (\d+)", output).group(1))
    admin = AdminSession(page, base_url)
    editor = StoryEditor(page, base_url)

    admin.log_in("nina@example.org", PASSWORD)
    editor.open(story_id)
    page.locator("#id_results-ADD").click()
    values = {
        "indicator": "Matsvinn per elev och dag",
        "unit": "g",
        "baseline_value": "62",
        "baseline_year": "2011",
        "latest_value": "38",
        "latest_year": "2014",
        "source": "Kostenheten",
    }
    for name, value in values.items():
        page.locator(f'[name="results-0-{name}"]').fill(value)
    editor._action("Publicera")
    expect(admin_messages(page)).to_contain_text("Mindre matsvinn i Salem")
    saved = site.manage(
        "shell",
        "-c",
        "from millenniekommunerna.stories.models import StoryPage\n"
        f"story = StoryPage.objects.get(pk={story_id})\n"
        "for r in story.results.all():\n"
        "    print('RESULT', r.indicator, r.baseline_value, r.baseline_year, r.latest_value,"
        " r.latest_year)\n"
        "print('REVIEWED', story.review_state())",
    )
    assert "RESULT Matsvinn per elev och dag 62.000 2011 38.000 2014" in saved
    assert "REVIEWED current" in saved  # publishing is a review

    # A year and a month later: the story is due for review.
    site.manage(
        "shell",
        "-c",
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from millenniekommunerna.stories.models import StoryPage\n"
        f"StoryPage.objects.filter(pk={story_id}).update(\n"
        "    last_reviewed_at=timezone.now() - timedelta(days=400))",
    )
    admin.log_in("anna@salem.se", PASSWORD)
    editor.open(story_id)
    page.get_by_role("button", name="Handlingar").click()
    page.get_by_role("link", name="Inget nytt – markera som granskad").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inget nytt")
    assert_axe_clean(page)
    screenshot("admin-review-confirm", width=1280)
    page.get_by_role("button", name="Inget nytt – markera som granskad").click()
    expect(admin_messages(page)).to_contain_text("är markerad som granskad: inget nytt")
    page.goto(f"{base_url}/admin/pages/{story_id}/history/")
    expect(page.locator("main")).to_contain_text("Markerad som granskad: inget nytt")
    page.context.clear_cookies()

    page.goto(base_url + "/kommuner/salem/mindre-matsvinn-i-salem/")
    note = page.locator("main .review-note")
    expect(note).to_contain_text("Senast granskad")
    today = site.manage(
        "shell", "-c", "from django.utils import timezone; print('TODAY', timezone.localdate())"
    )
    today = re.search(r"TODAY (\S+)", today).group(1)
    expect(note.locator("time")).to_have_attribute("datetime", today)
    expect(note).not_to_contain_text("Inaktuell")
    screenshot("story-reviewed", width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "/berattelser/?aktualitet=aktuella")
    expect(page.locator("main")).to_contain_text("Mindre matsvinn i Salem")
    screenshot("stories-current", width=1280)

    # A story not reviewed for three years: readers are told in words it may be out of date.
    page.goto(base_url + "/kommuner/salem/gamla-solceller-i-salem/")
    old_note = page.locator("main .review-note")
    expect(old_note).to_contain_text("Inaktuell")
    expect(old_note).to_contain_text("Uppgifterna har inte bekräftats på över två år.")
    assert_axe_clean(page)
    screenshot("story-out-of-date", width=320)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "/berattelser/?aktualitet=inaktuella")
    card = page.locator("article.story-card", has_text="Gamla solceller i Salem")
    expect(card).to_contain_text("Inaktuell")
    expect(page.locator("main")).not_to_contain_text("Mindre matsvinn i Salem")
    assert_axe_clean(page)
    screenshot("stories-out-of-date", width=1280)

    # Nina follows every municipality's stories up from the admin.
    admin.log_in("nina@example.org", PASSWORD)
    page.get_by_role("link", name="Uppföljning").click()
    expect(page.get_by_role("table")).to_contain_text("Salem")
    assert_axe_clean(page)
    screenshot("admin-follow-up", width=1280)
