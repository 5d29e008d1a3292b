import io
import os

import pytest
from django.core.management import call_command

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.suggestions import storage

pytestmark = pytest.mark.django_db

PINGIS = "Bordtennisklubben lär ut pingis till pensionärer i kommunens fritidsgårdar."


def train() -> str:
    out = io.StringIO()
    call_command("train_goal_suggestions", stdout=out)
    return out.getvalue()


def test_the_command_trains_on_the_descriptions_and_the_tagged_stories(seed_import, model_file):
    assert storage.load() is None
    output = train()
    assert model_file.exists()
    assert "52 documents (27 stories, 25 goal descriptions)" in output
    model = storage.load()
    assert (model.documents, model.stories) == (52, 27)
    assert len(model.goals) == 25


def test_retraining_learns_from_stories_tagged_since(seed_import, model_file):
    train()
    assert "sdg-3" not in [s.goal for s in storage.load().suggest(PINGIS)]

    sdg_3 = Goal.objects.get(slug="sdg-3")
    for n in range(3):
        StoryPageFactory(
            title=f"Pingis för äldre {n}",
            teaser="Pingis på fritidsgården håller pensionärerna friska.",
            goals=[sdg_3],
        )
    output = train()
    assert "(30 stories, 25 goal descriptions)" in output
    # The running site reads the new file without a restart.
    suggestions = storage.load().suggest(PINGIS)
    assert suggestions[0].goal == "sdg-3"
    assert "pingis" in suggestions[0].words


def test_a_model_file_that_cannot_be_read_counts_as_no_model(model_file, caplog):
    model_file.write_bytes(b"not a model")
    assert storage.load() is None
    assert "cannot be read" in caplog.text


def test_a_model_of_another_format_counts_as_no_model(db, model_file):
    import joblib

    joblib.dump({"format": storage.FORMAT + 1, "model": object()}, model_file)
    assert storage.load() is None


def test_saving_replaces_the_file_whole(seed_import, model_file):
    train()
    first = model_file.stat().st_ino
    train()
    assert model_file.stat().st_ino != first  # a new file renamed over the old one
    assert [p for p in os.listdir(model_file.parent) if p.endswith(".tmp")] == []
