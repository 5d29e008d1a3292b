import csv
import re
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from wagtail.models import PageLogEntry, Revision

from millenniekommunerna.core.reference_data import DATA_DIR
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import Country, PartnerPlace, Partnership
from millenniekommunerna.stories.importers.enrichment import (
    CountryMatcher,
    GoalRow,
    PlaceMatcher,
    parse_goals_csv,
)
from millenniekommunerna.stories.importers.listing import (
    Card,
    ListingError,
    decode_listing,
    parse_listing,
)
from millenniekommunerna.stories.importers.planning import MunicipalityLookup
from millenniekommunerna.stories.importers.writer import (
    MILLENNIUM_NOTE,
    teaser_is_complete,
    wanted_flags,
)
from millenniekommunerna.stories.models import StoryPage, StoryReviewFlag

from .listings import HEAD, write_listing

pytestmark = pytest.mark.django_db

SEED = DATA_DIR / "seed" / "millenniekommunerna-listing.txt"
GOALS = DATA_DIR / "seed" / "seed_goals.csv"
TWO_STORIES = Path(__file__).parent / "fixtures" / "listing-two-stories.txt"
Flag = StoryReviewFlag.Kind

KARLSTAD_TEASER = "I Karlstad och turkiska Gaziantep är jämställdhet"
FILE_NAME_CAPTIONS = {
    "Älmhult + IKEA = Biogas": "DSCN0010_webb",
    "Blåljus i Gävle och Sydafrika": "11020",
    "Lära för livet i Sverige och Sydafrika": "2009_0213_100_webb_290_2",
}


def run(path, *args, verbosity=1):
    out = StringIO()
    call_command("import_listing", str(path), *args, stdout=out, verbosity=verbosity)
    return out.getvalue()


def seed_text():
    return SEED.read_text(encoding="utf-8")


def flags(story, kind):
    return list(story.review_flags.filter(kind=kind))


def snapshot():
    return {
        "stories": StoryPage.objects.count(),
        "revisions": Revision.objects.count(),
        "flags": StoryReviewFlag.objects.count(),
        "partnerships": Partnership.objects.count(),
        "millennium": Municipality.objects.millennium().count(),
    }


# The parser: plain strings in, cards out, no database.


def test_parse_seed_listing():
    listing = parse_listing(seed_text())

    assert len(listing.cards) == 27
    assert len({card.municipality_name for card in listing.cards}) == 17
    first = listing.cards[0]
    assert (first.title, first.municipality_name, first.caption) == (
        "Skolor minskar matsvinn i rekordfart",
        "Kristinehamn",
        "",
    )
    assert (first.title_line, first.teaser_line, first.link_line) == (7, 9, 12)
    biogas = next(c for c in listing.cards if c.municipality_name == "Älmhult" and c.caption)
    assert biogas.title == "Älmhult + IKEA = Biogas"
    assert (biogas.caption, biogas.caption_line, biogas.title_line) == ("DSCN0010_webb", 133, 135)
    assert biogas.link_text == "Älmhult kommun"
    service = next(c for c in listing.cards if c.title == "Service på lika villkor")
    assert service.caption == "Anna Ågerfalk, kommunalråd i Örebro kommun"
    last = listing.cards[-1]
    assert (last.title, last.caption, last.link_text) == (
        "Lära för livet i Sverige och Sydafrika",
        "2009_0213_100_webb_290_2",
        "Växjö kommun",  # the file's last line, without a line break
    )


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_parse_tolerates_bullets_indentation_and_line_ends(line_end):
    text = TWO_STORIES.read_text(encoding="utf-8").replace("\n", line_end)

    kalix, osthammar = parse_listing(text).cards

    assert (kalix.title, kalix.municipality_name, kalix.caption) == (
        "Skolor för hållbar utveckling",
        "Kalix",
        "",
    )
    assert kalix.teaser == (
        "1000 mil skiljer Kalix och Kampala åt. På pappret har kommunerna inte mycket gemensamt."
    )
    assert (osthammar.caption, osthammar.caption_line) == ("IMG_2041.JPG", 14)
    # The last comma separates the municipality; the title keeps its own commas.
    assert osthammar.title == "Räddningstjänst, brandövningar och utbyte i Poti"
    assert (osthammar.municipality_name, osthammar.link_text) == ("Östhammar", "Östhammars kommun")
    assert osthammar.teaser.endswith("utryckning. – Nu har vi bilar, säger brandchefen.")
    assert (osthammar.title_line, osthammar.teaser_line) == (15, 17)


def test_parse_keeps_non_breaking_spaces_out_of_the_teaser():
    text = HEAD + " • Titel, Kalix\n\n  Ett\u00a0stycke   med\tmellanrum. \n"
    assert parse_listing(text).cards[0].teaser == "Ett stycke med mellanrum."


@pytest.mark.parametrize(
    "heading",
    [
        "## Berättelser från Sveriges kommuner:",
        "BERÄTTELSER FRÅN SVERIGES KOMMUNER",
        "Kommunernas berättelser",
        "**Berättelser från svenska kommuner**",
    ],
)
def test_parse_reads_the_section_heading_in_other_words(heading):
    text = HEAD.replace("Berättelser från Sveriges kommuner", heading) + (
        " • Titel, Kalix\n\n Ingress.\n"
    )
    assert [card.title for card in parse_listing(text).cards] == ["Titel"]


def test_parse_reads_en_dash_bullets_in_a_listing_without_dots():
    text = HEAD + (
        "– Titel, Kalix\n\n  Ingress.\n\n  – Mer om projektet\n  –\tKalix kommun\n"
        "– Annan titel, Östhammar\n\n  Andra ingressen.\n  – Läs hela berättelsen\n"
    )
    kalix, osthammar = parse_listing(text).cards
    assert (kalix.title, kalix.teaser, kalix.link_text) == ("Titel", "Ingress.", "Kalix kommun")
    assert (osthammar.title, osthammar.teaser) == ("Annan titel", "Andra ingressen.")


def test_parse_reads_names_saved_in_decomposed_form():
    text = unicodedata.normalize("NFD", HEAD + " • Biogas i Älmhult, Älmhult\n\n Ingress.\n")
    [card] = parse_listing(text).cards
    assert (card.title, card.municipality_name) == ("Biogas i Älmhult", "Älmhult")


def test_parse_refuses_a_web_page():
    text = "<!DOCTYPE html>\n<html lang=sv>\n" + HEAD + " • Titel, Kalix\n\n Ingress.\n"
    with pytest.raises(ListingError) as caught:
        parse_listing(text)
    assert str(caught.value) == (
        "Rad 1: filen är en webbsida (HTML), inte listan som text. Kopiera listans text till "
        "en textfil (UTF-8) och försök igen."
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Rad 1: filen är tom."),
        ("  \n\n", "Rad 1: filen är tom."),
        (
            "Det här är Millenniekommunerna\n\n • Titel, Kalix\n\n Text.\n",
            "Rad 1: filen saknar rubriken «Berättelser från Sveriges kommuner» som ska stå före "
            "berättelserna.",
        ),
        (
            HEAD + " • Titel, Kalix\n\n • Läs mer om projektet\n • Kalix kommun\n",
            "Rad 7: berättelsen «Titel» saknar ingress.",
        ),
        (
            HEAD
            + " • Titel utan kommun\n\n Ingress.\n\n • Läs mer om projektet\n • Kalix kommun\n",
            "Rad 7: hittar ingen titelrad i formen «Titel, Kommun»: raden «Titel utan kommun» "
            "saknar kommatecken följt av kommunens namn.",
        ),
        (
            HEAD + " • DSCN0010_webb\n\n I Kalix odlar man.\n\n • Läs mer om projektet\n",
            "Rad 7: hittar ingen titelrad i formen «Titel, Kommun»: raden «DSCN0010_webb» saknar "
            "kommatecken följt av kommunens namn.",
        ),
        (
            HEAD + "Lös text.\n • Titel, Kalix\n\n Ingress.\n",
            "Rad 7: text före den första berättelsen: «Lös text.». Varje berättelse börjar med "
            "en punkt (•).",
        ),
        (
            HEAD + " • Titel, Kalix\n Ingress.\n • Läs mer om projektet\n • Kalix kommun\n"
            "Titel två, Kalix\n",
            "Rad 11: text efter länkarna i berättelsen på rad 7: «Titel två, Kalix». Om en ny "
            "berättelse börjar här saknas punkten (•) före den.",
        ),
        (
            HEAD + " • Titel, Kalix\n\n Ingress.\n • Titel, Kalix\n\n Annan ingress.\n",
            "Rad 10: berättelsen «Titel» finns redan på rad 7.",
        ),
        (
            HEAD + " • Titel, Kalix\n\n In\x07gress.\n",
            "Rad 9: raden innehåller styrtecken (binära data); är det rätt fil?",
        ),
        (
            HEAD + "\n\n",
            "Rad 5: inga berättelser under rubriken «Berättelser från Sveriges kommuner».",
        ),
    ],
)
def test_parse_errors_name_the_line(text, message):
    with pytest.raises(ListingError) as caught:
        parse_listing(text)
    assert str(caught.value) == message


def test_parse_reports_every_bad_card_at_once():
    text = HEAD + " • Utan kommun\n\n Ingress.\n • Titel, Kalix\n\n • Bra, Kalix\n\n Text.\n"
    with pytest.raises(ListingError) as caught:
        parse_listing(text)
    assert [p.line for p in caught.value.problems] == [7, 10]
    first, second = str(caught.value).split("\n")  # one problem a line
    assert first.startswith("Rad 7: ") and second.startswith("Rad 10: ")


@pytest.mark.parametrize(
    ("stray", "quoted"),
    [
        ("a" * 58 + " " + "b" * 30, "«" + "a" * 58 + "…»"),
        ("d" * 70, "«" + "d" * 59 + "…»"),
        ("c" * 60, "«" + "c" * 60 + "»"),
    ],
    ids=["cut at a word", "cut in a word", "60 characters whole"],
)
def test_a_long_text_in_a_problem_is_quoted_cut_to_60_characters(stray, quoted):
    with pytest.raises(ListingError) as caught:
        parse_listing(HEAD + stray + "\n • Titel, Kalix\n\n Ingress.\n")
    assert f"före den första berättelsen: {quoted}. " in str(caught.value)


UTF16 = "Filen är inte UTF-8-kodad (rad 1): den verkar vara UTF-16. Spara den som UTF-8 och försök igen."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "\nrad 2\nBerättelser\n".encode("latin-1"),
            "Filen är inte UTF-8-kodad (rad 3): byte 0xE4 kan inte läsas som UTF-8. Filen är "
            "troligen sparad som Latin-1 eller Windows-1252; spara den som UTF-8 och försök igen.",
        ),
        ("Berättelser".encode("utf-16"), UTF16),  # little-endian, with its byte order mark
        ("\ufeffBerättelser".encode("utf-16-be"), UTF16),
        (
            b"\ntext\n\x00\x01\x02",
            "Rad 3: filen innehåller binära data (byte 0x00); är det rätt fil, sparad som text?",
        ),
    ],
)
def test_a_file_that_is_not_utf8_text_is_refused_with_its_line(data, message):
    with pytest.raises(ListingError) as caught:
        decode_listing(data)
    assert str(caught.value) == message


def test_decode_listing_drops_the_byte_order_mark():
    assert decode_listing("\ufeffBerättelser".encode()) == "Berättelser"


def test_place_matcher_finds_whole_names_and_aliases():
    matcher = PlaceMatcher(PartnerPlace.objects.all())

    def names(text):
        return {place.name for place in matcher.find(text)}

    assert names("Ulricehamns kommun samarbetar med Voi i Kenya.") == {"Voi"}
    assert names("Voi-projektet") == {"Voi"}
    assert names("Voices, envoi, Voiture och VOIP") == set()
    assert names("Nackas och Kisumus samarbete") == {"Kisumu"}
    assert names("sjukhuset i Stefan Voda, Moldavien") == {"Ştefan Vodă"}
    assert names("sjukhuset i Stefan\n  Voda") == {"Ştefan Vodă"}  # a line break between
    assert names("ursprungsfolket Shipibo-Conibo i Perus regnskog") == {"Ucayali"}
    assert names("Potis räddningstjänst och Kampala") == {"Poti", "Kampala"}
    assert names("potis") == set()  # names are proper nouns


def test_country_matcher_reads_names_genitives_and_adjectives():
    matcher = CountryMatcher(Country.objects.all())

    def codes(text):
        return {country.code for country in matcher.find(text)}

    assert codes("ursprungsfolket i Perus regnskog") == {"PE"}
    assert codes("Något som kenyanska kommunen") == {"KE"}
    assert codes("Kenyanska lärare") == {"KE"}
    assert codes("en sydafrikansk kommun eller en svensk") == {"ZA"}
    assert codes("I Karlstad och turkiska Gaziantep") == {"TR"}
    assert codes("Sydafrika och i Sverige") == {"ZA"}
    assert codes("Sveriges kommuner i Sverige") == set()
    assert codes("Nigeria") == {"NG"}  # not Niger as well
    assert codes("matematikens Indien") == {"IN"}


def test_parse_goals_csv_requires_the_columns():
    rows = parse_goals_csv("municipality,title,goals,note\nKalix,Titel,mdg-7 SDG-12,\n", "g.csv")
    assert (rows[0].line, rows[0].goal_codes) == (2, ["mdg-7", "sdg-12"])
    with pytest.raises(ListingError, match=r"g\.csv, rad 1: kolumnerna goals saknas"):
        parse_goals_csv("municipality,title\nKalix,Titel\n", "g.csv")
    with pytest.raises(ListingError, match=r"g\.csv, rad 3: inga mål"):
        parse_goals_csv("municipality,title,goals\nKalix,A,mdg-7\nKalix,B,\n", "g.csv")


def test_a_goals_file_is_read_as_a_spreadsheet_saves_it():
    text = (
        "\ufeffmunicipality,title,goals,note\n"  # the byte order mark a spreadsheet writes
        ",,,\n"  # an empty row
        ' Kalix ,Skolor   i  Kalix,"MDG-7,sdg-12  SDG-13", Från kommunens sida \n'
        "Boden,Vatten,sdg-6\n"
    )
    assert parse_goals_csv(text, "g.csv") == [
        GoalRow(3, "Kalix", "Skolor i Kalix", ["mdg-7", "sdg-12", "sdg-13"], "Från kommunens sida"),
        GoalRow(4, "Boden", "Vatten", ["sdg-6"], ""),
    ]


def test_every_problem_of_a_goals_file_is_named_with_its_line():
    with pytest.raises(ListingError) as refused:
        parse_goals_csv("title,note\nA,\n", "g.csv")
    assert str(refused.value) == "g.csv, rad 1: kolumnerna municipality, goals saknas."
    text = (
        "municipality,title,goals\n"
        ",,mdg-7\n"  # goals only
        "Kalix,,\n"  # a municipality only
        "Kalix,,mdg-7\n"  # no title
        "Kalix\n"  # a short row
        "Kalix,B,\n"  # no goals
        "Kalix,D,\n"  # no goals either: every row is read
        "Kalix,C,mdg-1\n"
    )
    with pytest.raises(ListingError) as refused:
        parse_goals_csv(text, "g.csv")
    assert str(refused.value).splitlines() == [
        "g.csv, rad 2: raden saknar kommun eller titel.",
        "g.csv, rad 3: raden saknar kommun eller titel.",
        "g.csv, rad 4: raden saknar kommun eller titel.",
        "g.csv, rad 5: raden saknar kommun eller titel.",
        "g.csv, rad 6: inga mål för «B».",
        "g.csv, rad 7: inga mål för «D».",
    ]


def test_a_municipality_is_found_as_a_card_names_it():
    lookup = MunicipalityLookup()
    ljusdal = Municipality.objects.get(name="Ljusdal")
    for text in ("Ljusdal", "ljusdal", "Ljusdals", "Ljusdals kommun", " LJUSDALS  KOMMUN "):
        assert lookup.find(text) == ljusdal, text
    assert lookup.find("Gotland") == Municipality.objects.get(name="Gotland")
    assert lookup.find("Atlantis") is None


def test_each_card_that_does_not_fit_is_named_with_its_line(tmp_path):
    cards = [
        ("T" * 255 + ", Kalix", "x" * 399 + "."),  # as long as fits
        ("U" * 256 + ", Kalix", "x" * 400 + "y."),  # one more
        ("!!!, Kalix", "Ingress."),
        ("\ufb01" * 200 + ", Kalix", "Ingress."),  # the ligature ﬁ: its address is "fi" 200 times
        ("Titel, Atlantis", "Ingress."),
    ]
    text = HEAD + "".join(f" • {title}\n\n  {teaser}\n\n" for title, teaser in cards)
    path = tmp_path / "listing.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        run(path)
    assert str(refused.value).splitlines()[1:] == [
        "Rad 11: titeln är 256 tecken lång; högst 255 får plats.",
        "Rad 13: ingressen är 402 tecken lång; högst 400 får plats. Korta den till en eller "
        "två hela meningar.",
        "Rad 15: titeln «!!!» ger ingen webbadress (slug).",
        "Rad 19: titelns webbadress blir längre än 255 tecken.",
        "Rad 23: okänd kommun «Atlantis». Titelraden ska sluta med kommatecken och kommunens "
        "namn, t.ex. «…, Östhammar».",
    ]
    assert not StoryPage.objects.exists()


def test_a_story_is_linked_to_its_own_municipalitys_partnership_with_a_place(tmp_path):
    kenya = Country.objects.get(code="KE")
    for name in ("Kisumu", "Voi"):
        PartnerPlace.objects.get_or_create(
            slug=name.lower(),
            defaults={"name": name, "country": kenya, "latitude": 0, "longitude": 34},
        )
    path = write_listing(
        tmp_path,
        " • Vatten i Kisumu, Kalix\n\n  Kalix och Kisumu arbetar med vatten.\n\n"
        " • Skolor i Voi, Kalix\n\n  Kalix och Voi bygger skolor.\n\n"
        " • Skolor i Kisumu, Boden\n\n  Boden och Kisumu bygger skolor.\n\n",
    )
    run(path)
    stories = StoryPage.objects.all()
    assert len(stories) == 3
    for story in stories:
        place = story.title.split()[-1]
        assert [(p.municipality, p.partner_place.name) for p in story.partnerships.all()] == [
            (story.municipality, place)
        ]


def card_with(caption="", teaser="En hel mening."):
    return Card(1, "Titel", 1, "Kalix", teaser, 2, caption=caption)


def test_the_notes_tell_the_editor_what_to_do():
    assert wanted_flags(card_with(caption="DSCN0010_webb", teaser="Arbetet bidrar till")) == {
        Flag.IMAGE_ALT_TEXT: "Bilden i källan hade filnamnet «DSCN0010_webb» som alt-text; ladda "
        "upp bilden med en beskrivande alt-text",
        Flag.TEASER_INCOMPLETE: "Ingressen slutar mitt i en mening i källan; skriv klart den "
        "eller korta den till hela meningar",
        Flag.BODY_MISSING: "Listan i källan hade bara ingressen; lägg in berättelsens text från "
        "projektets sida",
    }
    assert wanted_flags(card_with(caption="Barn vid en brunn")) == {
        Flag.IMAGE_MISSING: "Bild i källan: «Barn vid en brunn» – ladda upp bilden och använd "
        "texten som alt-text om den stämmer",
        Flag.BODY_MISSING: "Listan i källan hade bara ingressen; lägg in berättelsens text från "
        "projektets sida",
    }


@pytest.mark.parametrize(
    ("length", "shown"),
    [(380, "x" * 380), (381, "x" * 379 + "…"), (2000, "x" * 379 + "…")],
)
def test_a_long_image_text_is_shortened_in_the_editors_note(length, shown):
    note = wanted_flags(card_with(caption="x" * length))[Flag.IMAGE_MISSING]
    assert f"«{shown}»" in note


def test_a_long_teaser_that_ends_a_sentence_is_complete():
    teaser = "Kommunen arbetar med vatten och skolor. " * 20
    assert len(teaser) > 240
    assert teaser_is_complete(teaser)
    assert Flag.TEASER_INCOMPLETE not in wanted_flags(card_with(teaser=teaser))
    assert not teaser_is_complete(teaser + "och sedan")


# The seed import, once for the whole class; each test runs in a savepoint inside it.


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield run(SEED, "--goals", str(GOALS), "--mark-millennium", verbosity=2)
        transaction.set_rollback(True)


def edited_seed(tmp_path, old=KARLSTAD_TEASER, new="I Karlstad och Gaziantep är jämställdhet"):
    text = seed_text()
    assert old in text
    path = tmp_path / "listing.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def replace_line(text, number, new):
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def seed_bytes_with(number, new):
    # Every broken variant also edits another story, which must not be saved either.
    text = seed_text().replace(KARLSTAD_TEASER, "Ändrad ingress")
    return replace_line(text, number, new).encode()


MALFORMED = {
    "unknown municipality": (
        lambda: seed_bytes_with(7, " • Skolor minskar matsvinn i rekordfart, Atlantis"),
        "Rad 7: okänd kommun «Atlantis»",
    ),
    "missing title": (
        lambda: seed_bytes_with(135, ""),
        "Rad 133: hittar ingen titelrad",
    ),
    "title without municipality": (
        lambda: seed_bytes_with(7, " • Skolor minskar matsvinn i rekordfart"),
        "Rad 7: hittar ingen titelrad",
    ),
    "link disagrees with title": (
        lambda: seed_bytes_with(12, "  • Karlstad kommun"),
        "Rad 12: länken «Karlstad kommun» stämmer inte",
    ),
    "teaser too long": (
        lambda: seed_bytes_with(9, "  " + "Lång ingress. " * 40),
        "Rad 9: ingressen är 559 tecken lång; högst 400",
    ),
    "title too long": (
        lambda: seed_bytes_with(7, " • " + "Lång titel " * 30 + ", Kristinehamn"),
        "Rad 7: titeln är 329 tecken lång",
    ),
    "binary garbage": (
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "Rad 2: filen innehåller binära data",
    ),
    "Latin-1": (
        lambda: seed_text().replace("•", "*").replace("–", "-").encode("latin-1"),
        "Filen är inte UTF-8-kodad (rad 1)",
    ),
    "empty file": (lambda: b"", "Rad 1: filen är tom"),
    "no story section": (
        lambda: seed_text().replace("Berättelser från Sveriges kommuner", "Berättelser").encode(),
        "saknar rubriken «Berättelser från Sveriges kommuner»",
    ),
}


@pytest.mark.usefixtures("seeded")
class TestSeedImport:
    def test_creates_27_live_stories_under_their_municipality_pages(self, seeded):
        assert "Skapade: 27, uppdaterade: 0, oförändrade: 0, flaggade: 3" in seeded
        stories = list(StoryPage.objects.select_related("municipality"))
        assert len(stories) == 27
        assert len({story.municipality_id for story in stories}) == 17
        teasers = {card.title: card.teaser for card in parse_listing(seed_text()).cards}
        for story in stories:
            parent = story.get_parent().specific
            assert parent.municipality_id == story.municipality_id
            assert story.live and story.live_revision_id and story.first_published_at
            assert story.teaser == teasers[story.title]
        assert StoryPage.objects.get(slug="almhult-ikea-biogas").municipality.name == "Älmhult"
        # Each story's history starts with its creation, once, as if an editor had made it.
        created = PageLogEntry.objects.filter(action="wagtail.create", page__in=stories)
        assert sorted(created.values_list("page_id", flat=True)) == sorted(s.pk for s in stories)

    def test_each_partnership_has_its_stories_and_their_goals_among_its_themes(self):
        partnerships = Partnership.objects.prefetch_related("goals", "stories__goals")
        assert partnerships.count() > 5
        for partnership in partnerships:
            stories = list(partnership.stories.all())
            assert stories, partnership
            for story in stories:
                assert story.municipality_id == partnership.municipality_id
                assert partnership.partner_place in story.partner_places.all()
            assert set(partnership.goals.all()) == {g for s in stories for g in s.goals.all()}
        # A story is linked to its own municipality's partnership with a place, not another's.
        nacka = StoryPage.objects.get(title__contains="Nackas och Kisumus samarbete")
        assert [str(p.municipality) for p in nacka.partnerships.all()] == ["Nacka"]

    def test_second_run_changes_nothing(self):
        before = snapshot()
        output = run(SEED, "--goals", str(GOALS), "--mark-millennium")
        assert "Skapade: 0, uppdaterade: 0, oförändrade: 27, flaggade: 3" in output
        assert snapshot() == before

    @pytest.mark.parametrize(("title", "caption"), FILE_NAME_CAPTIONS.items())
    def test_file_name_captions_are_flagged_and_kept_out_of_public_fields(self, title, caption):
        story = StoryPage.objects.get(title=title)
        [flag] = flags(story, Flag.IMAGE_ALT_TEXT)
        assert f"filnamnet «{caption}»" in flag.note
        assert not flags(story, Flag.IMAGE_MISSING)
        public = [story.title, story.seo_title, story.teaser, story.search_description]
        public.append(str(story.body.raw_data))
        assert not any(caption in text for text in public)
        assert story.hero_image is None

    @pytest.mark.parametrize(
        ("title", "caption"),
        [
            ("Örebro påverkar globalt", "Fairtrade City"),
            ("Växjö budgeterar CO2", "Växjö budgeterar CO2"),
            ("Service på lika villkor", "Anna Ågerfalk, kommunalråd i Örebro kommun"),
        ],
    )
    def test_described_captions_ask_for_the_image(self, title, caption):
        story = StoryPage.objects.get(title=title)
        [flag] = flags(story, Flag.IMAGE_MISSING)
        assert flag.note == (
            f"Bild i källan: «{caption}» – ladda upp bilden och använd texten som alt-text "
            "om den stämmer"
        )
        assert not flags(story, Flag.IMAGE_ALT_TEXT)

    def test_cut_teasers_and_missing_bodies_are_flagged_once(self):
        for story in StoryPage.objects.all():
            assert len(flags(story, Flag.BODY_MISSING)) == 1
            cut = not story.teaser.endswith(".")
            assert len(flags(story, Flag.TEASER_INCOMPLETE)) == int(cut), story.title
        assert not flags(
            StoryPage.objects.get(title="Gymnasielever arbetar för millenniemålen"),
            Flag.TEASER_INCOMPLETE,
        )

    @pytest.mark.parametrize(
        ("title", "municipality", "place"),
        [
            ("Avfallshantering och stadsplanering formar Nackas och Kisumus samarbete", "Nacka",
             "Kisumu"),
            ("Skolor för hållbar utveckling", "Kalix", "Kampala"),
            ("Räddningstjänst i Poti och Östhammar", "Östhammar", "Poti"),
            ("Kooperativ som bidrar till jämställdhet", "Karlstad", "Gaziantep"),
            ("Gemensamt ansvar för millenniemålen", "Gnosjö", "Ştefan Vodă"),
            ("Lokal demokrati i fokus", "Ulricehamn", "Voi"),
            ("Vänersborg och Omaruru förebygger HIV/Aids i Namibia", "Vänersborg", "Omaruru"),
            ("Sophantering i Kinda och Kenya", "Kinda", "Kimilili"),
            ("Utbildning vidgar vyerna i Härryda och Amazonas", "Härryda", "Ucayali"),
        ],
    )  # fmt: skip
    def test_partner_places_and_partnerships(self, title, municipality, place):
        story = StoryPage.objects.get(title=title)
        assert [p.name for p in story.partner_places.all()] == [place]
        partner = story.partner_places.get()
        assert partner.country in story.countries.all()
        assert Partnership.objects.filter(
            municipality__name=municipality, partner_place=partner
        ).exists()

    def test_no_other_partner_places_or_partnerships(self):
        assert Partnership.objects.count() == 9
        assert StoryPage.objects.filter(partner_places__isnull=False).count() == 9

    def test_each_story_is_linked_to_the_partnerships_of_its_places(self):
        """A story belongs to its municipality's partnership with each place it names; the
        stories without a place belong to none."""
        stories = StoryPage.objects.select_related("municipality").prefetch_related(
            "partner_places", "partnerships"
        )
        linked = 0
        for story in stories:
            expected = {(story.municipality_id, place.pk) for place in story.partner_places.all()}
            found = {(p.municipality_id, p.partner_place_id) for p in story.partnerships.all()}
            assert found == expected, story.title
            linked += bool(found)
        assert linked == 9

    def test_a_partnerships_themes_are_the_goals_of_its_stories(self):
        for partnership in Partnership.objects.prefetch_related("goals", "stories__goals"):
            story_goals = {g.pk for story in partnership.stories.all() for g in story.goals.all()}
            assert story_goals, partnership.slug
            assert {g.pk for g in partnership.goals.all()} == story_goals, partnership.slug

    @pytest.mark.parametrize(
        ("title", "codes"),
        [
            ("Blåljus i Gävle och Sydafrika", {"ZA"}),
            ("Lära för livet i Sverige och Sydafrika", {"ZA"}),
            ("En resa i matematikens Indien", {"IN"}),
            ("Vänersborg och Omaruru förebygger HIV/Aids i Namibia", {"NA"}),
            ("Lokal demokrati i fokus", {"KE"}),
            ("Sophantering i Kinda och Kenya", {"KE"}),
            ("Avfallshantering och stadsplanering formar Nackas och Kisumus samarbete", {"KE"}),
            ("Gemensamt ansvar för millenniemålen", {"MD"}),
            ("Räddningstjänst i Poti och Östhammar", {"GE"}),
            ("Kooperativ som bidrar till jämställdhet", {"TR"}),
            ("Utbildning vidgar vyerna i Härryda och Amazonas", {"PE"}),
            ("Skolor för hållbar utveckling", {"UG"}),
            ("Växjö budgeterar CO2", set()),
        ],
    )
    def test_countries(self, title, codes):
        story = StoryPage.objects.get(title=title)
        assert {c.code for c in story.countries.all()} == codes

    def test_goals_come_from_the_curated_file(self):
        with open(GOALS, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == 27
        for row in rows:
            story = StoryPage.objects.get(
                municipality__name=row["municipality"], title=row["title"]
            )
            assert {g.slug for g in story.goals.all()} == set(row["goals"].split()), row["title"]

    def test_municipalities_marked_as_millennium_municipalities(self):
        marked = Municipality.objects.millennium()
        assert marked.count() == 17
        for municipality in marked:
            assert municipality.millennium_note == (
                "Berättelse på programmets webbsida (SKL:s Millenniekommunerna)"
            )
            assert municipality.millennium_decision_date is None
            assert municipality.millennium_diploma_date is None

    @pytest.mark.parametrize("case", MALFORMED)
    def test_malformed_file_names_the_line_and_changes_nothing(self, case, tmp_path):
        content, expected = MALFORMED[case]
        path = tmp_path / "listing.txt"
        path.write_bytes(content())
        before = snapshot()

        with pytest.raises(CommandError) as caught:
            run(path, "--mark-millennium")

        assert expected in str(caught.value)
        assert "inget sparades" in str(caught.value)
        assert snapshot() == before
        karlstad = StoryPage.objects.get(title="Kooperativ som bidrar till jämställdhet")
        assert karlstad.teaser.startswith(KARLSTAD_TEASER)

    def test_edited_teaser_updates_one_story(self, tmp_path):
        new = "I Karlstad och Gaziantep är jämställdhet centralt."
        old = (
            "I Karlstad och turkiska Gaziantep är jämställdhet och hållbar utveckling centrala "
            "frågor. Arbetet för att starta sociala kooperativ bidrar till"
        )
        revisions = Revision.objects.count()

        output = run(edited_seed(tmp_path, old, new), "--goals", str(GOALS), verbosity=2)

        assert "Skapade: 0, uppdaterade: 1, oförändrade: 26, flaggade: 3" in output
        assert "uppdaterad  Karlstad: Kooperativ som bidrar till jämställdhet" in output
        story = StoryPage.objects.get(title="Kooperativ som bidrar till jämställdhet")
        assert story.teaser == new
        assert story.live_revision.as_object().teaser == new
        assert Revision.objects.count() == revisions + 1
        # The story's history shows the import's edit, as it would an editor's.
        edits = PageLogEntry.objects.filter(page=story, action="wagtail.edit")
        assert [entry.revision_id for entry in edits] == [story.live_revision_id]
        # The teaser now ends its sentence, so its flag goes; the country stays (only added).
        assert not flags(story, Flag.TEASER_INCOMPLETE)
        assert {c.code for c in story.countries.all()} == {"TR"}

    def test_an_update_names_what_it_changed(self, tmp_path):
        title = "Kooperativ som bidrar till jämställdhet"
        teaser = (
            "I Karlstad och Gaziantep är jämställdhet centralt. Samarbetet med Kisumu i Kenya "
            "pågår."
        )
        # The rest of the old teaser follows: it still ends mid-sentence.
        path = edited_seed(tmp_path, old=KARLSTAD_TEASER + " och hållbar", new=f"{teaser} Om")
        path.write_text(path.read_text().replace(title, f"{title}!"), encoding="utf-8")
        output = run(path, "--goals", str(GOALS), verbosity=2)
        assert (
            f"uppdaterad  Karlstad: {title}! (rad 13): titel, ingress, samarbetsorter, länder, "
            "samarbeten, status [granska: ingressen avklippt, brödtext saknas]"
        ) in output.splitlines()

    def test_changed_goals_and_source_are_named_as_changes(self, tmp_path):
        goals = tmp_path / "goals.csv"
        goals.write_text(
            GOALS.read_text(encoding="utf-8").replace(
                "Karlstad,Kooperativ som bidrar till jämställdhet,mdg-3 mdg-8 sdg-5 sdg-8 sdg-17",
                "Karlstad,Kooperativ som bidrar till jämställdhet,sdg-5",
            ),
            encoding="utf-8",
        )
        lines = run(SEED, "--goals", str(goals), verbosity=2).splitlines()
        assert [line for line in lines if line.startswith("uppdaterad")] == [
            "uppdaterad  Karlstad: Kooperativ som bidrar till jämställdhet (rad 13): mål "
            "[granska: ingressen avklippt, brödtext saknas]"
        ]
        story = StoryPage.objects.get(title="Kooperativ som bidrar till jämställdhet")
        assert [goal.slug for goal in story.goals.all()] == ["sdg-5"]
        output = run(
            SEED, "--goals", str(goals), "--source-name", "Kommunens webbplats", verbosity=2
        )
        assert "Skapade: 0, uppdaterade: 27, oförändrade: 0" in output
        assert (
            "uppdaterad  Karlstad: Kooperativ som bidrar till jämställdhet (rad 13): källa "
            "[granska: ingressen avklippt, brödtext saknas]"
        ) in output.splitlines()
        story.refresh_from_db()
        assert story.source_name == "Kommunens webbplats"

    def test_an_update_of_a_story_with_a_draft_or_unpublished_says_so(self, tmp_path):
        title = "Kooperativ som bidrar till jämställdhet"
        story = StoryPage.objects.get(title=title)
        story.save_revision()  # a draft nobody published
        lines = run(edited_seed(tmp_path), verbosity=2).splitlines()
        assert (
            f"Obs! Karlstad: «{title}» hade ett opublicerat utkast; importens version sparades ovanpå "
            "(utkastet finns kvar i historiken)."
        ) in lines
        story.refresh_from_db()
        assert story.live and story.teaser.startswith("I Karlstad och Gaziantep är jämställdhet")

        story.unpublish()
        output = run(edited_seed(tmp_path, new="I Karlstad är jämställdhet"), verbosity=2)
        assert f"Obs! Karlstad: «{title}» är avpublicerad; ändringarna sparades som utkast." in (
            output.splitlines()
        )
        story.refresh_from_db()
        assert not story.live
        assert story.get_latest_revision_as_object().teaser.startswith("I Karlstad är")

    def test_dry_run_reports_changes_without_saving(self, tmp_path):
        before = snapshot()
        output = run(edited_seed(tmp_path), "--dry-run")
        assert "Torrkörning" in output
        assert "uppdaterade: 1" in output
        assert snapshot() == before
        karlstad = StoryPage.objects.get(title="Kooperativ som bidrar till jämställdhet")
        assert karlstad.teaser.startswith(KARLSTAD_TEASER)

    def test_curated_goals_are_the_default_only_for_the_seed(self, tmp_path):
        assert "Mål enligt seed_goals.csv" in run(SEED)
        story = StoryPage.objects.get(title="Växjö budgeterar CO2")
        story.goals.clear()
        story.save()
        copy = edited_seed(tmp_path, "Växjö budgeterar CO2", "Växjö budgeterar CO2")
        output = run(copy)
        assert "Mål enligt" not in output
        assert "oförändrade: 27" in output
        assert not story.goals.exists()


# Imports into an empty story tree.


def test_dry_run_writes_nothing():
    before = snapshot()
    output = run(SEED, "--goals", str(GOALS), "--mark-millennium", "--dry-run")
    assert "Skapade: 27, uppdaterade: 0, oförändrade: 0, flaggade: 3" in output
    assert "Nya partnerskap: 9" in output
    assert "Markerade som Millenniekommun: 17" in output
    assert snapshot() == before


def test_small_listing_with_official_name_and_crlf(tmp_path):
    path = tmp_path / "listing.txt"
    path.write_bytes(TWO_STORIES.read_bytes().replace(b"\n", b"\r\n"))

    output = run(path)

    assert "Skapade: 2, uppdaterade: 0, oförändrade: 0, flaggade: 1" in output
    story = StoryPage.objects.get(title="Räddningstjänst, brandövningar och utbyte i Poti")
    assert story.municipality.name == "Östhammar"
    assert story.slug == "raddningstjanst-brandovningar-och-utbyte-i-poti"
    assert [p.name for p in story.partner_places.all()] == ["Poti"]
    assert "IMG_2041" in flags(story, Flag.IMAGE_ALT_TEXT)[0].note
    assert not flags(story, Flag.TEASER_INCOMPLETE)
    assert "IMG_2041" not in story.teaser + story.title
    assert not story.goals.exists()


def test_mark_millennium_respects_the_editors(tmp_path):
    Municipality.objects.filter(name="Kalix").update(millennium_note="Avböjde 2012")
    run(TWO_STORIES)
    assert not Municipality.objects.millennium().exists()

    output = run(TWO_STORIES, "--mark-millennium")

    assert "Markerade som Millenniekommun: 1 (Östhammar)" in output
    kalix = Municipality.objects.get(name="Kalix")
    assert (kalix.is_millennium_municipality, kalix.millennium_note) == (False, "Avböjde 2012")
    osthammar = Municipality.objects.get(name="Östhammar")
    assert osthammar.is_millennium_municipality
    assert osthammar.millennium_note == MILLENNIUM_NOTE


def test_a_story_is_of_the_countries_of_the_places_it_names(tmp_path):
    path = write_listing(
        tmp_path, " • Vatten och brand, Kalix\n\n  Kalix arbetar med Kisumu och med Poti.\n"
    )
    run(path)
    story = StoryPage.objects.get()
    assert {c.code for c in story.countries.all()} == {"KE", "GE"}
    assert {p.name for p in story.partner_places.all()} == {"Kisumu", "Poti"}


QUERIES_OF_A_PLAN = 4  # municipalities, their pages, places with their countries, countries


def test_checking_a_listing_reads_the_places_with_their_countries_at_once(
    tmp_path, django_assert_max_num_queries
):
    """What the checks against the database cost does not grow with the places named."""
    teaser = "Kalix arbetar med Kisumu, Poti, Kampala och Omaruru."
    path = write_listing(tmp_path, f" • Titel, Kalix\n\n  {teaser}\n")
    from millenniekommunerna.stories.importers.planning import plan_import

    listing = parse_listing(path.read_text(encoding="utf-8"))
    with django_assert_max_num_queries(QUERIES_OF_A_PLAN):
        (plan,) = plan_import(listing, None, "")
    assert {c.code for c in plan.countries} == {"KE", "GE", "UG", "NA"}


def test_the_report_lists_the_stories_in_the_listing_s_order():
    output = run(TWO_STORIES, verbosity=2)
    created = [line for line in output.splitlines() if line.startswith("skapad")]
    assert [re.search(r"\(rad (\d+)\)", line).group(1) for line in created] == ["7", "15"]


def test_fixed_problems_lose_their_flags():
    run(TWO_STORIES)
    story = StoryPage.objects.get(title="Skolor för hållbar utveckling")
    story.body = [("paragraph", "<p>Hela berättelsen.</p>")]
    story.save_revision().publish()

    output = run(TWO_STORIES, verbosity=2)

    assert "uppdaterad  Kalix: Skolor för hållbar utveckling (rad 7): granskningsflaggor" in output
    assert not flags(StoryPage.objects.get(pk=story.pk), Flag.BODY_MISSING)
    assert "uppdaterade: 0, oförändrade: 2" in run(TWO_STORIES)


def test_an_image_uploaded_takes_the_image_flags_away(tmp_path):
    from millenniekommunerna.images.factories import CustomImageFactory

    listing = tmp_path / "listing.txt"
    listing.write_text(
        TWO_STORIES.read_text(encoding="utf-8").replace("IMG_2041.JPG", "Brandbilen i Poti"),
        encoding="utf-8",
    )
    run(listing)
    described = StoryPage.objects.get(title__startswith="Räddningstjänst")
    assert flags(described, Flag.IMAGE_MISSING)
    run(TWO_STORIES)  # the image text is now a file name
    assert flags(described, Flag.IMAGE_MISSING) and flags(described, Flag.IMAGE_ALT_TEXT)
    described.hero_image = CustomImageFactory()
    described.save_revision().publish()

    output = run(TWO_STORIES, verbosity=2)

    assert "granskningsflaggor" in output
    for kind in (Flag.IMAGE_MISSING, Flag.IMAGE_ALT_TEXT):
        assert not flags(StoryPage.objects.get(pk=described.pk), kind)


def refusal(tmp_path, cards):
    """The problems an import of `cards` is refused with, one a line; nothing is saved."""
    path = write_listing(tmp_path, cards)
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        run(path)
    assert snapshot() == before
    return str(caught.value).splitlines()[1:]


def test_one_story_written_twice_under_two_names_of_its_municipality_is_refused(tmp_path):
    """Found by test_import_properties: the two cards passed the parser (the names differ)
    and became one story, the second overwriting the first."""
    cards = (
        " • Okänd, Atlantis\n\n  Ingress.\n\n"  # every problem is named, not the first only
        " • Titel, Ljusdal\n\n  Ingress.\n\n • Titel!, Ljusdals kommun\n\n  Annan.\n"
    )
    assert refusal(tmp_path, cards) == [
        "Rad 7: okänd kommun «Atlantis». Titelraden ska sluta med kommatecken och kommunens "
        "namn, t.ex. «…, Östhammar».",
        "Rad 15: berättelsen «Titel!» från Ljusdal står redan på rad 11 (samma titel ger samma "
        "webbadress).",
    ]


def test_a_municipality_without_its_page_is_refused_with_the_line(tmp_path):
    from millenniekommunerna.municipalities.models import MunicipalityPage

    MunicipalityPage.objects.get(municipality__code="0861").delete()  # Mönsterås
    cards = " • Titel, Kalix\n\n  Ingress.\n\n • Annan titel, Mönsterås\n\n  Ingress.\n"
    assert refusal(tmp_path, cards) == [
        "Rad 11: Mönsterås har ingen kommunsida att lägga berättelsen under; kör först "
        "`manage.py load_reference_data`."
    ]


def test_goals_file_problems_name_file_and_line(tmp_path):
    goals = tmp_path / "goals.csv"
    goals.write_text(
        "municipality,title,goals,note\n"
        "Kalix,Skolor för hållbar utveckling,mdg-9 sdg-4 sdg-99,\n"
        "Kalix,Skolor som inte finns,sdg-4,\n"
        "Atlantis,Något,sdg-4,\n"
        "Kalix,Skolor för hållbar utveckling,sdg-4,\n"
        "Kalix,Skolor som inte heller finns,sdg-4,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        run(TWO_STORIES, "--goals", str(goals))
    message = str(caught.value)
    assert "goals.csv, rad 2: okänt mål «mdg-9», «sdg-99» (skriv t.ex. mdg-7 eller sdg-12)." in (
        message
    )
    assert "goals.csv, rad 3: listan har ingen berättelse «Skolor som inte finns»" in message
    assert "goals.csv, rad 4: okänd kommun «Atlantis»" in message
    assert "goals.csv, rad 5: «Skolor för hållbar utveckling» står redan på rad 2." in message
    assert "goals.csv, rad 6: listan har ingen berättelse «Skolor som inte heller finns»" in message
    assert not StoryPage.objects.exists()


class TestEditorsWorkIsKept:
    def test_a_story_edited_in_the_admin_is_not_overwritten_by_a_new_import(self, capsys):
        from django.contrib.auth import get_user_model

        seed = str(SEED)
        call_command("import_listing", seed)
        story = StoryPage.objects.get(slug="skolor-minskar-matsvinn-i-rekordfart")
        editor = get_user_model().objects.create_user("redaktor", password="x" * 16)
        story.teaser = "Redaktörens nya ingress, skriven i sin helhet."
        story.save_revision(user=editor).publish()

        call_command("import_listing", seed)

        story.refresh_from_db()
        assert story.teaser == "Redaktörens nya ingress, skriven i sin helhet."
        out = capsys.readouterr().out
        assert re.search(r"Skapade: 0, .*, redigerade av redaktör \(lämnade orörda\): 1", out)
        assert (
            "«Skolor minskar matsvinn i rekordfart» har redigerats i redaktörsgränssnittet och "
            "lämnades orörd (--overwrite skriver över)."
        ) in out

        call_command("import_listing", seed, "--overwrite")
        story.refresh_from_db()
        assert story.teaser.startswith("När kostavdelningen uppmärksammade")
