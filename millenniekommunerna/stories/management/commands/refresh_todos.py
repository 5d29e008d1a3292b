from django.core.management.base import BaseCommand

from millenniekommunerna.stories.todo import refresh_all


class Command(BaseCommand):
    help = (
        "Work out again what is left to do on every story (the editors' work list). It is kept "
        "up to date as stories are saved; this is for stories written to the database directly."
    )

    def handle(self, *args, **options):
        count = refresh_all()
        self.stdout.write(f"Work list renewed for {count} stories.")
