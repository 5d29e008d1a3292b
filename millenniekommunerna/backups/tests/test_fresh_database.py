"""The restorer's route, as docs/backups.md gives it: a new SQLite database made by
`manage.py migrate` alone, then `import_site`, then `export_site` again gives the manifest the
archive came with. In separate processes, because the database is another one than the
test database (which may be PostgreSQL: then this is a round trip between the two)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import manifest_of

ROOT = Path(__file__).resolve().parents[3]
COMPARED_OUT = {"created_at", "database_vendor"}


def manage(tmp_path, *args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "millenniekommunerna.settings.dev",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.mark.django_db
def test_migrate_import_export_on_a_new_sqlite_database_gives_the_same_manifest(archives, tmp_path):
    manage(tmp_path, "migrate", "--noinput", "-v0")
    imported = manage(tmp_path, "import_site", str(archives.everything))
    assert "Importerade everything.tar.gz" in imported.stdout
    manage(
        tmp_path, "export_site", str(tmp_path / "again.tar.gz"), "--with-passwords", "--with-tips"
    )

    first, second = manifest_of(archives.everything), manifest_of(tmp_path / "again.tar.gz")
    for key in COMPARED_OUT:
        first.pop(key), second.pop(key)
    assert second == first
    assert (tmp_path / "media" / archives.facts["image_file"]).is_file()
