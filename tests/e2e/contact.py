"""The contact form of the seed story about Poti (/kontakta/<id>/). Its address holds the
story's id, which depends on the order the reference data and the seed were loaded in: the
site's process prints it once the site is seeded (`manage.py shell -c`, see
conftest.SiteProcess.prepare), and the page types read it when a test runs."""

import re

STORY_SLUG = "raddningstjanst-i-poti-och-osthammar"
_known: dict[str, int] = {}


def print_story_id():
    from millenniekommunerna.stories.models import StoryPage

    print(f"story-id={StoryPage.objects.published().get(slug=STORY_SLUG).pk}")


def remember_story_id(output: str) -> None:
    """Keeps the id from what `print_story_id` printed in the site's process."""
    _known["story"] = int(re.search(r"^story-id=(\d+)$", output, flags=re.MULTILINE).group(1))


def path() -> str:
    return f"/kontakta/{_known['story']}/"
