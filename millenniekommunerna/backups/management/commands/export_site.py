from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from millenniekommunerna.backups.contents import Selection
from millenniekommunerna.backups.export import export_site


class Command(BaseCommand):
    help = (
        "Write the whole site to one archive (.tar.gz): pages and their revisions, snippets, "
        "reference data, images and documents with their files, users and groups, with a "
        "manifest of checksums. import_site restores it into an empty database, SQLite or "
        "PostgreSQL. Passwords and tips are left out unless asked for. See docs/backups.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The archive to write, e.g. site-2026-12-04.tar.gz.")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help=(
                "Keep the users' password hashes (and API tokens). Without it the users are "
                "restored without a password and set one with 'Forgot password'."
            ),
        )
        parser.add_argument(
            "--with-tips",
            action="store_true",
            help=(
                "Include the visitors' tips, with their names and e-mail addresses, and the "
                "addresses that follow stories by e-mail."
            ),
        )
        parser.add_argument("--force", action="store_true", help="Overwrite the file if it exists.")

    def handle(self, *args, path, with_passwords=False, with_tips=False, force=False, **options):
        target = Path(path)
        if target.exists() and not force:
            raise CommandError(f"{target} finns redan; välj ett annat namn eller ge --force.")
        if not target.parent.is_dir():
            raise CommandError(f"Mappen {target.parent} finns inte.")
        manifest = export_site(
            target, Selection(with_passwords=with_passwords, with_tips=with_tips)
        )
        for name in manifest["missing_media"]:
            self.stderr.write(self.style.WARNING(f"Obs! Filen {name} saknas i mediamappen."))
        rows = sum(manifest["counts"].values())
        files = len(manifest["members"]) - 1
        size = target.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Skrev {target}: {rows} rader och {files} mediefiler, {size / 1e6:.1f} MB."
            )
        )
