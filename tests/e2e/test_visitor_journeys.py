"""What a visitor does first: the home page lists the seed stories as the old page did, and
every card leads to its story and its municipality."""

import re

from tests.e2e.pages import GoalPage, HomePage, MunicipalityPage, StoryPage


def test_home_page_lists_all_27_seed_stories_with_working_links(page, base_url, screenshot):
    home = HomePage(page, base_url).open()
    assert "Millenniekommunerna" in page.title()
    cards = home.cards
    assert len(cards) == 27
    for card in cards:
        story_href = card.read_more.get_attribute("href")
        municipality_href = card.municipality_link.get_attribute("href")
        assert re.fullmatch(r"/kommuner/[a-z0-9-]+/[a-z0-9-]+/", story_href), story_href
        assert re.fullmatch(r"/kommuner/[a-z0-9-]+/", municipality_href), municipality_href
        assert story_href.startswith(municipality_href)
        assert card.municipality_link.inner_text().endswith("kommun")
    # No camera file names anywhere a visitor (or a screen reader) can see them.
    html = page.content()
    for file_name in ("DSCN0010_webb", "11020", "2009_0213_100_webb_290_2"):
        assert file_name not in html
    screenshot("home", width=1280)
    screenshot("home", width=375)


def test_home_to_story_to_municipality_to_goal_and_back(page, base_url, screenshot):
    home = HomePage(page, base_url).open()
    card = next(c for c in home.cards if c.title == "Räddningstjänst i Poti och Östhammar")
    card.read_more.click()
    story = StoryPage(page, base_url)
    assert story.heading == "Räddningstjänst i Poti och Östhammar"
    assert "Poti" in page.locator("main").inner_text()
    screenshot("story", width=1280)
    screenshot("story", width=375)

    story.page.locator("main").get_by_role("link", name="Östhammars kommun").first.click()
    municipality = MunicipalityPage(page, base_url)
    assert page.url.endswith("/kommuner/osthammar/")
    assert "Östhammars kommun" in municipality.heading
    assert len(municipality.cards) == 2
    screenshot("municipality", width=1280)

    page.go_back()
    assert page.url.endswith("/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/")
    StoryPage(page, base_url).goal_links().first.click()
    goal = GoalPage(page, base_url)
    assert re.search(r"/mal/(sdg|mdg)-\d+/$", page.url)
    assert any(c.title == "Räddningstjänst i Poti och Östhammar" for c in goal.cards)
    screenshot("goal", width=1280)
    page.go_back()
    assert StoryPage(page, base_url).heading == "Räddningstjänst i Poti och Östhammar"


def test_every_page_type_renders_at_desktop_and_mobile_width(page, base_url, screenshot):
    pages = {
        "story-index": "/berattelser/",
        "municipality-index": "/kommuner/",
        "goal-index": "/mal/",
        "goal-mdg": "/mal/mdg-7/",
        "municipality-empty": "/kommuner/arjeplog/",
    }
    for name, path in pages.items():
        response = page.goto(base_url + path)
        assert response.status == 200, path
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways at {width}px"
            screenshot(name, width=width)
    response = page.goto(base_url + "/finns-inte/")
    assert response.status == 404
    assert "hittades inte" in page.locator("main").inner_text().lower()
    screenshot("not-found", width=375)
