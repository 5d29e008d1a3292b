"""Which line of a card is its title: the shapes the old listing's cards come in, and the
shapes that are refused with the line to fix. Pure parsing, no database.

A card is a bullet and the paragraphs after it: an optional image text (caption), the title
line `Title, Municipality`, the teaser, then the link bullets. The municipality link
(`Östhammars kommun`) says which line ends with the card's municipality; without one the
shape of the lines decides."""

import pytest

from millenniekommunerna.stories.importers.listing import ListingError, parse_listing

from .listings import HEAD

LINKS = " • Läs mer om projektet\n • Östhammars kommun\n"


def card(body):
    """The one card of a listing whose cards start on line 7, as (line, caption, title,
    municipality, teaser)."""
    (only,) = parse_listing(HEAD + body).cards
    return (only.line, only.caption, only.title, only.municipality_name, only.teaser)


def refusal(body):
    with pytest.raises(ListingError) as caught:
        parse_listing(HEAD + body)
    return str(caught.value)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            " • Vy över Poti, Georgien\n\n Brandövningar, Östhammar\n\n Ingress.\n" + LINKS,
            (7, "Vy över Poti, Georgien", "Brandövningar", "Östhammar", "Ingress."),
            id="an image text shaped like a title: the link names the title line",
        ),
        pytest.param(
            " • Vy över Poti, Georgien\n\n Brandövningar, Östhammars\n\n Ingress.\n"
            " • Östhammar kommun\n",
            (7, "Vy över Poti, Georgien", "Brandövningar", "Östhammars", "Ingress."),
            id="the genitive s in the title line and not in the link",
        ),
        pytest.param(
            " • IMG_1.JPG\n\n Titel, Kalix\n\n Ingress.\n",
            (7, "IMG_1.JPG", "Titel", "Kalix", "Ingress."),
            id="an image text and no link",
        ),
        pytest.param(
            " • Titel, Kalix\n\n Första stycket.\n\n Andra stycket.\n",
            (7, "", "Titel", "Kalix", "Första stycket. Andra stycket."),
            id="a teaser of two paragraphs and no link",
        ),
        pytest.param(
            " • Bild, tagen i Poti\n\n Brandövningar, Östhammar\n\n Ingress.\n",
            (7, "Bild, tagen i Poti", "Brandövningar", "Östhammar", "Ingress."),
            id="an image text with a comma but no capitalised name after it",
        ),
        pytest.param(
            " • Utsikt, Poti Hamn Vid Havet\n\n Brandövningar, Östhammar\n\n Ingress.\n",
            (7, "Utsikt, Poti Hamn Vid Havet", "Brandövningar", "Östhammar", "Ingress."),
            id="an image text with four capitalised words after its comma",
        ),
        pytest.param(
            " • Titel, Norra Övre Dal\n\n Första stycket.\n\n Andra stycket.\n",
            (7, "", "Titel", "Norra Övre Dal", "Första stycket. Andra stycket."),
            id="a name of three capitalised words",
        ),
        pytest.param(
            " • Titel, Upplands Väsby\n\n Ingress.\n • Läs mer\n • Upplands Väsby kommun\n",
            (7, "", "Titel", "Upplands Väsby", "Ingress."),
            id="a name of two words and its link",
        ),
    ],
)
def test_the_title_line_is_found_whatever_the_shape_of_the_card(body, expected):
    assert card(body) == expected


def test_the_last_teaser_may_end_the_file_without_a_line_break():
    assert card(" • Titel, Kalix\n\n Ingress.") == (7, "", "Titel", "Kalix", "Ingress.")


def test_a_card_may_start_on_the_line_after_the_heading():
    text = HEAD.rstrip("\n") + "\n • Titel, Kalix\n Ingress.\n"
    (only,) = parse_listing(text).cards
    assert (only.line, only.title, only.teaser) == (6, "Titel", "Ingress.")


def test_a_heading_of_six_words_is_the_heading_and_a_line_with_a_comma_is_not():
    text = (
        "Det här är Millenniekommunerna\n\nBerättelser från kommunerna, i urval.\n\n"
        "Berättelser från Sveriges kommuner och regioner\n\n • Titel, Kalix\n\n Ingress.\n"
    )
    listing = parse_listing(text)
    assert (listing.heading_line, [c.title for c in listing.cards]) == (5, ["Titel"])


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            " • Vy över Poti, Georgien\n\n Brandövningar, Östhammar\n" + LINKS,
            "Rad 9: berättelsen «Brandövningar» saknar ingress.",
            id="an image text shaped like a title and a title line without a teaser",
        ),
        pytest.param(
            " • IMG_1.JPG\n\n Titel, Kalix\n",
            "Rad 9: berättelsen «Titel» saknar ingress.",
            id="an image text and a title line without a teaser",
        ),
        pytest.param(
            " • IMG_1.JPG\n\n Titel utan kommun\n\n Ingress.\n",
            "Rad 9: hittar ingen titelrad i formen «Titel, Kommun»: raden «Titel utan kommun» "
            "saknar kommatecken följt av kommunens namn.",
            id="an image text and a title line without its municipality",
        ),
        pytest.param(
            " • DSCN0010_webb\n" + LINKS,
            "Rad 7: hittar ingen titelrad i formen «Titel, Kommun»: raden «DSCN0010_webb» "
            "saknar kommatecken följt av kommunens namn.",
            id="an image text alone",
        ),
        pytest.param(
            " • , Kalix\n\n Ingress.\n",
            "Rad 7: hittar ingen titelrad i formen «Titel, Kommun»: raden «, Kalix» saknar "
            "kommatecken följt av kommunens namn.",
            id="a title line without its title",
        ),
        pytest.param(
            " • Titel, Kalix\n\n Ingress.\n •\n",
            "Rad 10: hittar ingen titelrad i formen «Titel, Kommun»: raden «» saknar "
            "kommatecken följt av kommunens namn.",
            id="an empty bullet at the end",
        ),
        pytest.param(
            " • Titel, Kalix\n\n Ingress.\n •\n • Annan titel, Kalix\n\n Ingress två.\n",
            "Rad 10: hittar ingen titelrad i formen «Titel, Kommun»: raden «» saknar "
            "kommatecken följt av kommunens namn.",
            id="an empty bullet between two cards",
        ),
        pytest.param(
            " • Läs mer om projektet\n • Titel, Kalix\n\n Ingress.\n",
            "Rad 7: «Läs mer om projektet» utan någon berättelse före.",
            id="a link before the first card",
        ),
        pytest.param(
            " • Titel, Kalix\n\n Ingress.\n • Läs mer om projektet\n Mer text.\n",
            "Rad 11: text efter länkarna i berättelsen på rad 7: «Mer text.». Om en ny "
            "berättelse börjar här saknas punkten (•) före den.",
            id="text after the read-more link and no municipality link",
        ),
        pytest.param(
            " • Titel, Kalix\n\n Ingress.\n • Kalix kommun\n Mer text.\n",
            "Rad 11: text efter länkarna i berättelsen på rad 7: «Mer text.». Om en ny "
            "berättelse börjar här saknas punkten (•) före den.",
            id="text after the municipality link and no read-more link",
        ),
    ],
)
def test_a_card_of_no_known_shape_is_refused_with_the_line_to_fix(body, message):
    assert refusal(body) == message
