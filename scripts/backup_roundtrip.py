"""The portable backup's promise, checked end to end (`make backup-roundtrip`): a site on
SQLite, exported, imported into a fresh PostgreSQL database, exported again, imported into a
fresh SQLite database and exported a third time gives three archives with the same manifest
(the same counts and the same checksums of every member; only the time and the database
vendor differ). Then the PostgreSQL copy takes new pages, images and users (its sequences
were reset) and serves the restored pages.

    .venv/bin/python scripts/backup_roundtrip.py postgres://postgres@127.0.0.1:55432/postgres

The PostgreSQL URL names a server on which the script may create and drop a database of its
own (backup_roundtrip); everything else lives in a temporary directory."""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
DATABASE = "backup_roundtrip"
COMPARED_OUT = ("created_at", "database_vendor")

MAKE_CONTENT = (
    "from millenniekommunerna.backups.tests.content import make_site_content; make_site_content()"
)
CHECK_RESTORED = """
from django.contrib.auth import get_user_model
from django.test import Client
from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

client = Client()
for page in [StoryPage.objects.live().first(), MunicipalityPage.objects.live().first()]:
    response = client.get(page.url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, (page.url, response.status_code)
admin = get_user_model().objects.get(username="admin")
assert admin.has_usable_password()
client.force_login(admin)
story = StoryPage.objects.first()
response = client.get(f"/admin/pages/{story.pk}/history/", HTTP_HOST="127.0.0.1")
assert response.status_code == 200, response.status_code
new = StoryPageFactory(hero_image=CustomImageFactory())
get_user_model().objects.create_user("ny", "ny@example.org", "ett nytt långt lösenord")
print(f"restored pages render; new story {new.pk} and image {new.hero_image.pk} created")
"""


def manage(database_url: str, media: Path, *args: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "DJANGO_SETTINGS_MODULE": "millenniekommunerna.settings.dev",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    started = time.monotonic()
    done = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    took = time.monotonic() - started
    command = " ".join(args).replace("\n", " ")[:60]
    print(f"  manage.py {command}  ({took:.1f} s)", flush=True)
    if done.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def manifest(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        data = json.loads(tar.extractfile("manifest.json").read())
    return {key: value for key, value in data.items() if key not in COMPARED_OUT}


def recreate(server_url: str) -> str:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{DATABASE}"))


def drop(server_url: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("postgres", help="URL of a PostgreSQL server to make a database on")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backup-roundtrip-") as work:
        work = Path(work)
        sqlite_a = f"sqlite:///{work / 'a.sqlite3'}"
        sqlite_c = f"sqlite:///{work / 'c.sqlite3'}"
        print("SQLite: a site with every kind of content", flush=True)
        manage(sqlite_a, work / "media-a", "migrate", "--noinput")
        # The third database starts as this one does now: migrated, nothing else.
        shutil.copyfile(work / "a.sqlite3", work / "c.sqlite3")
        manage(sqlite_a, work / "media-a", "load_reference_data")
        manage(sqlite_a, work / "media-a", "shell", "-c", MAKE_CONTENT)
        args = ("--with-passwords", "--with-tips")
        manage(sqlite_a, work / "media-a", "export_site", str(work / "a.tar.gz"), *args)

        print("PostgreSQL: migrate, import, export", flush=True)
        postgres = recreate(options.postgres)
        try:
            manage(postgres, work / "media-b", "migrate", "--noinput")
            manage(postgres, work / "media-b", "import_site", str(work / "a.tar.gz"))
            manage(postgres, work / "media-b", "export_site", str(work / "b.tar.gz"), *args)
            checked = manage(postgres, work / "media-b", "shell", "-c", CHECK_RESTORED)
            print("  " + checked.strip().splitlines()[-1])
        finally:
            drop(options.postgres)

        print("SQLite again (migrated like the first): import, export", flush=True)
        manage(sqlite_c, work / "media-c", "import_site", str(work / "b.tar.gz"))
        manage(sqlite_c, work / "media-c", "export_site", str(work / "c.tar.gz"), *args)

        a, b, c = (manifest(work / f"{name}.tar.gz") for name in "abc")
        for name, other in (("PostgreSQL", b), ("SQLite again", c)):
            if other != a:
                changed = sorted(
                    key for key in a.keys() | other.keys() if a.get(key) != other.get(key)
                )
                sys.exit(f"The manifest exported from {name} differs: {', '.join(changed)}")
        files = sum(1 for name in a["members"] if name.startswith("media/"))
        print(
            f"Same manifest three times: {sum(a['counts'].values())} rows in "
            f"{len(a['counts'])} models, {files} media files."
        )


if __name__ == "__main__":
    main()
