import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def fresh_rate_limit(empty_cache):
    """Each test starts with an empty rate-limit window (the counts live in the cache)."""


@pytest.fixture
def seed_stories(seed_import):
    """The 27 seed stories, as `make run` imports them."""
    from millenniekommunerna.stories.models import StoryPage

    return list(StoryPage.objects.live().order_by("pk"))


def rich_body(image):
    """A body with every block type, a link to a page of the site and an image."""
    return [
        {"type": "heading", "value": "Hur det började"},
        {
            "type": "paragraph",
            "value": "<p>Eleverna vägde maten &amp; slängde mindre. Läs mer om "
            '<a href="https://example.org/matsvinn">matsvinn</a>.</p><ul><li>Ett</li><li>Två</li></ul>',
        },
        {
            "type": "image",
            "value": {
                "image": {
                    "image": image.pk,
                    "alt_text": "Elever väger matrester",
                    "decorative": False,
                },
                "caption": "Vågen i matsalen",
            },
        },
        {
            "type": "quote",
            "value": {"text": "Det var eleverna som frågade", "attribution": "Rektor"},
        },
        {
            "type": "fact",
            "value": {"value": "10 ton", "description": "slängs varje år", "source": "Kommunen"},
        },
    ]


@pytest.fixture
def make_rich_story(db):
    """A story with everything a story can have: body blocks, main and body images, goals,
    partner places, countries, years and a measured result."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.images.factories import CustomImageFactory
    from millenniekommunerna.partnerships.models import Country, PartnerPlace
    from millenniekommunerna.stories.factories import StoryPageFactory, StoryResultFactory

    def make(**kwargs):
        body_image = CustomImageFactory(description="Elever väger matrester", credit="Anna Berg")
        kwargs.setdefault("municipality_code", "1781")
        kwargs.setdefault("goals", list(Goal.objects.filter(slug__in=["sdg-12", "mdg-7"])))
        kwargs.setdefault("partner_places", list(PartnerPlace.objects.filter(name="Kisumu")))
        kwargs.setdefault("last_published_at", timezone.now())
        story = StoryPageFactory(
            hero_image=kwargs.pop("hero_image", None) or CustomImageFactory(),
            body=kwargs.pop("body", None) or rich_body(body_image),
            year_start=kwargs.pop("year_start", 2012),
            year_end=kwargs.pop("year_end", 2015),
            **kwargs,
        )
        story.countries.set(Country.objects.filter(code__in=["ZA"]))
        story.save()
        StoryResultFactory(page=story)
        return story

    return make
