"""The Swedish interface is complete: every string in every catalogue is translated (none left
empty or fuzzy), every string in the code is in a catalogue, and the compiled .mo files say what
the .po files say."""

import shutil
import subprocess
import sys

import pytest

from .catalogues import PACKAGE, catalogues, compiled, read_po


def _relative(path):
    return path.relative_to(PACKAGE.parent)


def test_there_is_a_project_catalogue_and_it_has_the_interface():
    paths = [_relative(path).as_posix() for path in catalogues()]
    assert "millenniekommunerna/locale/sv/LC_MESSAGES/django.po" in paths
    project = next(p for p in catalogues() if _relative(p).parts[1] == "locale")
    msgids = {entry.msgid for entry in read_po(project)}
    assert {
        "Skip to content",
        "Accessibility statement",
        "This story is only available in Swedish.",
    } <= msgids


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: _relative(p).parts[1])
def test_every_string_is_translated(path):
    missing = [
        f"line {entry.line}: {'fuzzy' if entry.fuzzy else 'empty'}: {entry.msgid[:70]!r}"
        for entry in read_po(path)
        if not entry.translated
    ]
    assert not missing, f"{_relative(path)}:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", catalogues(), ids=lambda p: _relative(p).parts[1])
def test_compiled_catalogue_is_up_to_date(path):
    assert path.with_suffix(".mo").exists(), f"{_relative(path)} is not compiled"
    translations = compiled(path)
    stale = []
    for entry in read_po(path):
        if not entry.translated:
            continue
        if entry.msgid_plural:
            got = [translations.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
            expected = entry.msgstrs[:2]
        elif entry.msgctxt is not None:
            got, expected = translations.pgettext(entry.msgctxt, entry.msgid), entry.msgstrs[0]
        else:
            got, expected = translations.gettext(entry.msgid), entry.msgstrs[0]
        if got != expected:
            stale.append(entry.msgid[:70])
    assert not stale, f"{_relative(path)}: run compilemessages; stale: {stale}"


def test_every_string_in_the_code_is_in_a_catalogue_and_translated(tmp_path):
    """makemessages on a copy of the code: a string someone added without running it (or
    without translating it) shows up as untranslated in the fresh catalogues."""
    copy = tmp_path / PACKAGE.name
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("data", "__pycache__", "*.mo", "static", "migrations"),
    )
    manage = PACKAGE.parent / "manage.py"
    result = subprocess.run(
        [sys.executable, str(manage), "makemessages", "-l", "sv", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    missing = []
    for path in sorted(copy.glob("**/locale/sv/LC_MESSAGES/django.po")):
        for entry in read_po(path):
            if not entry.translated:
                where = path.relative_to(tmp_path).parts[1]
                missing.append(f"{where}: {entry.msgid[:80]!r}")
    assert not missing, "run makemessages and translate:\n" + "\n".join(missing)
