"""Embedding stories on a municipality's own website (millenniekommunerna.embeds): the embed
page previews the embed and its options work with and without JavaScript; a page of another
origin shows the embed in an iframe, and a normal page of the site refuses to be framed there.
Screenshots go to var/screenshots/embed-*.png."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.e2e.page_types import STORY
from tests.e2e.pages import SitePage

GOAL_EMBED_PAGE = "/badda-in/mal/sdg-12/"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"], indirect=True)
def test_the_embed_page_previews_the_embed_and_its_options_change_it(
    page, base_url, screenshot, javascript
):
    SitePage(page, base_url).open("/mal/sdg-12/")
    page.get_by_role("link", name="Bädda in").click()
    assert page.url == base_url + GOAL_EMBED_PAGE
    preview = page.frame_locator("iframe.embed-page__preview")
    assert preview.locator("h1").inner_text() == (
        "Berättelser om Mål 12: Hållbar konsumtion och produktion"
    )
    assert preview.locator("article").count() == 5
    code = page.get_by_label("HTML-kod till er webbplats")
    assert code.get_attribute("readonly") is not None
    assert code.input_value().startswith(f'<iframe src="{base_url}/inbaddning/mal/sdg-12/"')
    screenshot(f"embed-page-{'js' if javascript else 'no-js'}", width=1280)
    # Opened again (a 304 from the site), the preview is still allowed to show the embed.
    page.reload(wait_until="networkidle")
    assert preview.locator("article").count() == 5

    # A GET form: the options are in the address, and no script is needed to apply them.
    page.get_by_label("Mörkt", exact=True).check()
    page.get_by_label("Antal berättelser").fill("2")
    page.get_by_label("English", exact=True).check()
    page.get_by_role("button", name="Visa inbäddningen med de här valen").click()
    page.wait_for_url("**/badda-in/mal/sdg-12/?*")
    assert "tema=morkt" in page.url and "antal=2" in page.url and "sprak=en" in page.url
    preview = page.frame_locator("iframe.embed-page__preview")
    assert preview.locator("h1").inner_text().startswith("Stories about SDG 12")
    assert preview.locator("article").count() == 2
    background = preview.locator("body").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background == "rgb(20, 24, 29)"
    expected = f"{base_url}/en/inbaddning/mal/sdg-12/?tema=morkt&amp;antal=2"
    assert code.input_value().startswith(f'<iframe src="{expected}"')
    screenshot(f"embed-page-options-{'js' if javascript else 'no-js'}", width=375)


@pytest.fixture
def other_site(tmp_path, base_url):
    """A static page on another port of 127.0.0.1 (another origin) with two iframes: the
    embed's snippet, and a normal page of the site."""
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html lang='sv'><head><meta charset='utf-8'><title>Kommunen</title>"
        "</head><body><h1>Kommunens webbplats</h1>"
        f"<iframe id='embed' src='{base_url}/inbaddning/kommuner/osthammar/' width='600'"
        " height='640' title='Berättelser från Östhammars kommun'></iframe>"
        f"<iframe id='normal' src='{base_url}{STORY}' width='600' height='300'"
        " title='En vanlig sida'></iframe></body></html>",
        encoding="utf-8",
    )
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_another_site_shows_the_embed_and_cannot_frame_a_normal_page(
    page, base_url, other_site, screenshot
):
    refused = []
    page.on("console", lambda message: refused.append(message.text))
    page.goto(other_site + "/", wait_until="networkidle")
    assert base_url.rsplit(":", 1)[1] != other_site.rsplit(":", 1)[1]  # two origins

    embed = page.frame_locator("#embed")
    assert embed.locator("h1").inner_text() == "Berättelser från Östhammars kommun"
    assert embed.locator("article").count() == 2
    assert embed.get_by_role("link", name="Visa på Millenniekommunerna").is_visible()

    # The story page refuses: its frame holds no document of the site.
    normal = page.locator("#normal").element_handle().content_frame()
    assert not normal.url.startswith(base_url), normal.url
    assert any("frame-ancestors 'none'" in text for text in refused), refused
    assert not any("frame-ancestors *" in text for text in refused), refused
    screenshot("embed-on-another-site", width=1280)

    # On a revisit the browser revalidates the embed (304) and still shows it.
    page.reload(wait_until="networkidle")
    assert page.frame_locator("#embed").locator("article").count() == 2

    # A link in the embed opens the site in the whole tab, not inside the frame.
    embed.get_by_role("link", name="Visa på Millenniekommunerna").click()
    page.wait_for_url(base_url + "/kommuner/osthammar/")
    assert SitePage(page, base_url).heading == "Östhammars kommun"
