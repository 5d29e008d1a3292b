import pytest

from millenniekommunerna.core import swedish as text


@pytest.mark.parametrize(
    ("word", "form_with_same_stem_as"),
    [
        ("skolor", "skola"),
        ("skolan", "skola"),
        ("partnerskapet", "partnerskap"),
        ("matsvinnet", "matsvinn"),
        ("biogas", "biogasen"),
        ("östhammars", "östhammar"),
        ("jämställdheten", "jämställdhet"),
        ("klimatet", "klimat"),
    ],
)
def test_inflections_reach_the_stem_of_the_base_form(word, form_with_same_stem_as):
    stems = {text.stem(form) for form in text.inflections(word)}
    assert text.stem(form_with_same_stem_as) in stems
    assert text.inflections(word)[0] == word


def test_numbers_and_short_words_are_not_inflected():
    assert text.inflections("2015") == ("2015",)
    assert text.inflections("co2") == ("co2",)
    assert text.inflections("is") == ("is",)


def test_query_words_drop_punctuation_search_syntax_and_stop_words():
    assert text.query_words('" OR 1=1 --') == (["or", "1"], [])
    assert text.query_words("NEAR(") == (["near"], [])
    assert text.query_words("* ** ?!") == ([], [])
    assert text.query_words("Vad har kommuner gjort mot matsvinn?") == (
        ["kommuner", "gjort", "matsvinn"],
        ["vad", "har", "mot"],
    )
    assert text.query_words("skola Skola SKOLA") == (["skola"], [])


def test_clean_query_removes_control_characters_and_shortens_long_input():
    assert text.clean_query("  skolor\x00\n  i\tKenya ") == ("skolor i Kenya", False)
    long_query, shortened = text.clean_query("matsvinn " * 250)
    assert shortened
    assert len(long_query) <= text.MAX_QUERY_CHARS
    assert not long_query.endswith(" ")


def test_highlight_marks_inflected_forms_and_escapes_html():
    stems = text.query_stems(["skolor"])
    html = text.highlight("Skolan <b>och</b> skolorna", stems)
    assert html == "<mark>Skolan</mark> &lt;b&gt;och&lt;/b&gt; <mark>skolorna</mark>"


def test_snippet_starts_at_the_sentence_with_the_word():
    stems = text.query_stems(["biogas"])
    html, found = text.snippet(
        ["Ingen träff här.", "Gödsel från gårdarna. Den blir biogas till bussarna."], stems
    )
    assert found
    assert html.startswith("… Den blir <mark>biogas</mark>")
    html, found = text.snippet(["Inget om det.", ""], stems)
    assert not found
    assert html == "Inget om det."


def test_snippet_of_a_text_that_stops_mid_sentence_says_so():
    stems = text.query_stems(["skolor"])
    html, _found = text.snippet(["Skolorna beslutade att göra något åt saken och"], stems)
    assert html == "<mark>Skolorna</mark> beslutade att göra något åt saken och …"
