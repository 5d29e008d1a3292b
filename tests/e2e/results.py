"""What came of one seed story's work on the browser tests' site (the story of the "story" page
type): its status, two measured results, lessons learned and a contact, entered and published
as an editor does. Run in the site's process: `manage.py shell -c` (see conftest.SiteProcess)."""

from decimal import Decimal

PATH = "/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/"


def add_results_to_seed_story():
    from millenniekommunerna.stories.models import StoryPage, StoryResult

    story = StoryPage.objects.get(url_path__endswith=PATH.removeprefix("/"))
    story.status = "completed"
    story.lessons_learned = (
        "Att öva tillsammans gav mer än att skicka utrustning.\n\n"
        "Reservdelar måste gå att köpa i Georgien, annars står fordonen still."
    )
    story.contact_role = "Räddningschef"
    story.contact_organisation = "Östhammars kommun, räddningstjänsten"
    story.results = [
        StoryResult(
            indicator="Utryckningsfordon i tjänst",
            unit="st",
            baseline_value=Decimal("1"),
            baseline_year=2010,
            latest_value=Decimal("4"),
            latest_year=2012,
            source="Potis räddningstjänst",
        ),
        StoryResult(
            indicator="Genomsnittlig tid till olycksplatsen",
            unit="min",
            baseline_value=Decimal("18.5"),
            baseline_year=2010,
            latest_value=Decimal("11"),
            latest_year=2012,
        ),
    ]
    story.save_revision().publish()
