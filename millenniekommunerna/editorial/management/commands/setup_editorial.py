from django.core.management.base import BaseCommand

from millenniekommunerna.editorial.roles import ensure_editorial_setup


class Command(BaseCommand):
    help = (
        "Create the national editors' group and the review workflow 'Nationell granskning' on "
        "the municipality index page. Idempotent; municipality editors' groups are created by "
        "create_editor."
    )

    def handle(self, *args, **options):
        setup = ensure_editorial_setup()
        pages = (
            ", ".join(wp.page.title for wp in setup.workflow.workflow_pages.select_related("page"))
            or "-"
        )
        self.stdout.write(
            f"Group: {setup.national_group.name}\nWorkflow: {setup.workflow.name} (pages: {pages})"
        )
