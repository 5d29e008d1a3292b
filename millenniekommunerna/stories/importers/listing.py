"""Reading the text listing of the old Millenniekommunerna page into cards.

Pure functions, no database: `decode_listing(bytes) -> str`, `parse_listing(str) -> Listing`.
Every card keeps the line numbers it came from, so that a later check against the database can
still point the editor at the right line.

The listing looks like this (indentation, bullets and blank lines vary)::

    Det här är Millenniekommunerna            <- intro heading
    Just nu arbetar flera kommuner …          <- intro text
    Berättelser från Sveriges kommuner        <- section heading
     • DSCN0010_webb                          <- optional: the image's caption (alt text)
      Älmhult + IKEA = Biogas, Älmhult        <- "Title, Municipality" (the last comma splits)
      I Älmhult har kommunen och IKEA …       <- teaser
      • Läs mer om projektet                  <- link bullets
      • Älmhult kommun

Without a caption the title line is the bullet line itself.

Files saved by other programs vary, and the variants read the same: any line endings, tabs,
non-breaking spaces and extra blank lines, decomposed å/ä/ö (NFD), other bullets (`-`, `*`,
`●`, `◦`, `▪`, and `–` in a listing without `•`), other wordings of the section heading
(`## Kommunernas berättelser:`) and of the read-more link (`Läs mer`, `Mer om projektet`).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from millenniekommunerna.core.text import fold_slug

SECTION_HEADING = "Berättelser från Sveriges kommuner"
# The link bullets' wordings that point to the story's page (the link itself is not in the text).
READ_MORE = ("läs mer", "läs hela", "mer om projektet")
# The section heading in other words: at most this many, naming stories and municipalities.
_HEADING_WORDS = 6
_HEADING_DECORATION = "#*_=:.\t "

# `•` and its kin need no space after them; `*` and `-` do, so that a wrapped line starting with
# a hyphenated word is not taken for a bullet. The Swedish dialogue dash (en dash) is a bullet
# only in a listing without `•`: beside `•` bullets, a line that starts with it is dialogue.
_DOTS = "•●◦▪"
_BULLET = re.compile(rf"^\s*(?:[{_DOTS}]|[*-](?=\s|$))\s*(.*)$")
_DASH_BULLET = re.compile(r"^\s*(?:[*-]|–)(?=\s|$)\s*(.*)$")
_DOT_BULLET = re.compile(rf"^\s*[{_DOTS}]")
# The start of a web page saved instead of the listing.
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 controls and DEL, except tab, line feed, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    line: int
    message: str
    source: str = ""

    def __str__(self):
        where = f"{self.source}, rad {self.line}" if self.source else f"Rad {self.line}"
        return f"{where}: {self.message}"


class ListingError(Exception):
    """The file cannot be imported. Carries every problem found, each with its line."""

    def __init__(self, problems):
        self.problems = sorted(problems, key=lambda p: (p.source, p.line))
        super().__init__("\n".join(str(p) for p in self.problems))


class EncodingProblem(Problem):
    def __str__(self):
        return f"Filen är inte UTF-8-kodad (rad {self.line}): {self.message}"


@dataclass
class Card:
    line: int
    title: str
    title_line: int
    municipality_name: str
    teaser: str
    teaser_line: int
    caption: str = ""
    caption_line: int | None = None
    link_text: str = ""
    link_line: int | None = None

    @property
    def slug(self) -> str:
        return fold_slug(self.title)


@dataclass
class Listing:
    heading_line: int
    cards: list[Card] = field(default_factory=list)


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def decode_listing(data: bytes) -> str:
    """UTF-8 only, strictly: a wrong guess at the encoding would put broken å, ä and ö on the
    public site, so anything else is refused with the line where decoding failed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ListingError(
            [EncodingProblem(1, "den verkar vara UTF-16. Spara den som UTF-8 och försök igen.")]
        )
    control = _CONTROL_BYTES.search(data)
    if control:
        line = data[: control.start()].count(b"\n") + 1
        raise ListingError(
            [
                Problem(
                    line,
                    f"filen innehåller binära data (byte 0x{data[control.start()]:02X}); "
                    "är det rätt fil, sparad som text?",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ListingError(
            [
                EncodingProblem(
                    line,
                    f"byte 0x{data[error.start]:02X} kan inte läsas som UTF-8. Filen är troligen "
                    "sparad som Latin-1 eller Windows-1252; spara den som UTF-8 och försök igen.",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


@dataclass
class _Block:
    line: int
    text: str


@dataclass
class _RawCard:
    opener: _Block
    paragraphs: list[_Block] = field(default_factory=list)
    read_more_line: int | None = None
    link: _Block | None = None


def _is_section_heading(text: str) -> bool:
    """`Berättelser från Sveriges kommuner`, or the same heading in other words
    (`## Kommunernas berättelser:`, `BERÄTTELSER FRÅN KOMMUNERNA`): a short line, not a bullet
    and without a comma (a title line has one), that speaks of stories and municipalities."""
    if "," in text or _BULLET.match(text):
        return False
    words = text.strip(_HEADING_DECORATION).casefold().split()
    return (
        len(words) <= _HEADING_WORDS
        and any(word.startswith("berättelse") for word in words)
        and any(word.startswith("kommun") for word in words)
    )


def _is_read_more(text: str) -> bool:
    return text.casefold().startswith(READ_MORE)


def _is_municipality_link(text: str) -> bool:
    return "," not in text and text.casefold().endswith(" kommun")


def _link_name(text: str) -> str:
    return text[: -len(" kommun")].strip() if text.casefold().endswith(" kommun") else text


def _split_title(text: str) -> tuple[str, str] | None:
    title, comma, municipality = text.rpartition(",")
    if not comma or not title.strip() or not municipality.strip():
        return None
    return title.strip(), municipality.strip()


def _same_place(a: str, b: str) -> bool:
    # "Ljusdal" in the title, "Ljusdals kommun" (the official genitive form) in the link.
    a, b = (_link_name(x).casefold() for x in (a, b))
    return a == b or a + "s" == b or b + "s" == a


def _title_like(text: str) -> bool:
    """`Title, Municipality`: the part after the last comma is one to three capitalised words,
    as municipality names are (`Upplands Väsby`, `Malung-Sälen`)."""
    parts = _split_title(text)
    if not parts:
        return False
    words = parts[1].split()
    return 1 <= len(words) <= 3 and all(w[0].isupper() for w in words)


def _tokens(lines: list[str], start: int):
    """Bullets and paragraphs after the section heading, as (whether it is a paragraph,
    block). A paragraph is a run of non-blank, non-bullet lines; a bullet with nothing after it
    takes the next line as its text."""
    paragraph = None
    pending_bullet = None
    dashes = not any(_DOT_BULLET.match(line) for line in lines[start:])
    bullets = _DASH_BULLET if dashes else _BULLET
    for index in range(start, len(lines)):
        number, raw = index + 1, lines[index]
        text = normalise_space(raw)
        if not text:
            if paragraph:
                yield True, paragraph
                paragraph = None
            continue
        bullet = bullets.match(raw)
        if bullet:
            if paragraph:
                yield True, paragraph
                paragraph = None
            if pending_bullet:
                yield False, pending_bullet
            content = normalise_space(bullet.group(1))
            pending_bullet = _Block(number, content) if not content else None
            if content:
                yield False, _Block(number, content)
            continue
        if pending_bullet:
            yield False, _Block(number, text)
            pending_bullet = None
            continue
        if paragraph:
            paragraph.text = f"{paragraph.text} {text}"
        else:
            paragraph = _Block(number, text)
    if paragraph:
        yield True, paragraph
    if pending_bullet:
        yield False, pending_bullet


def _raw_cards(lines: list[str], start: int, problems: list[Problem]) -> list[_RawCard]:
    cards: list[_RawCard] = []
    current: _RawCard | None = None
    for is_paragraph, block in _tokens(lines, start):
        if is_paragraph:
            if current is None:
                problems.append(
                    Problem(
                        block.line,
                        f"text före den första berättelsen: «{_short(block.text)}». Varje "
                        "berättelse börjar med en punkt (•).",
                    )
                )
            elif current.read_more_line or current.link:
                problems.append(
                    Problem(
                        block.line,
                        f"text efter länkarna i berättelsen på rad {current.opener.line}: "
                        f"«{_short(block.text)}». Om en ny berättelse börjar här saknas "
                        "punkten (•) före den.",
                    )
                )
            else:
                current.paragraphs.append(block)
            continue
        if _is_read_more(block.text):
            if current is None:
                problems.append(Problem(block.line, f"«{block.text}» utan någon berättelse före."))
            else:
                current.read_more_line = block.line
            continue
        if current is not None and not current.link and _is_municipality_link(block.text):
            current.link = block
            continue
        current = _RawCard(opener=block)
        cards.append(current)
    return cards


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _card(raw: _RawCard, problems: list[Problem]) -> Card | None:
    blocks = [raw.opener, *raw.paragraphs]

    def names_link(block):
        parts = _split_title(block.text)
        return bool(raw.link and parts and _same_place(parts[1], raw.link.text))

    # The link line says which municipality the card is about, so the title line is the block
    # that ends with that name; without a usable link, the shape of the blocks decides.
    first_is_title = _title_like(blocks[0].text)
    if names_link(blocks[0]):
        title_index = 0
    elif len(blocks) > 1 and names_link(blocks[1]):
        title_index = 1
    elif len(blocks) > 1 and not first_is_title:
        # Caption, title, teaser; or a caption and a title line that lacks its municipality.
        title_index = 1 if len(blocks) > 2 or _title_like(blocks[1].text) else 0
    else:
        title_index = 0

    caption = blocks[0] if title_index == 1 else None
    title_block = blocks[title_index]
    teaser_blocks = blocks[title_index + 1 :]

    parts = _split_title(title_block.text)
    if parts is None:
        problems.append(
            Problem(
                title_block.line,
                "hittar ingen titelrad i formen «Titel, Kommun»: raden "
                f"«{_short(title_block.text)}» saknar kommatecken följt av kommunens namn.",
            )
        )
        return None
    title, municipality_name = parts
    if not teaser_blocks:
        problems.append(Problem(title_block.line, f"berättelsen «{_short(title)}» saknar ingress."))
        return None
    return Card(
        line=raw.opener.line,
        title=title,
        title_line=title_block.line,
        municipality_name=municipality_name,
        teaser=normalise_space(" ".join(b.text for b in teaser_blocks)),
        teaser_line=teaser_blocks[0].line,
        caption=caption.text if caption else "",
        caption_line=caption.line if caption else None,
        link_text=raw.link.text if raw.link else "",
        link_line=raw.link.line if raw.link else None,
    )


def parse_listing(text: str) -> Listing:
    """Parse the whole listing or raise `ListingError` with every problem found."""
    if not text.strip():
        raise ListingError([Problem(1, "filen är tom.")])
    # Names in decomposed form (as macOS may save them) would match no municipality.
    text = unicodedata.normalize("NFC", text)
    lines = _LINE_BREAK.split(text)
    html = next((n for n, line in enumerate(lines, start=1) if _HTML.search(line)), None)
    if html:
        raise ListingError(
            [
                Problem(
                    html,
                    "filen är en webbsida (HTML), inte listan som text. Kopiera listans text "
                    "till en textfil (UTF-8) och försök igen.",
                )
            ]
        )
    for number, line in enumerate(lines, start=1):
        if _CONTROL.search(line):
            raise ListingError(
                [Problem(number, "raden innehåller styrtecken (binära data); är det rätt fil?")]
            )

    heading_index = next((i for i, line in enumerate(lines) if _is_section_heading(line)), None)
    if heading_index is None:
        raise ListingError(
            [
                Problem(
                    1,
                    f"filen saknar rubriken «{SECTION_HEADING}» som ska stå före berättelserna.",
                )
            ]
        )
    problems: list[Problem] = []
    cards = []
    for raw in _raw_cards(lines, heading_index + 1, problems):
        card = _card(raw, problems)
        if card:
            cards.append(card)
    if not cards and not problems:
        problems.append(
            Problem(heading_index + 1, f"inga berättelser under rubriken «{SECTION_HEADING}».")
        )

    seen = {}
    for card in cards:
        key = (card.municipality_name.casefold(), card.slug)
        if key in seen:
            problems.append(
                Problem(
                    card.title_line,
                    f"berättelsen «{card.title}» finns redan på rad {seen[key]}.",
                )
            )
        else:
            seen[key] = card.title_line

    if problems:
        raise ListingError(problems)
    return Listing(heading_line=heading_index + 1, cards=cards)
