from millenniekommunerna.suggestions.text import term, terms, words_by_term


def test_inflected_forms_of_a_word_are_one_term():
    assert term("matsvinn") == term("matsvinnet")
    assert term("klimat") == term("klimatet")
    assert term("biogas") == term("biogasen")


def test_stop_words_numbers_and_short_words_are_no_terms():
    assert terms("och det att i en 2015 ab") == []
    assert terms("Skolorna och matsvinnet") == [term("skolorna"), term("matsvinnet")]


def test_each_term_is_shown_as_the_first_word_of_the_text_it_came_from():
    shown = words_by_term("Matsvinnet minskar. Matsvinn mäts varje dag.")
    assert shown[term("matsvinn")] == "Matsvinnet"
    assert shown[term("minskar")] == "minskar"
