"""The site on a port of its own (not the Site record's `localhost:80`): every absolute URL it
hands out — canonical, hreflang, og:url, JSON-LD, the API and its export, the sitemaps and a
feed — names that host and port, and each one answers 200 when followed."""

import csv
import io
import json
import re
import urllib.request
from urllib.parse import urlsplit

from millenniekommunerna.core.tests.test_public_url import urls_in_json

from .page_types import STORY

LINKS = re.compile(r'<link rel="(?:canonical|alternate)"[^>]*href="(https?://[^"]+)"')
OG_URL = re.compile(r'<meta property="og:url" content="([^"]+)"')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
LOC = re.compile(r"<loc>([^<]+)</loc>")
ATOM_LINK = re.compile(r'<link href="([^"]+)"')


def fetch(url: str) -> tuple[int, str]:
    """The status and the text of an answer (an image's bytes read as text: only its status
    is looked at; the API names the renditions of stories' images once a story has one)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        charset = response.headers.get_content_charset() or "utf-8"
        return response.status, response.read().decode(charset, "replace")


def test_every_absolute_url_names_the_port_in_use_and_answers(base_url):
    root = base_url.rstrip("/")
    assert urlsplit(root).port not in (None, 80)
    found: dict[str, set[str]] = {}
    _status, html = fetch(root + STORY)
    found["canonical, hreflang, feeds"] = set(LINKS.findall(html))
    found["og:url"] = set(OG_URL.findall(html))
    found["JSON-LD"] = {
        u for block in JSON_LD.findall(html) for u in urls_in_json(json.loads(block))
    }
    _status, api = fetch(root + "/api/v1/stories?page_size=5")
    found["API"] = set(urls_in_json(json.loads(api))) - {None}
    _status, export = fetch(root + "/api/v1/exports/stories.csv")
    found["CSV export"] = {row["url"] for row in list(csv.DictReader(io.StringIO(export)))[:5]}
    _status, index = fetch(root + "/sitemap.xml")
    found["sitemap index"] = set(LOC.findall(index))
    pages = set()
    for section in found["sitemap index"]:
        pages |= set(LOC.findall(fetch(section)[1]))
    found["sitemaps"] = set(sorted(pages)[:40])
    _status, feed = fetch(root + "/flode/berattelser.atom")
    found["feed"] = set(ATOM_LINK.findall(feed))

    counts = {}
    for where, urls in found.items():
        assert urls, f"no URL in {where}"
        wrong = [url for url in urls if not url.startswith(root + "/")]
        assert not wrong, f"{where}: {wrong}"
        for url in urls:
            status, _body = fetch(url)
            assert status == 200, url
        counts[where] = len(urls)
    print("followed to 200:", counts, "total", sum(counts.values()))
