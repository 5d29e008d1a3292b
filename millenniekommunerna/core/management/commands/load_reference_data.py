from django.core.management.base import BaseCommand

from millenniekommunerna.core.reference_data import load_reference_data


class Command(BaseCommand):
    help = (
        "Load counties, municipalities, countries, partner places and goals from the project's "
        "data files, and create the pages for them. Safe to run again: it changes nothing that "
        "is already up to date and never overwrites editors' work."
    )

    def handle(self, *args, **options):
        report = load_reference_data()
        self.stdout.write(str(report) or "Nothing to do.")
        self.stdout.write(self.style.SUCCESS("Reference data is up to date."))
