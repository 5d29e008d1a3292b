import re
import xml.etree.ElementTree as ET

import pytest
from django.utils.timezone import localtime
from wagtail.models import Page

from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client) -> dict[str, str]:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {}
    for location in index.findall("s:sitemap/s:loc", NS):
        path = re.sub(r"^https?://[^/]+", "", location.text)
        section = ET.fromstring(client.get(path).content)
        for url in section.findall("s:url", NS):
            lastmod = url.find("s:lastmod", NS)
            urls[url.find("s:loc", NS).text] = lastmod.text if lastmod is not None else None
    return urls


def test_sitemap_lists_every_live_page_with_its_last_change(client, home_page):
    story = StoryPageFactory(title="Kartlagd berättelse")
    draft = StoryPageFactory(title="Utkast som inte syns")
    draft.unpublish()
    urls = sitemap_urls(client)
    live = Page.objects.live().public().filter(depth__gte=2)
    pages = {url: date for url, date in urls.items() if "/karta/" not in url and "?" not in url}
    pages = {
        url: date
        for url, date in pages.items()
        if not re.search(r"/(statistik|tipsa|samarbeten)/$", url)
    }
    # Every page in Swedish and under /en/.
    assert len(pages) == 2 * live.count()
    for page in live:
        assert "http://testserver" + page.url in urls
        assert "http://testserver/en" + page.url in urls
    assert not any("utkast-som-inte-syns" in url for url in urls)
    story.refresh_from_db()
    published = localtime(story.last_published_at or story.first_published_at).date().isoformat()
    assert urls["http://testserver" + story.url] == published
    # The municipality's page and the listings changed when the story was published.
    assert urls["http://testserver" + story.get_parent().url] == published
    assert urls["http://testserver" + home_page.url] == published
    assert urls["http://testserver/en" + story.url] == published


def test_sitemap_lists_the_views_partner_places_and_landing_listings(client, seed_import):
    urls = set(sitemap_urls(client))
    for path in (
        "/karta/",
        "/statistik/",
        "/tipsa/",
        "/karta/orter/kisumu/",
        "/samarbeten/",
        "/samarbeten/osthammar-poti/",
    ):
        assert "http://testserver" + path in urls
        assert "http://testserver/en" + path in urls
    # One county or one partner country alone: the landing pages of the story listing.
    assert "http://testserver/berattelser/?lan=uppsala" in urls
    assert "http://testserver/en/berattelser/?land=ke" in urls
    assert not any("mal=" in url or "kommun=" in url or "&" in url for url in urls)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_pages_have_canonical_hreflang_and_social_meta(client):
    image = CustomImageFactory()
    story = StoryPageFactory(
        title="Solceller på taken", teaser="Skolan får el från solen.", hero_image=image
    )
    html = client.get(story.url).content.decode()
    url = "http://testserver" + story.url
    root = url.removesuffix(story.url)
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="sv" href="{url}">' in html
    assert f'<link rel="alternate" hreflang="en" href="{root}/en{story.url}">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{url}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Solceller på taken">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:description" content="Skolan får el från solen.">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/[^"]+\.jpg">', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html

    english = client.get(f"/en{story.url}").content.decode()
    assert '<meta property="og:locale" content="en_GB">' in english


def test_home_page_is_a_website_for_link_previews(client, home_page):
    html = client.get("/").content.decode()
    assert '<meta property="og:type" content="website">' in html
    assert '<meta name="twitter:card" content="summary">' in html
