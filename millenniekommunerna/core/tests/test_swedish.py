import threading

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


def test_stemming_works_in_a_thread_of_its_own():
    text.stem.cache_clear()
    results = []
    thread = threading.Thread(target=lambda: results.append(text.stem("skolorna")))
    thread.start()
    thread.join()
    assert results == ["skol"]


def test_stem_text_and_has_match():
    assert text.stem_text("Skolorna i Östhammars kommun") == "skol i östhammar kommun"
    assert text.has_match("Skolan satsar", text.query_stems(["skolor"]))
    assert not text.has_match("Kommunen satsar", text.query_stems(["skolor"]))
    assert not text.has_match(None, text.query_stems(["skolor"]))
    assert not text.has_match("", text.query_stems(["xxxx"]))


def test_empty_input_has_no_words():
    assert text.words("") == []
    assert text.words(None) == []
    assert text.query_words("") == ([], [])
    assert text.clean_query("") == ("", False)
    assert text.clean_query(None) == ("", False)


def test_clean_query_reads_only_the_first_2000_characters():
    assert text.clean_query("\x00" * 2000 + "skola") == ("", False)


def test_clean_query_keeps_a_query_of_exactly_the_maximum_length():
    query = "x" * text.MAX_QUERY_CHARS
    assert text.clean_query(query) == (query, False)


def test_clean_query_shortens_at_the_last_whole_word():
    # the cut falls inside a word: that word goes
    assert text.clean_query("matsvinn " * 30) == (" ".join(["matsvinn"] * 22), True)
    # the cut falls just after a word: that word stays
    assert text.clean_query("abcd " * 50) == (" ".join(["abcd"] * 40), True)
    # one long word is cut where it must be
    assert text.clean_query("x" * 300) == ("x" * text.MAX_QUERY_CHARS, True)


def test_highlight_without_searched_words_only_escapes():
    assert text.highlight("Mat & miljö <i>", frozenset()) == "Mat &amp; miljö &lt;i&gt;"


BIOGAS = text.query_stems(["biogas"])


def test_snippet_of_nothing_is_empty():
    assert text.snippet([], BIOGAS) == ("", False)
    assert text.snippet(["", "   "], BIOGAS) == ("", False)


def test_snippet_skips_texts_of_white_space_only():
    assert text.snippet(["   ", "Inget om det."], BIOGAS) == ("Inget om det.", False)


def test_snippet_starts_at_the_last_sentence_before_the_word_not_after_it():
    html, _found = text.snippet(["Ett. Två. Här blir det biogas. Sedan annat. Mer text!"], BIOGAS)
    assert html == "… Här blir det <mark>biogas</mark>. Sedan annat. Mer text!"
    html, _found = text.snippet(["Ett! Två! Här blir det biogas! Sedan annat! Mer text."], BIOGAS)
    assert html == "… Här blir det <mark>biogas</mark>! Sedan annat! Mer text."
    html, _found = text.snippet(["Biogas i bussarna! Sedan annat. Mer text."], BIOGAS)
    assert html == "<mark>Biogas</mark> i bussarna! Sedan annat. Mer text."


def test_snippet_of_a_text_that_starts_with_a_sentence_end():
    html, _found = text.snippet([". Biogas till bussarna."], BIOGAS)
    assert html == "… <mark>Biogas</mark> till bussarna."
    html, _found = text.snippet(["! Biogas till bussarna."], BIOGAS)
    assert html == "… <mark>Biogas</mark> till bussarna."


def test_snippet_of_a_long_sentence_starts_near_the_word():
    sentence = (
        "Gödsel från gårdarna samlas in varje vecka av en lastbil som kör runt i hela kommunen "
        "och lämnar det vid anläggningen där det blir biogas till bussarna."
    )
    html, found = text.snippet([sentence], BIOGAS, length=90)
    assert found
    assert html == "… anläggningen där det blir <mark>biogas</mark> till bussarna."


def test_snippet_starts_at_the_word_when_no_space_comes_before_it():
    html, _found = text.snippet(["x" * 46 + "-biogas till bussarna i staden."], BIOGAS, length=40)
    assert html == "… <mark>biogas</mark> till bussarna i staden."


def test_snippet_starts_at_the_sentence_when_the_word_is_near_its_start():
    first = "Kommunen har länge arbetat med att samla in matavfall från hushållen."
    second = "Nu blir det i år och framåt biogas till bussarna."
    html, _found = text.snippet([first + " " + second], BIOGAS, length=60)
    assert html == "… Nu blir det i år och framåt <mark>biogas</mark> till bussarna."


@pytest.mark.parametrize(
    "before",
    [
        "Kommunen satsar nu stort, ",  # 26 characters away: more than a third of 60
        "Kommunen satsar i år stort på ",  # 30: exactly half
    ],
)
def test_snippet_starts_at_the_sentence_when_the_word_is_within_half_the_length(before):
    html, _found = text.snippet([before + "biogas till bussarna."], BIOGAS, length=60)
    assert html.startswith("Kommunen satsar")


def test_snippet_of_a_text_exactly_as_long_as_the_passage_is_whole():
    sentence = "Biogas till bussarna."
    html, _found = text.snippet([sentence], BIOGAS, length=len(sentence))
    assert html == "<mark>Biogas</mark> till bussarna."


def test_snippet_cuts_at_a_word_and_drops_a_dangling_comma():
    html, found = text.snippet(["Ett, två, tre, fyra, fem, sex, sju."], BIOGAS, length=14)
    assert (html, found) == ("Ett, två …", False)


def test_snippet_cuts_one_long_word_at_the_length():
    assert text.snippet(["x" * 50], BIOGAS, length=20) == ("x" * 20 + " …", False)


def test_snippet_keeps_a_final_capital_letter():
    assert text.snippet(["Kommunen deltar i projekt X"], BIOGAS) == (
        "Kommunen deltar i projekt X …",
        False,
    )


def test_snippet_is_about_240_characters_by_default():
    words = "orde" + " ord" * 70  # a space at every fourth character, one at 240
    html, _found = text.snippet([words], BIOGAS)
    assert html == words[:236] + " …"
