import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from .content import make_site_content


@dataclass
class Archives:
    plain: Path
    everything: Path
    facts: dict


@pytest.fixture(scope="session")
def archives(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two archives of a site with every kind of content (tests/content.py): one as
    export_site writes it by default, one with passwords and tips. The site itself is rolled
    back, so the test database is empty again (migrations and reference data only)."""
    work = tmp_path_factory.mktemp("archives")
    with (
        override_settings(MEDIA_ROOT=work / "source-media"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        facts = make_site_content()
        call_command("export_site", str(work / "plain.tar.gz"), stdout=io.StringIO())
        call_command(
            "export_site",
            str(work / "everything.tar.gz"),
            with_passwords=True,
            with_tips=True,
            stdout=io.StringIO(),
        )
        transaction.set_rollback(True)
    return Archives(work / "plain.tar.gz", work / "everything.tar.gz", facts)


def read_member(archive: Path, name: str) -> bytes:
    with tarfile.open(archive) as tar:
        return tar.extractfile(name).read()


def manifest_of(archive: Path) -> dict:
    return json.loads(read_member(archive, "manifest.json"))


def data_of(archive: Path) -> list[dict]:
    return json.loads(read_member(archive, "data.json"))


def rewrite(archive: Path, target: Path, change=None, manifest=None, drop=()) -> Path:
    """A copy of `archive` with members changed (`change(name, data) -> data`), dropped, or
    the manifest replaced; the manifest's checksums are left as they were."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as out:
        for member in source:
            if member.name in drop:
                continue
            data = source.extractfile(member).read()
            if member.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest).encode()
            elif change is not None:
                data = change(member.name, data)
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    return target


def files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []
