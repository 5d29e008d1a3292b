import pytest


@pytest.fixture(autouse=True)
def _empty_cache(empty_cache):
    """Maps and statistics are cached: every test here starts without the cache."""
