"""Reading the project's gettext catalogues (the project's and each app's) for tests: which
strings are translated, which are not, and what the compiled .mo files say."""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
LANGUAGE = "sv"


@dataclass
class Entry:
    msgid: str
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False
    line: int = 0

    @property
    def translated(self) -> bool:
        return bool(self.msgstrs) and all(self.msgstrs) and not self.fuzzy


def _unquote(text: str) -> str:
    return re.sub(
        r"\\(.)", lambda m: {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}.get(m[1], m[0]), text
    )


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file, without the header and without obsolete (#~) entries."""
    entries = []
    for number, block in _blocks(path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        current = None
        fuzzy = False
        for line in block:
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#"):
                continue
            elif match := re.match(
                r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line
            ):
                current = match[1]
                fields[current] = _unquote(match[2])
            elif line.startswith('"') and current:
                fields[current] += _unquote(line[1:-1])
        if not fields.get("msgid"):
            continue
        entries.append(
            Entry(
                msgid=fields["msgid"],
                msgid_plural=fields.get("msgid_plural", ""),
                msgctxt=fields.get("msgctxt"),
                msgstrs=[v for k, v in sorted(fields.items()) if k.startswith("msgstr")],
                fuzzy=fuzzy,
                line=number,
            )
        )
    return entries


def _blocks(text: str):
    block, start = [], 1
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def catalogues() -> list[Path]:
    """Every Swedish catalogue: the project's and the apps' own."""
    return sorted(PACKAGE.glob(f"**/locale/{LANGUAGE}/LC_MESSAGES/django.po"))


def compiled(po_path: Path) -> gettext.GNUTranslations:
    with open(po_path.with_suffix(".mo"), "rb") as mo:
        return gettext.GNUTranslations(mo)


def swedish_texts() -> set[str]:
    """Every translated interface text in Swedish that differs from its English source."""
    texts = set()
    for path in catalogues():
        for entry in read_po(path):
            if entry.translated and not entry.msgid_plural and entry.msgstrs[0] != entry.msgid:
                texts.add(entry.msgstrs[0])
    return texts
