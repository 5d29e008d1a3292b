import pytest
from django.core.management import call_command

from millenniekommunerna.suggestions import storage


@pytest.fixture(autouse=True)
def model_file(settings, tmp_path):
    """Each test has a model file of its own (none until something trains one)."""
    settings.GOAL_SUGGESTIONS_MODEL_PATH = tmp_path / "goal-suggestions.joblib"
    storage._loaded.clear()
    yield settings.GOAL_SUGGESTIONS_MODEL_PATH
    storage._loaded.clear()


@pytest.fixture
def trained(seed_import, model_file):
    """The model trained by the command on the goals' descriptions and the seed stories."""
    call_command("train_goal_suggestions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return storage.load()


MATSVINN = (
    "Kökspersonalen i kommunens skolkök vägde matsvinnet under en månad. Nu planeras "
    "portionerna efter hur många elever som äter, och mindre mat hamnar i soporna."
)
BIOGAS = (
    "Kommunens nya anläggning rötar gödsel från gårdarna och gör biogas, som bussarna och "
    "kommunens bilar tankar."
)
