import pytest

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.suggestions import corpus
from millenniekommunerna.suggestions.evaluation import score
from millenniekommunerna.suggestions.model import TOP, GoalModel
from millenniekommunerna.suggestions.text import term

from .conftest import BIOGAS, MATSVINN

pytestmark = pytest.mark.django_db


def slugs(suggestions):
    return [s.goal for s in suggestions]


def test_a_text_about_food_waste_in_school_kitchens_suggests_sdg_12(trained):
    suggestions = trained.suggest(MATSVINN)
    assert "sdg-12" in slugs(suggestions)
    reasons = next(s for s in suggestions if s.goal == "sdg-12").words
    assert "matsvinnet" in reasons


def test_a_text_about_biogas_suggests_sdg_7_first(trained):
    suggestions = trained.suggest(BIOGAS)
    assert slugs(suggestions)[0] == "sdg-7"
    assert "biogas" in suggestions[0].words


def test_the_goals_descriptions_alone_suggest_sdg_12_and_7():
    model = GoalModel.train(corpus.goal_documents())
    assert "sdg-12" in slugs(model.suggest(MATSVINN))
    assert "sdg-7" in slugs(model.suggest(BIOGAS))


def test_at_most_three_suggestions_each_with_words_of_the_text(trained):
    suggestions = trained.suggest(MATSVINN + " " + BIOGAS)
    assert len(suggestions) == TOP
    for suggestion in suggestions:
        assert suggestion.words
        assert all(word in MATSVINN + " " + BIOGAS for word in suggestion.words)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


@pytest.mark.parametrize("text", ["", "   ", "och det att i en", "2015 2016", "xqzv blorp"])
def test_a_text_without_known_words_gets_no_suggestion(trained, text):
    assert trained.suggest(text) == []


def test_training_reads_published_tagged_stories_with_their_body(seed_import):
    sdg_3 = Goal.objects.get(slug="sdg-3")
    body = [{"type": "paragraph", "value": "<p>Simhallen erbjuder <b>vattengympa</b>.</p>"}]
    tagged = StoryPageFactory(title="Simma mera", body=body, goals=[sdg_3])
    untagged = StoryPageFactory(title="Utan mål")
    draft = StoryPageFactory(title="Utkast", live=False, goals=[sdg_3])

    documents = {d.story_id: d for d in corpus.story_documents()}
    assert documents[tagged.pk].goals == ("sdg-3",)
    assert "Simhallen erbjuder vattengympa." in documents[tagged.pk].text
    assert untagged.pk not in documents
    assert draft.pk not in documents
    assert len(documents) == 28  # the 27 seed stories and the new one
    assert tagged.pk not in {d.story_id for d in corpus.story_documents([tagged.pk])}


def test_every_goal_has_a_description(db):
    descriptions = corpus.descriptions()
    assert set(descriptions) == set(Goal.objects.values_list("slug", flat=True))
    assert all(len(text.split()) >= 30 for text in descriptions.values())


def test_score_counts_top_three_hits_against_the_stories_goals(trained):
    documents = [
        corpus.Document(MATSVINN, ("sdg-12",), 1),
        corpus.Document(BIOGAS, ("sdg-7", "sdg-1"), 2),
    ]
    result = score(trained, documents)
    assert result.stories == 2
    assert result.suggested == 6
    assert result.relevant == 3
    assert result.hits == 2  # SDG 12 and SDG 7; nothing in the text speaks of poverty
    assert result.precision == pytest.approx(2 / 6)
    assert result.recall == pytest.approx(2 / 3)


def test_place_names_are_no_reason_for_a_goal(trained):
    places = corpus.place_terms()
    assert {term("Örebros"), term("Kenya"), term("Kisumu")} <= places
    assert term("mark") not in places  # Mark the municipality, but a word of SDG 15 too
    for suggestion in trained.suggest("Örebros skolkök i samarbete med Kenya minskar matsvinnet"):
        assert not {"Örebros", "Kenya"} & set(suggestion.words)
