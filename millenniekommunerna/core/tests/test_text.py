import pytest

from millenniekommunerna.core.text import excerpt, fold_slug


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
