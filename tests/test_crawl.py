"""A polite crawler on the seed site (bench/crawl.py): it finishes, finds every URL of the
sitemap and hardly anything else, and every page it finds answers 200 (docs/crawling.md)."""

import pytest

from bench.crawl import RobotsRules, client_fetcher, crawl, sitemap_paths

pytestmark = pytest.mark.django_db


def test_a_polite_crawler_finds_the_sitemap_and_little_else(seed_import, client):
    fetch = client_fetcher(client)
    sitemap = set(sitemap_paths(fetch))
    result = crawl(fetch, max_pages=5000)
    assert result.finished, f"{result.left} links still queued after {len(result.pages)}"
    assert sitemap <= set(result.pages), sorted(sitemap - set(result.pages))[:10]
    assert len(result.pages) <= 1.1 * len(sitemap)
    assert result.not_ok == {}
    # What is found beyond the sitemap is no landing page: noindex, or no HTML (the CSV files).
    extra = set(result.pages) - sitemap
    assert all(path in result.noindex or path not in result.html for path in extra)
    # Every page of the sitemap is indexable and names itself as canonical.
    assert not (sitemap & result.noindex)
    print(
        f"crawl: {len(result.pages)} fetched ({len(result.html)} HTML), {len(sitemap)} in the sitemap"
    )


def test_a_filter_combination_is_noindex_with_its_landing_page_as_canonical(seed_import, client):
    html = client.get("/en/berattelser/?lan=uppsala&mal=sdg-12&ordning=nyast").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<link rel="canonical" href="http://testserver/en/berattelser/?lan=uppsala">' in html
    goal = client.get("/berattelser/?mal=sdg-12").content.decode()
    assert '<link rel="canonical" href="http://testserver/mal/sdg-12/">' in goal
    later = client.get("/berattelser/?sida=2").content.decode()
    assert '<meta name="robots" content="noindex, follow">' in later
    assert '<link rel="canonical" href="http://testserver/berattelser/">' in later
    # A person's links are the same links: only rel says which are for search engines.
    assert 'rel="nofollow"' in client.get("/berattelser/").content.decode()


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/berattelser/", True),
        ("/berattelser/?lan=uppsala", True),
        ("/en/berattelser/?land=ke", True),
        ("/berattelser/?lan=uppsala&mal=sdg-12", False),
        ("/berattelser/?land=ke&lan=uppsala", False),
        ("/berattelser/?mal=sdg-12", False),
        ("/berattelser/?sida=2", False),
        ("/en/berattelser/?kommun=osthammar", False),
        ("/kommuner/arvika/?sida=2", True),
        ("/kommuner/arvika/?ordning=nyast", False),
        ("/mal/sdg-12/?sida=2", False),
        ("/karta/orter/kisumu/", True),
        ("/karta/orter/kisumu/?kommun=nacka", False),
        ("/tipsa/", True),
        ("/tipsa/?berattelse=3", False),
        ("/kontakta/3/", False),
        ("/en/kontakta/3/tack/", False),
        ("/sok/?q=vatten", False),
        ("/api/v1/exports/stories.csv", False),
        ("/flode/atom/", False),
    ],
)
def test_robots_txt_as_google_reads_it(client, path, allowed):
    rules = RobotsRules.parse(client.get("/robots.txt").content.decode())
    assert rules.allowed(path) is allowed


def test_the_crawlers_reading_of_patterns():
    rules = RobotsRules.parse(
        "User-agent: other\nDisallow: /\n\nUser-agent: *\nDisallow: /a/*x\nAllow: /a/*x$\n"
        "Disallow: /b\nAllow: /b/c\n"
    )
    assert rules.allowed("/a/x")  # the Allow with $ is longer
    assert not rules.allowed("/a/1x2")
    assert not rules.allowed("/b/d")
    assert rules.allowed("/b/c/d")
    assert rules.allowed("/c")
