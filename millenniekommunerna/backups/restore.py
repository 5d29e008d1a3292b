"""Restoring a site archive into an empty database (`manage.py import_site`).

All or nothing. Before anything is written: the manifest's format version, the database's
migrations (they must be those the archive was made with) and that the database is empty
(contents.content_counts). Then every member is copied to a staging directory inside
MEDIA_ROOT and checked against its checksum. Only then does one transaction empty what
`migrate` and the reference data made, load the fixture (Django's `loaddata`, which also resets
the primary-key sequences of what it loaded) and reset the other tables' sequences. The media
files are moved into place after the commit, so that a failed load leaves none behind; the
staging directory is removed whatever happens. Last, what is derived is rebuilt: the search
index, Wagtail's reference index and the cached counts and pages."""

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import translation

from millenniekommunerna.core.derived_cache import invalidate

from .archive import DATA, MEDIA, ArchiveError, peek_manifest, remove_tree, sha256_of, unpack
from .contents import content_counts, replaced_models
from .export import NO_PASSWORD, applied_migrations


class RestoreError(Exception):
    """The import was refused or failed; nothing was saved. The message is one line."""


@dataclass
class Restored:
    rows: int
    files: int
    manifest: dict


def describe_content(found: dict) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return ", ".join(
            f"{count} {model._meta.verbose_name_plural}" for model, count in found.items()
        )


def check_empty(using=DEFAULT_DB_ALIAS) -> None:
    found = content_counts(using)
    if found:
        raise RestoreError(
            f"databasen är inte tom, den innehåller redan {describe_content(found)}; "
            "importera till en ny databas (manage.py migrate, sedan import_site)"
        )


def check_migrations(manifest: dict, using=DEFAULT_DB_ALIAS) -> None:
    """The fixture fits only the schema it was written from."""
    archived = manifest.get("migrations") or {}
    here = applied_migrations(using)
    for app_label in sorted(set(archived) | set(here)):
        theirs, ours = archived.get(app_label, []), here.get(app_label, [])
        if theirs != ours:
            last = lambda names: names[-1] if names else "inga"  # noqa: E731
            raise RestoreError(
                f"arkivet gjordes med andra migreringar än databasens ({app_label}: arkivet "
                f"{last(theirs)}, databasen {last(ours)}); kör manage.py migrate med samma "
                "version av webbplatsen som gjorde arkivet"
            )


def media_root() -> Path:
    """Files are staged and moved on disk, so the storage must be a file system's."""
    try:
        return Path(default_storage.path(""))
    except NotImplementedError as error:
        raise RestoreError("import_site kan bara lägga mediefiler i en mapp på disken") from error


def check_media_targets(manifest: dict, staging: Path, root: Path) -> None:
    for name in manifest["members"]:
        if not name.startswith(MEDIA):
            continue
        target = root / name.removeprefix(MEDIA)
        if target.exists() and sha256_of(target) != sha256_of(staging / name):
            raise RestoreError(f"mediamappen har redan en annan fil {target.relative_to(root)}")


def load(data: Path, using=DEFAULT_DB_ALIAS) -> None:
    """Replace what migrations and the reference data made with the archive's rows. Django
    makes foreign keys deferred (checked at commit), so the tables are emptied and filled in
    any order, and loaddata checks every constraint before it returns."""
    connection = connections[using]
    # As `manage.py flush` empties tables: DELETE on SQLite, TRUNCATE … RESTART IDENTITY on
    # PostgreSQL, both restarting the primary-key sequences. loaddata then moves the sequence
    # of every table it loaded past the highest id it loaded (sqlsequencereset), so new pages,
    # images and users get ids of their own.
    tables = [model._meta.db_table for model in replaced_models()]
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    )
    call_command("loaddata", str(data), database=using, verbosity=0, stdout=io.StringIO())
    # Every user the archive holds without a password gets Django's unusable password, each
    # with its own random tail.
    user_model = get_user_model()
    for user in user_model._base_manager.using(using).filter(password=NO_PASSWORD):
        user.set_unusable_password()
        user.save(using=using, update_fields=["password"])


def rebuild() -> None:
    call_command("update_index", verbosity=0, stdout=io.StringIO())
    call_command("rebuild_references_index", verbosity=0, stdout=io.StringIO())
    invalidate()


def import_site(path: Path, using=DEFAULT_DB_ALIAS, rebuild_indexes=True) -> Restored:
    try:
        check_migrations(peek_manifest(path), using)
        check_empty(using)
        root = media_root()
        made_root = not root.exists()
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".import_site-", dir=root))
        try:
            manifest = unpack(path, staging)
            check_media_targets(manifest, staging, root)
            try:
                with transaction.atomic(using=using):
                    load(staging / DATA, using)
            except Exception as error:
                reason = str(error).strip().splitlines()[-1] if str(error).strip() else ""
                raise RestoreError(
                    f"databasen tog inte emot arkivets data ({type(error).__name__}: {reason})"
                ) from error
            files = _move_media(staging / MEDIA.rstrip("/"), root)
        finally:
            remove_tree(staging)
            if made_root and not any(root.iterdir()):
                root.rmdir()
    except ArchiveError as error:
        raise RestoreError(str(error)) from error
    if rebuild_indexes:
        rebuild()
    return Restored(rows=sum(manifest["counts"].values()), files=files, manifest=manifest)


def _move_media(staged: Path, root: Path) -> int:
    moved = 0
    if not staged.is_dir():
        return moved
    for source in sorted(p for p in staged.rglob("*") if p.is_file()):
        target = root / source.relative_to(staged)
        target.parent.mkdir(parents=True, exist_ok=True)
        source.replace(target)
        moved += 1
    return moved
