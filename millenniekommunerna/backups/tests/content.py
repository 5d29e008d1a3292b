"""A site with something in every kind of table an archive holds: the seed stories, an
image used by a story (and a rendition of it), a document, a story with a draft waiting in
the review workflow and a comment on it, an administrator with a password, a municipality
editor, a tip with an image. Used by the tests and by scripts/backup_roundtrip.py (through
`manage.py shell`), so it needs only what the development requirements install."""

import io
from pathlib import Path

import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Comment

SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"
ADMIN_PASSWORD = "ett långt lösenord för test"


def make_site_content() -> dict:
    from millenniekommunerna.images.factories import CustomImageFactory
    from millenniekommunerna.stories.models import StoryPage
    from millenniekommunerna.subscriptions.factories import FollowFactory
    from millenniekommunerna.tips.factories import TipFactory

    quiet = {"stdout": io.StringIO()}
    call_command(
        "import_listing",
        str(SEED_DIR / "millenniekommunerna-listing.txt"),
        goals=str(SEED_DIR / "seed_goals.csv"),
        mark_millennium=True,
        **quiet,
    )
    call_command("setup_editorial", **quiet)
    call_command(
        "create_editor", "redaktor@example.org", municipality=["0382"], no_email=True, **quiet
    )
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", ADMIN_PASSWORD)

    image = CustomImageFactory(title="Matsalen", file__filename="matsalen.jpg")
    image.get_rendition("fill-80x60")
    document = wagtail_factories.DocumentFactory(
        title="Rapport om matsvinn",
        file__filename="rapport.txt",
        file__data="Matsvinnet halverades på två år.\n".encode(),
    )

    stories = StoryPage.objects.order_by("pk")
    illustrated = stories.first()
    illustrated.hero_image = image
    illustrated.save_revision(user=admin).publish()

    reviewed = stories.last()
    reviewed.teaser = "En ny ingress som väntar på granskning."
    revision = reviewed.save_revision(user=admin)
    reviewed.get_workflow().start(reviewed, admin)
    Comment.objects.create(
        page=reviewed,
        user=admin,
        text="Stämmer årtalet?",
        contentpath="teaser",
        revision_created=revision,
    )
    TipFactory(with_image=True)
    follow = FollowFactory(query="mal=sdg-12")
    follow.subscriber.deliveries.create(frequency="weekly", period_start="2026-11-23")
    return {
        "illustrated": illustrated.pk,
        "reviewed": reviewed.pk,
        "image_file": image.file.name,
        "document_file": document.file.name,
    }
