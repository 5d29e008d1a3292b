from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from millenniekommunerna.backups.restore import RestoreError, import_site


class Command(BaseCommand):
    help = (
        "Restore an archive from export_site into an empty database: run 'manage.py migrate' "
        "first (load_reference_data is optional; nothing else). Checks every checksum first "
        "and saves all or nothing; then rebuilds the search index. See docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive export_site wrote.")

    def handle(self, *args, path, **options):
        archive = Path(path)
        try:
            restored = import_site(archive)
        except RestoreError as error:
            raise CommandError(
                f"Importen av {archive.name} avbröts; inget sparades: {error}."
            ) from error
        manifest = restored.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Importerade {archive.name}: {restored.rows} rader och {restored.files} "
                f"mediefiler (exporterat {manifest['created_at']} från "
                f"{manifest['database_vendor']}). Sökindex och referensindex är byggda på nytt."
            )
        )
        if not manifest["with_passwords"]:
            self.stdout.write(
                "Användarna har inga lösenord: de väljer ett med ”Glömt lösenord” eller "
                "manage.py changepassword."
            )
