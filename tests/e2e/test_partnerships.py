"""A visitor finds partnerships with JavaScript on and off: from the menu to the listing, a
country facet whose count is the number shown, the chosen filter removed again, years given the
wrong way round in the form and explained, and on to a partnership and its place."""

import re

import pytest

pytestmark = pytest.mark.parametrize(
    "javascript", [True, False], ids=["js", "no-js"], indirect=True
)


def shown_count(page) -> int:
    return int(re.match(r"\d+", page.locator("#partnerships-heading").inner_text()).group())


def test_filter_the_partnerships_and_open_one(page, base_url):
    page.goto(base_url + "/")
    page.locator(".main-nav").get_by_role("link", name="Samarbeten").click()
    page.wait_for_url(re.compile(r"/samarbeten/$"))
    total = shown_count(page)
    assert total == page.locator(".partnership-card").count() > 0

    option = page.locator(".facets a[data-facet='ke']")
    expected = int(option.locator(".facet-option__count").inner_text().split()[0])
    option.click()
    page.wait_for_url(re.compile(r"\?land=ke$"))
    assert shown_count(page) == expected == page.locator(".partnership-card").count()
    assert page.locator("meta[name=robots]").get_attribute("content") == "noindex, follow"

    page.locator(".filter-chip").click()
    page.wait_for_url(re.compile(r"/samarbeten/\?$|/samarbeten/$"))
    assert shown_count(page) == total

    page.get_by_label("Från").fill("2014")
    page.get_by_label("Till").fill("2011")
    page.get_by_role("button", name="Visa samarbeten").click()
    page.wait_for_url(re.compile(r"fran=2014&till=2011"))
    assert "visar 2011–2014" in page.locator(".search-notices").inner_text()
    assert "Aktiva 2011–2014" in page.locator(".filter-chip").inner_text()

    page.goto(base_url + "/samarbeten/")
    page.get_by_role("link", name=re.compile(r"Östhammar.*Poti")).click()
    page.wait_for_url(re.compile(r"/samarbeten/osthammar-poti/$"))
    assert page.locator("h1").inner_text() == "Östhammar – Poti"
    page.locator(".partnership-facts").get_by_role("link", name="Poti").click()
    page.wait_for_url(re.compile(r"/karta/orter/poti/$"))
    assert page.locator("main a[href='/samarbeten/osthammar-poti/']").count() == 1
