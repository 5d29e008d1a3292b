"""The listing importer against any input (hypothesis, tests/properties.py): never a crash,
never a partial write. The real-world variants of the listing's format (line endings, spacing,
bullets, the wording of the headings that carry no data) import to the same stories as the
seed listing itself; what is not a listing (random text, binary data, another page's HTML, an
empty file) is refused with a Swedish message and the database as it was."""

import re
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.html import strip_tags
from hypothesis import event, given
from hypothesis import strategies as st
from wagtail.models import Page, PageLogEntry, Revision

from millenniekommunerna.core.reference_data import DATA_DIR
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import Partnership
from millenniekommunerna.stories.importers.listing import (
    decode_listing,
    parse_listing,
)
from millenniekommunerna.stories.importers.planning import MunicipalityLookup
from millenniekommunerna.stories.models import StoryPage, StoryReviewFlag
from tests.properties import rolled_back

from .listings import HEAD

pytestmark = pytest.mark.django_db

SEED = DATA_DIR / "seed" / "millenniekommunerna-listing.txt"
GOALS = DATA_DIR / "seed" / "seed_goals.csv"
SEED_TEXT = SEED.read_text(encoding="utf-8")

SECTION_HEADINGS = [
    "Berättelser från Sveriges kommuner",
    "BERÄTTELSER FRÅN SVERIGES KOMMUNER",
    "berättelser från sveriges kommuner",
    "Berättelser från kommunerna",
    "Berättelser från svenska kommuner",
    "Kommunernas berättelser",
]
HEADING_DECORATIONS = ["{}", "# {}", "## {}", "{}:", "**{}**", "### {}:"]
INTRO_HEADINGS = [
    "Det här är Millenniekommunerna",
    "DET HÄR ÄR MILLENNIEKOMMUNERNA",
    "# Det här är Millenniekommunerna",
    "Om Millenniekommunerna",
    "Millenniekommunerna",
]
READ_MORE = [
    "Läs mer om projektet",
    "Läs mer",
    "Läs mer:",
    "LÄS MER OM PROJEKTET",
    "läs mer om projektet här",
    "Läs mer på kommunens webbplats",
    "Mer om projektet",
    "Läs hela berättelsen",
]
# With • bullets an en dash at the start of a line is dialogue; a listing without them may use
# it as its bullet. Either style mixes its markers freely.
BULLET_STYLES = [("•", "-", "*"), ("-", "*", "–")]
INDENTS = ["", " ", "  ", "    ", "\t", "\u00a0", " \t"]
AFTER_MARKER = [" ", "  ", "\t", "\u00a0", " \u00a0"]
TRAILING = ["", " ", "  ", "\t", "\u00a0", " \t "]
BLANK = ["", " ", "\t", "\u00a0", "  \t"]
SPACES = [" ", "  ", "\u00a0", "\t", " \u00a0"]
LINE_ENDS = ["\n", "\r\n", "\r"]

_SEED_BULLET = re.compile(r"^( *)• (.*)$")


def cards(listing):
    """What a card says, without the line numbers it came from."""
    return [
        (card.title, card.municipality_name, card.teaser, card.caption, card.link_text)
        for card in listing.cards
    ]


SEED_CARDS = cards(parse_listing(SEED_TEXT))


@st.composite
def seed_variants(draw):
    """The seed listing as another program might have saved it: other line endings, bullets,
    indentation and spaces, blank lines added, the headings without data worded otherwise."""
    lines = SEED_TEXT.split("\n")
    heading = SEED_TEXT.split("\n").index("Berättelser från Sveriges kommuner")
    markers = draw(st.sampled_from(BULLET_STYLES))
    out = []
    for number, line in enumerate(lines):
        bullet = _SEED_BULLET.match(line)
        if number == 0:
            line = draw(st.sampled_from(INTRO_HEADINGS))
        elif number == heading:
            wording = draw(st.sampled_from(SECTION_HEADINGS))
            line = draw(st.sampled_from(HEADING_DECORATIONS)).format(wording)
        elif bullet:
            content = bullet.group(2)
            if content == "Läs mer om projektet":
                content = draw(st.sampled_from(READ_MORE))
            marker = draw(st.sampled_from(markers))
            gap = draw(st.sampled_from(["", *AFTER_MARKER] if marker == "•" else AFTER_MARKER))
            line = draw(st.sampled_from(INDENTS)) + marker + gap + content
        elif line.strip():
            line = draw(st.sampled_from(INDENTS)) + line.strip()
        if line.strip() and draw(st.booleans()):
            line = line.replace(" ", draw(st.sampled_from(SPACES)))
        out.append(line + draw(st.sampled_from(TRAILING)) if line.strip() else line)
        out += [draw(st.sampled_from(BLANK)) for _ in range(draw(st.integers(0, 2)))]
    text = draw(st.sampled_from(LINE_ENDS)).join(out)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)  # as macOS may save it
    data = text.encode()
    return b"\xef\xbb\xbf" + data if draw(st.booleans()) else data


def test_variants_of_the_seed_listing_read_as_the_same_stories(examples):
    @given(data=seed_variants())
    @examples.settings(60)
    def check(data):
        examples.count()
        assert cards(parse_listing(decode_listing(data))) == SEED_CARDS

    check()
    examples.assert_ran()


# Through the command, into the database.

REFUSED = "Importen av listing.txt avbröts; inget sparades."
PROBLEM = re.compile(r"(?:Rad \d+|Filen är inte UTF-8-kodad \(rad \d+\)|[\w.-]+, rad \d+): \S")
NAMES = ["Kalix", "Östhammar", "Upplands Väsby", "Malung-Sälen", "Ljusdal", "Ljusdals kommun"]
# Titles that clash, make no address or are too long; teasers complete, cut off, naming a
# partner place, too long.
TITLES = [
    "Titel",
    "titel",
    "Titel!",
    "Tåg i tid",
    "Tag i tid",
    "Ö",
    "Älmhult + IKEA",
    "Lång titel " * 25,
]
TEASERS = ["Ingress.", "Ingress som slutar mitt i", "Om Kisumu i Kenya.", "Lång ingress. " * 29]


def run(path, *args):
    out = StringIO()
    call_command("import_listing", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot():
    """The rows an import may write."""
    return {
        "pages": Page.objects.count(),
        "stories": StoryPage.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "flags": StoryReviewFlag.objects.count(),
        "goals": StoryPage.goals.through.objects.count(),
        "places": StoryPage.partner_places.through.objects.count(),
        "countries": StoryPage.countries.through.objects.count(),
        "partnerships": Partnership.objects.count(),
        "millennium": Municipality.objects.millennium().count(),
    }


def assert_fits(stories):
    """Every value within its column's length, as PostgreSQL enforces it (SQLite does not)."""
    for story in stories:
        for name in ("title", "slug", "teaser", "seo_title", "search_description"):
            limit = StoryPage._meta.get_field(name).max_length
            assert limit is None or len(getattr(story, name)) <= limit, name
        for flag in story.review_flags.all():
            assert len(flag.note) <= StoryReviewFlag._meta.get_field("note").max_length


def assert_refused_in_swedish(error):
    heading, *problems = str(error).split("\n")
    assert heading == REFUSED
    assert problems
    for problem in problems:
        assert PROBLEM.match(problem), problem


def text_of(size, controls=False):
    excluded = ["Cs"] if controls else ["Cs", "Cc"]
    return st.text(st.characters(codec="utf-8", exclude_categories=excluded), max_size=size)


def mostly(draw, usual, wild):
    """One draw in four from `wild`, so that most listings get far enough to be written."""
    return draw(wild if draw(st.integers(0, 3)) == 0 else usual)


@st.composite
def listings(draw):
    """A listing in the expected shape, filled with anything: real and unknown municipalities
    in any spelling, titles that clash or make no address, teasers too long, stray text."""
    lines = [HEAD]
    names = st.sampled_from(NAMES) | st.sampled_from(NAMES).map(str.upper)
    for number in range(draw(st.integers(1, 3))):
        caption = draw(
            st.none() | st.sampled_from(["IMG_2041.JPG", "Elever", "B" * 600]) | text_of(80)
        )
        own_title = st.just(f"Berättelse nummer {number}")
        title = mostly(draw, own_title | st.sampled_from(TITLES), text_of(300))
        name = mostly(draw, names, text_of(30))
        teaser = mostly(draw, st.sampled_from(TEASERS), text_of(450))
        if caption is not None:
            lines += [f" • {caption}", "", f"  {title}, {name}"]
        else:
            lines += [f" • {title}, {name}"]
        lines += ["", f"  {teaser}", ""]
        if draw(st.booleans()):
            lines += ["  • Läs mer om projektet"]
        link = draw(st.none() | st.just(name) | names)
        if link:
            lines += [f"  • {link.removesuffix(' kommun')} kommun"]
        if draw(st.integers(0, 9)) == 0:
            lines += [draw(text_of(80, controls=True))]
    return draw(st.sampled_from(LINE_ENDS)).join(lines).encode()


def test_any_listing_is_imported_whole_or_refused_with_nothing_saved(examples, tmp_path):
    path = tmp_path / "listing.txt"

    @given(data=listings(), dry_run=st.booleans(), mark=st.booleans())
    @examples.settings(40)
    def check(data, dry_run, mark):
        examples.count()
        path.write_bytes(data)
        args = ["--dry-run"] * dry_run + ["--mark-millennium"] * mark
        with rolled_back():
            before = snapshot()
            try:
                output = run(path, *args)
            except CommandError as error:
                event("refused")
                assert_refused_in_swedish(error)
                assert snapshot() == before
                return
            event("imported")
            listing = parse_listing(decode_listing(data))
            if dry_run:
                assert snapshot() == before
                return
            assert f"Skapade: {len(listing.cards)}, uppdaterade: 0" in output
            stories = StoryPage.objects.order_by("title", "teaser")
            wanted = sorted((card.title, card.teaser) for card in listing.cards)
            assert [(story.title, story.teaser) for story in stories] == wanted
            assert_fits(stories)
            after = snapshot()
            for rows in ("pages", "stories", "revisions"):
                assert after[rows] == before[rows] + len(listing.cards)

    check()
    examples.assert_ran()


PAGES = ["/", "/berattelser/", "/kommuner/", "/mal/", "/tipsa/", "/sok/?q=matsvinn", "/api/v1/"]


def test_what_is_not_a_listing_is_refused_with_nothing_saved(examples, tmp_path, client):
    path = tmp_path / "listing.txt"
    pages = [client.get(url).content for url in PAGES]
    # Another page's HTML as it is, or only its text, as copying from a browser gives it.
    other_pages = st.sampled_from(pages) | st.sampled_from(pages).map(
        lambda html: strip_tags(html.decode()).encode()
    )
    not_listings = (
        st.binary(max_size=2000)
        | text_of(2000, controls=True).map(str.encode)
        | st.text(" \t\r\n\u00a0\ufeff", max_size=20).map(str.encode)
        | other_pages
    )

    @given(data=not_listings)
    @examples.settings(60)
    def check(data):
        examples.count()
        path.write_bytes(data)
        with rolled_back():
            before = snapshot()
            with pytest.raises(CommandError) as caught:
                run(path, "--mark-millennium")
            assert_refused_in_swedish(caught.value)
            assert snapshot() == before

    check()
    examples.assert_ran()


def stories_table():
    """Every story with what the import gives it, in a form to compare."""
    return sorted(
        (
            story.municipality.name,
            story.title,
            story.teaser,
            tuple(sorted(goal.slug for goal in story.goals.all())),
            tuple(sorted(place.name for place in story.partner_places.all())),
            tuple(sorted(country.code for country in story.countries.all())),
            tuple(sorted(flag.kind for flag in story.review_flags.all())),
        )
        for story in StoryPage.objects.select_related("municipality")
    )


@pytest.mark.usefixtures("seed_import")
def test_a_variant_of_the_seed_changes_nothing_in_the_imported_seed(examples, tmp_path):
    path = tmp_path / "listing.txt"

    @given(data=seed_variants())
    @examples.settings(5)
    def check(data):
        examples.count()
        path.write_bytes(data)
        with rolled_back():
            before = snapshot(), stories_table()
            output = run(path, "--goals", str(GOALS), "--mark-millennium")
            # Another title, municipality, teaser or goal would be a new or updated story.
            assert "Skapade: 0, uppdaterade: 0, oförändrade: 27, flaggade: 3" in output
            assert (snapshot(), stories_table()) == before

    check()
    examples.assert_ran()


@st.composite
def damaged_seeds(draw):
    """The seed listing with lines lost, repeated, swapped, or written over with anything, or
    cut off anywhere: as a bad copy, a bad edit or an interrupted transfer leaves it."""
    lines = SEED_TEXT.split("\n")
    for _damage in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        damage = draw(st.sampled_from(["lose", "repeat", "swap", "overwrite", "insert"]))
        if damage == "lose":
            del lines[at]
        elif damage == "repeat":
            lines.insert(at, lines[at])
        elif damage == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            new = draw(text_of(120) | st.sampled_from(lines).map(lambda line: line[::-1]))
            lines[at : at + (damage == "overwrite")] = [new]
    data = "\n".join(lines).encode()
    if draw(st.integers(0, 4)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


@pytest.mark.usefixtures("seed_import")
def test_a_damaged_seed_listing_is_imported_whole_or_not_at_all(examples, tmp_path):
    path = tmp_path / "listing.txt"

    @given(data=damaged_seeds())
    @examples.settings(20)
    def check(data):
        examples.count()
        path.write_bytes(data)
        with rolled_back():
            before = snapshot()
            existing = set(StoryPage.objects.values_list("municipality", "slug"))
            try:
                run(path)
            except CommandError as error:
                assert_refused_in_swedish(error)
                assert snapshot() == before
                return
            # Every card is its story now, and the other stories are as they were.
            lookup = MunicipalityLookup()
            keys = set()
            for card in parse_listing(decode_listing(data)).cards:
                municipality = lookup.find(card.municipality_name)
                story = StoryPage.objects.get(municipality=municipality, slug=card.slug)
                assert (story.title, story.teaser) == (card.title, card.teaser)
                keys.add((municipality.pk, card.slug))
            assert StoryPage.objects.count() == before["stories"] + len(keys - existing)

    check()
    examples.assert_ran()
