"""`{% feed_links page %}`: `<link rel="alternate">` elements for the feeds that match a page,
so that browsers and feed readers find them."""

from django import template
from django.utils.html import format_html_join
from django.utils.translation import override
from wagtail.models import Page

from millenniekommunerna.feeds.feeds import Scope, feed_name, feed_title, feed_url

register = template.Library()


def scopes_for_page(page) -> list[Scope]:
    """The feeds a page offers, the most specific first; every page offers all stories."""
    scopes = []
    # An undefined `page` (views that are not pages) reaches a tag as "".
    label = page.specific_class._meta.label_lower if isinstance(page, Page) else ""
    specific = page
    if label == "municipalities.municipalitypage":
        municipality = specific.municipality
        scopes += [Scope("municipality", municipality), Scope("county", municipality.county)]
    elif label == "goals.goalpage":
        scopes.append(Scope("goal", specific.goal))
    elif label == "stories.storypage" and specific.municipality_id:
        scopes.append(Scope("municipality", specific.municipality))
    scopes.append(Scope())
    return scopes


@register.simple_tag
def listing_feed_scopes(selection) -> list[Scope]:
    """`{% listing_feed_scopes listing.selection as scopes %}`: the feeds that follow a listing's
    selection: of its municipality or county, or of its one goal, and always all stories."""
    scopes = []
    if selection.municipality:
        scopes.append(Scope("municipality", selection.municipality))
    elif selection.county:
        scopes.append(Scope("county", selection.county))
    if len(selection.goals) == 1:
        scopes.append(Scope("goal", selection.goals[0]))
    return [*scopes, Scope()]


def links(scopes) -> str:
    rows = []
    with override("sv"):
        for scope in scopes:
            title = feed_title(scope)
            rows.append(
                ("application/atom+xml", f"{title} (Atom)", feed_url(scope.kind, scope.slug))
            )
            rows.append(
                ("application/rss+xml", f"{title} (RSS)", feed_url(scope.kind, scope.slug, "rss"))
            )
    return format_html_join("\n  ", '<link rel="alternate" type="{}" title="{}" href="{}">', rows)


@register.simple_tag
def feed_links(page=None, scopes=None):
    """`{% feed_links page %}`, or `{% feed_links scopes=listing_feeds %}` for given scopes."""
    return links(scopes if scopes is not None else scopes_for_page(page))


@register.simple_tag
def feed_link_list(scopes):
    """`{% feed_link_list scopes as feeds %}`: each feed's short name and its two URLs."""
    return [
        {
            "name": feed_name(scope),
            "atom": feed_url(scope.kind, scope.slug),
            "rss": feed_url(scope.kind, scope.slug, "rss"),
        }
        for scope in scopes or []
    ]
