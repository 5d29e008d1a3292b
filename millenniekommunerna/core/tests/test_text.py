import pytest

from millenniekommunerna.core.text import excerpt, fold_slug, stream_text


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Östhammar", "osthammar"),
        ("Upplands Väsby", "upplands-vasby"),
        ("Malung-Sälen", "malung-salen"),
        ("Älmhult", "almhult"),
        ("Åre", "are"),
    ],
)
def test_fold_slug(name, slug):
    assert fold_slug(name) == slug


def test_excerpt_adds_ellipsis_to_a_teaser_cut_mid_sentence():
    teaser = "När kostavdelningen uppmärksammade att mycket skolmat slängs bestämde kommunen att göra något åt saken och"
    assert excerpt(teaser) == teaser + "…"


def test_excerpt_keeps_a_complete_sentence():
    assert excerpt("Kommunen är en Fairtrade City.") == "Kommunen är en Fairtrade City."


def test_excerpt_strips_dangling_punctuation_before_the_ellipsis():
    assert excerpt("Med konsten som medel har,") == "Med konsten som medel har…"
    assert excerpt("UNIK,") == "UNIK…"


def test_excerpt_never_cuts_mid_word():
    text = "ord " * 100
    result = excerpt(text, limit=50)
    assert result.endswith("ord…")
    assert len(result) <= 51
    words = result.rstrip("…").split()
    assert all(word == "ord" for word in words)


def test_excerpt_prefers_a_sentence_boundary_when_there_is_one():
    text = "Första meningen är ganska lång och fyller ut det mesta. Andra meningen blir för lång för att få plats här."
    assert excerpt(text, limit=70) == "Första meningen är ganska lång och fyller ut det mesta."


def test_excerpt_of_empty_text_is_empty():
    assert excerpt("") == ""
    assert excerpt(None) == ""


def test_fold_slug_drops_separators_at_both_ends():
    assert fold_slug("«Östhammar!»") == "osthammar"
    assert fold_slug(" - Malung-Sälen - ") == "malung-salen"


def test_excerpt_cuts_a_teaser_longer_than_the_default_limit():
    text = ("ordet " * 41)[:241]
    assert len(text) == 241
    result = excerpt(text)
    assert result.endswith("ordet…")
    assert len(result) <= 241


def test_excerpt_keeps_a_sentence_exactly_as_long_as_the_limit():
    text = "Kommunen är en Fairtrade City."
    assert excerpt(text, limit=len(text)) == text


def test_excerpt_keeps_a_word_that_ends_exactly_at_the_limit():
    assert excerpt("abcd efghi jklmn", limit=10) == "abcd efghi…"


def test_excerpt_keeps_as_many_whole_words_as_fit():
    assert excerpt("ett två tre fyra fem sex sju", limit=18) == "ett två tre fyra…"


@pytest.mark.parametrize("end", [".", "!", "?"])
def test_excerpt_cuts_at_the_last_sentence_end_of_any_kind(end):
    text = f"Ett{end} Den andra meningen slutar här{end} Den tredje meningen får inte plats."
    assert excerpt(text, limit=50) == f"Ett{end} Den andra meningen slutar här{end}"


def test_excerpt_uses_a_sentence_end_at_exactly_half_the_limit():
    text = "Kort mening. Sedan kommer mer text."
    assert text.index(". ") == 11
    assert excerpt(text, limit=23) == "Kort mening."


def test_excerpt_ignores_a_sentence_end_before_half_the_limit():
    text = "Kortare ord. Sedan kommer en lång mening utan slut"
    assert text.index(". ") == 11
    assert excerpt(text, limit=30) == "Kortare ord. Sedan kommer en…"


def test_excerpt_does_not_cut_into_a_long_word_after_a_short_one():
    assert excerpt("Å " + "x" * 60, limit=20) == "Å…"


def test_excerpt_cuts_a_single_long_word_at_the_limit():
    assert excerpt("x" * 60, limit=20) == "x" * 20 + "…"


def test_stream_text_gives_the_words_of_every_block_without_markup():
    blocks = [
        {"type": "paragraph", "value": "<p>Vatten till <b>Kisumu</b> &amp; Poti</p>", "id": "a"},
        {"type": "heading", "value": "Resultat", "id": "b"},
        {
            "type": "quote",
            "value": {"text": "<p>Det gick bra</p>", "attribution": "Kommunalråd"},
            "id": "c",
        },
        {"type": "list", "value": ["Ett", ("Två", "<i>Tre</i>")], "id": "d"},
    ]
    assert (
        stream_text(blocks)
        == "Vatten till Kisumu & Poti Resultat Det gick bra Kommunalråd Ett Två Tre"
    )


def test_stream_text_skips_values_that_are_not_text():
    blocks = [
        {"type": "image", "value": 17},
        {"type": "embed", "value": None},
        {"type": "paragraph", "value": "Kvar"},
        {"type": "numbers", "value": {"count": 3, "label": "Brunnar"}},
    ]
    assert stream_text(blocks) == "Kvar Brunnar"


@pytest.mark.parametrize("blocks", [None, []])
def test_stream_text_of_an_empty_body_is_empty(blocks):
    assert stream_text(blocks) == ""
