from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from millenniekommunerna.core.reference_data import DATA_DIR
from millenniekommunerna.stories import provenance
from millenniekommunerna.stories.importers.enrichment import parse_goals_csv
from millenniekommunerna.stories.importers.listing import (
    ListingError,
    decode_listing,
    parse_listing,
)
from millenniekommunerna.stories.importers.source import Source
from millenniekommunerna.stories.importers.writer import FLAG_LABELS, import_listing

SEED_LISTING = DATA_DIR / "seed" / "millenniekommunerna-listing.txt"
SEED_GOALS = DATA_DIR / "seed" / "seed_goals.csv"

STATUS_LABELS = {"created": "skapad", "updated": "uppdaterad", "unchanged": "oförändrad"}


class Command(BaseCommand):
    help = (
        "Import the story listing of the old Millenniekommunerna page (text, UTF-8) as published "
        "stories under each municipality's page. All or nothing: a file with any problem is "
        "reported with its line numbers and nothing is saved. Running it again changes only "
        "what changed in the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The listing, a UTF-8 text file.")
        parser.add_argument(
            "--goals",
            metavar="CSV",
            help=(
                "Editorial goals per story (columns municipality,title,goals,note). Default: "
                f"{SEED_GOALS.name} when importing the seed listing itself; otherwise goals are "
                "left as they are."
            ),
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing."
        )
        parser.add_argument(
            "--mark-millennium",
            action="store_true",
            help=(
                "Mark the listing's municipalities as Millennium Municipalities, with the listing "
                "as the recorded reason, unless an editor has already set or explained the status."
            ),
        )
        defaults = Source()
        parser.add_argument(
            "--source-name",
            default=defaults.name,
            help=f"Where the listing's stories were first published (default: {defaults.name}).",
        )
        parser.add_argument(
            "--source-url", default=defaults.url, help="Their address there, if known."
        )
        parser.add_argument(
            "--source-programme",
            default=defaults.programme,
            help=f"The programme they belonged to (default: {defaults.programme}).",
        )
        parser.add_argument(
            "--source-date",
            default=defaults.date,
            help=(
                "When they were published there: a date (2012-05-03), a year (2012), a period "
                f"(2010-2015) or 'okänt' (default: {defaults.date})."
            ),
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Also update stories that editors have changed in the admin. Without it, such "
                "stories are left as the editors left them."
            ),
        )

    def handle(
        self,
        *args,
        path,
        goals=None,
        dry_run=False,
        mark_millennium=False,
        overwrite=False,
        source_name=None,
        source_url="",
        source_programme=None,
        source_date=None,
        **options,
    ):
        defaults = Source()
        source = Source(
            name=defaults.name if source_name is None else source_name.strip(),
            url=(source_url or "").strip(),
            programme=defaults.programme if source_programme is None else source_programme.strip(),
            date=defaults.date if source_date is None else source_date,
        )
        try:
            source.fields()
        except provenance.SourceDateError as error:
            raise CommandError(f"Fel i --source-date: {error} Inget sparades.") from error
        if source.url and not source.url.startswith(("https://", "http://")):
            raise CommandError(
                f"--source-url ska vara en webbadress (https://…), inte ”{source.url}”. "
                "Inget sparades."
            )
        listing_path = Path(path)
        goals_path = Path(goals) if goals else self.default_goals(listing_path)
        try:
            listing = parse_listing(self.read(listing_path))
            goal_rows = (
                parse_goals_csv(self.read(goals_path), goals_path.name) if goals_path else None
            )
            report = import_listing(
                listing,
                goal_rows,
                goals_source=goals_path.name if goals_path else "",
                dry_run=dry_run,
                mark_millennium=mark_millennium,
                overwrite=overwrite,
                source=source,
            )
        except ListingError as error:
            raise CommandError(
                f"Importen av {listing_path.name} avbröts; inget sparades.\n{error}"
            ) from error

        verbosity = options.get("verbosity", 1)
        if dry_run:
            self.stdout.write("Torrkörning: inget sparades.")
        if goals_path and verbosity >= 1:
            self.stdout.write(f"Mål enligt {goals_path.name}.")
        for story in report.stories:
            for warning in story.warnings:
                self.stdout.write(
                    self.style.WARNING(
                        f"Obs! {story.municipality.name}: «{story.card.title}» {warning}."
                    )
                )
            if verbosity >= 2:
                self.stdout.write(self.describe(story))
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if verbosity >= 1:
            self.stdout.write(f"Nya partnerskap: {report.partnerships_created}")
            if mark_millennium:
                names = ", ".join(m.name for m in report.millennium_marked)
                self.stdout.write(
                    f"Markerade som Millenniekommun: {len(report.millennium_marked)}"
                    + (f" ({names})" if names else "")
                )

    def default_goals(self, listing_path: Path) -> Path | None:
        if listing_path.resolve() == SEED_LISTING.resolve() and SEED_GOALS.exists():
            return SEED_GOALS
        return None

    def read(self, path: Path) -> str:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kan inte läsa {path}: {error.strerror}.") from error
        try:
            return decode_listing(data)
        except ListingError as error:
            raise CommandError(
                f"Importen av {path.name} avbröts; inget sparades.\n{error}"
            ) from error

    @staticmethod
    def describe(story) -> str:
        line = (
            f"{STATUS_LABELS[story.status]:<11} {story.municipality.name}: {story.card.title}"
            f" (rad {story.card.title_line})"
        )
        if story.changes:
            line += f": {', '.join(story.changes)}"
        if story.flags:
            line += f" [granska: {', '.join(FLAG_LABELS.get(f, f) for f in story.flags)}]"
        return line
