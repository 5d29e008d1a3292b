"""The limit on expensive anonymous requests (core.ratelimit.throttle) with production's
default, 60 uncached filtered listings or searches a minute per address: a burst meets it, a
person clicking filters never does (docs/crawling.md)."""

import itertools

import pytest
from django_ratelimit import core as ratelimit_core

pytestmark = pytest.mark.django_db

GOALS = [f"sdg-{n}" for n in range(1, 18)] + [f"mdg-{n}" for n in range(1, 9)]
YEARS = [str(year) for year in range(2000, 2027)]


@pytest.fixture
def limited(settings, empty_cache, monkeypatch):
    settings.EXPENSIVE_RATE_LIMIT = 60
    settings.EXPENSIVE_RATE_PERIOD = 60
    clock = [1_800_000_000.0]
    monkeypatch.setattr(ratelimit_core.time, "time", lambda: clock[0])
    return clock


def filter_combinations():
    """Every one a different selection: none of them is in the cache yet."""
    for goal, year in itertools.product(GOALS, YEARS):
        yield f"/berattelser/?mal={goal}&ar={year}"


def test_a_burst_meets_the_limit(seed_import, client, limited):
    statuses = [client.get(url).status_code for url in itertools.islice(filter_combinations(), 75)]
    assert statuses[:60] == [200] * 60
    assert statuses[60:] == [429] * 15
    print(
        f"burst: 75 uncached filtered listings at once: {statuses.count(200)} × 200, "
        f"{statuses.count(429)} × 429"
    )

    response = client.get("/berattelser/?mal=sdg-1&ar=1999")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "För många förfrågningar" in html and 'lang="sv"' in html
    english = client.get("/en/sok/?q=vatten").content.decode()
    assert "Too many requests" in english and 'lang="en"' in english

    # What the cache answers is never limited: the listings already seen, pages of stories.
    assert client.get("/berattelser/?mal=sdg-1&ar=2000").status_code == 200
    assert client.get("/berattelser/").status_code == 200
    assert client.get("/kommuner/osthammar/").status_code == 200
    # Another address is counted on its own.
    assert (
        client.get("/berattelser/?mal=sdg-2&ar=1999", REMOTE_ADDR="198.51.100.7").status_code == 200
    )

    # When the window is over, the same address is served again.
    limited[0] += 61
    assert client.get("/berattelser/?mal=sdg-3&ar=1999").status_code == 200


def test_a_signed_in_editor_is_never_limited(seed_import, client, limited, django_user_model):
    editor = django_user_model.objects.create_user("redaktor", password="x" * 12)
    client.force_login(editor)
    statuses = {client.get(url).status_code for url in itertools.islice(filter_combinations(), 65)}
    assert statuses == {200}


def test_a_person_clicking_filters_never_meets_the_limit(seed_import, client, limited):
    """A fast reader: a new filter combination every 1.5 seconds for two and a half minutes,
    with a search now and then; nothing is answered from the cache."""
    statuses = []
    for number, url in enumerate(itertools.islice(filter_combinations(), 100)):
        if number % 10 == 9:
            url = f"/sok/?q=vatten+{number}"
        statuses.append(client.get(url).status_code)
        limited[0] += 1.5
    assert statuses == [200] * 100
    print("person: 100 uncached listings and searches, one every 1.5 s: all 200")


def test_the_limit_is_what_the_settings_say(seed_import, client, limited, settings):
    """EXPENSIVE_RATE_LIMIT requests a window: one means the second is refused; 0, as in
    development, means no limit at all."""
    settings.EXPENSIVE_RATE_LIMIT = 1
    urls = filter_combinations()
    assert client.get(next(urls)).status_code == 200
    assert client.get(next(urls)).status_code == 429
    settings.EXPENSIVE_RATE_LIMIT = 0
    assert [client.get(url).status_code for url in itertools.islice(urls, 5)] == [200] * 5
