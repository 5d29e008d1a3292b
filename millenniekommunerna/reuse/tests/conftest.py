import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limiter and the chains count in the cache; every test starts from nothing."""
    cache.clear()
    yield
    cache.clear()
