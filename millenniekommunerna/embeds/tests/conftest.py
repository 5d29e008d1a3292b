import pytest

STORY = "/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/"
MUNICIPALITY = "/kommuner/osthammar/"
GOAL = "/mal/sdg-12/"


@pytest.fixture
def seeded_site(seed_import):
    """The 27 seed stories, as `make run` imports them."""


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives
