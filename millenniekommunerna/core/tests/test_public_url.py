"""Every absolute URL the site hands out starts from one place (core.public_url): the configured
PUBLIC_ROOT_URL, else the address the request came in on — never the Wagtail Site record's
`http://localhost/`, where nothing answers under `make run`."""

import csv
import io
import json
import re
from urllib.parse import urlsplit

import pytest
from django.core.checks import Warning as CheckWarning

from millenniekommunerna.core.checks import public_root_url_is_set
from millenniekommunerna.stories.models import StoryPage

pytestmark = pytest.mark.django_db

HOST = "127.0.0.1:8765"  # not the Site record's host and port
ROOT = f"http://{HOST}"

ATTRIBUTE = re.compile(r'<link rel="(?:canonical|alternate)"[^>]*href="(https?://[^"]+)"')
OG_URL = re.compile(r'<meta property="og:url" content="([^"]+)"')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LOC = re.compile(r"<loc>([^<]+)</loc>")
FEED_LINK = re.compile(r'<link href="([^"]+)"')


def urls_in_json(value):
    """Every URL a JSON document gives as `url`, `@id`, `next` or `previous` (the browser test
    of absolute URLs uses it too)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "@id", "next", "previous") and isinstance(item, str):
                yield item
            else:
                yield from urls_in_json(item)
    elif isinstance(value, list):
        for item in value:
            yield from urls_in_json(item)


def collect_absolute_urls(client) -> dict[str, set[str]]:
    """The absolute URLs of a story page's head, the API, the exports, the sitemaps and a feed,
    by where they were found."""
    story = StoryPage.objects.published().filter(partner_places__isnull=False).first()
    found: dict[str, set[str]] = {}

    html = client.get(story.url, HTTP_HOST=HOST).content.decode()
    found["canonical and hreflang"] = set(ATTRIBUTE.findall(html)) - {
        u for u in ATTRIBUTE.findall(html) if "/flode/" in u
    }
    found["og:url"] = set(OG_URL.findall(html))
    found["JSON-LD"] = {
        url for block in JSON_LD.findall(html) for url in urls_in_json(json.loads(block))
    }

    api = client.get("/api/v1/stories?page_size=5", HTTP_HOST=HOST).json()
    found["API"] = {url for url in urls_in_json(api) if url}

    export = client.get("/api/v1/exports/stories.csv", HTTP_HOST=HOST)
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    found["CSV export"] = {row["url"] for row in rows[:5]} | {
        row["municipality_url"] for row in rows[:5] if row.get("municipality_url")
    }

    index = client.get("/sitemap.xml", HTTP_HOST=HOST).content.decode()
    sections = LOC.findall(index)
    found["sitemap index"] = set(sections)
    pages = set()
    for section in sections:
        pages |= set(
            LOC.findall(client.get(urlsplit(section).path, HTTP_HOST=HOST).content.decode())
        )
    found["sitemaps"] = set(sorted(pages)[:40])

    feed = client.get("/flode/berattelser.atom", HTTP_HOST=HOST).content.decode()
    found["feed"] = set(FEED_LINK.findall(feed))
    return found


def test_every_absolute_url_names_the_host_and_port_in_use_and_answers(client, seed_import):
    found = collect_absolute_urls(client)
    for where, urls in found.items():
        assert urls, f"no URL found in {where}"
        wrong = [url for url in urls if not url.startswith(ROOT + "/")]
        assert not wrong, f"{where}: {wrong}"
    followed = 0
    for urls in found.values():
        for url in urls:
            response = client.get(url.removeprefix(ROOT), HTTP_HOST=HOST, follow=True)
            assert response.status_code == 200, url
            followed += 1
    assert followed > 50


def test_the_configured_public_root_url_wins_over_the_request(client, seed_import, settings):
    settings.PUBLIC_ROOT_URL = "https://millenniekommunerna.example"
    found = collect_absolute_urls(client)
    found.pop("sitemap index")  # Django's index names the host the request came in on
    for where, urls in found.items():
        wrong = [u for u in urls if not u.startswith("https://millenniekommunerna.example/")]
        assert not wrong, f"{where}: {wrong}"


def test_a_deployment_without_public_root_url_is_warned(settings):
    settings.PUBLIC_ROOT_URL = ""
    found = public_root_url_is_set(None)
    assert [message.id for message in found] == ["millenniekommunerna.W001"]
    assert isinstance(found[0], CheckWarning)
    settings.PUBLIC_ROOT_URL = "https://millenniekommunerna.example"
    assert public_root_url_is_set(None) == []
