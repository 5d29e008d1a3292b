"""The importer takes a story's status from what its card says outright ("avslutades",
"pågår"), never from the tense of a sentence; and never changes a status already set. The seed
listing says nothing of the kind: its stories keep an unknown status."""

from io import StringIO

import pytest
from django.core.management import call_command

from millenniekommunerna.core.reference_data import DATA_DIR
from millenniekommunerna.stories.importers.enrichment import stated_status
from millenniekommunerna.stories.models import StoryPage

from .listings import write_listing

pytestmark = pytest.mark.django_db

SEED = DATA_DIR / "seed" / "millenniekommunerna-listing.txt"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Samarbetet med Poti avslutades 2014.", "completed"),
        ("Projektet har avslutats men kunskapen finns kvar.", "completed"),
        ("Arbetet pågår fortfarande i båda kommunerna.", "ongoing"),
        ("Samarbetet fortsätter med nya skolor.", "ongoing"),
        ("Projektet lades ner när pengarna tog slut.", "discontinued"),
        ("Utbytet avbröts 2016.", "discontinued"),
        # Nothing said outright: unknown.
        ("I 40 år har kommuninvånare samarbetat med Shipibo-Conibo.", ""),
        ("Ulricehamns kommun samarbetar med Voi i Kenya.", ""),
        ("Arbetet pågår inte längre.", ""),
        ("Planeringen pågick länge.", ""),
        # Two things said: not guessed between them.
        ("Det första projektet avslutades 2012, men samarbetet fortsätter.", ""),
    ],
)
def test_a_status_is_read_only_from_what_the_text_says_outright(text, status):
    assert stated_status(text) == status


def run(path):
    call_command("import_listing", str(path), stdout=StringIO())


def test_cards_that_say_how_the_work_went_get_that_status(tmp_path):
    listing = write_listing(
        tmp_path,
        " • Brandbilar till Poti, Östhammar\n\n  Samarbetet med Poti avslutades 2014.\n\n"
        " • Skolor för hållbar utveckling, Kalix\n\n  Utbytet med Kampala pågår.\n\n"
        " • Matsvinn i skolan, Kristinehamn\n\n  Skolorna vägde maten i ett år.\n",
    )
    run(listing)
    status = dict(StoryPage.objects.values_list("title", "status"))
    assert status == {
        "Brandbilar till Poti": "completed",
        "Skolor för hållbar utveckling": "ongoing",
        "Matsvinn i skolan": "",
    }


def test_a_status_already_set_is_kept_when_the_listing_is_imported_again(tmp_path):
    listing = write_listing(
        tmp_path, " • Brandbilar till Poti, Östhammar\n\n  Samarbetet med Poti avslutades.\n"
    )
    run(listing)
    story = StoryPage.objects.get(title="Brandbilar till Poti")
    StoryPage.objects.filter(pk=story.pk).update(status="discontinued")
    run(listing)
    assert StoryPage.objects.get(pk=story.pk).status == "discontinued"


def test_the_seed_listing_says_nothing_of_its_stories_status(seed_import):
    assert StoryPage.objects.count() == 27
    assert set(StoryPage.objects.values_list("status", flat=True)) == {""}
