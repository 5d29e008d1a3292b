"""An English translation of one seed story on the browser tests' site, made as an editor
makes one (the admin's "Translate into English" creates the draft; the national editor
publishes it). Run in the site's process: `manage.py shell -c` (see conftest.SiteServer)."""

SWEDISH_PATH = "/kommuner/kalix/skolor-for-hallbar-utveckling/"
ENGLISH_PATH = "/en/kommuner/kalix/schools-for-sustainable-development/"
TITLE = "Schools for sustainable development"
TEASER = (
    "Kalix and Kampala are 10,000 kilometres apart and on paper have little in common. But "
    "since their partnership began in 2007, schools in both municipalities have worked "
    "together on sustainable development."
)


def translate_seed_story():
    from wagtail.rich_text import RichText

    from millenniekommunerna.editorial.translation import translate_story
    from millenniekommunerna.stories.models import StoryPage

    story = StoryPage.objects.get(url_path__endswith=SWEDISH_PATH.removeprefix("/"))
    translated, _created = translate_story(story, "en", None)
    translated.title = TITLE
    translated.slug = ENGLISH_PATH.rstrip("/").rsplit("/", 1)[1]
    translated.teaser = TEASER
    translated.body = [
        (
            "paragraph",
            RichText(
                "<p>Pupils in Kalix and Kampala compare how their towns handle water, waste "
                "and energy, and teachers visit each other's schools.</p>"
            ),
        )
    ]
    translated.save_revision().publish()
