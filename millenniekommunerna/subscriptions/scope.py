"""What a follow means: its name, the stories it matches and where they are listed. A follow
of the listing or of search is kept as the listing's own query string and read back by the
listing's own `Selection` and `StoryFinder` (stories.listing), so that a digest holds exactly
the stories the page would list."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from millenniekommunerna.core.navigation import lang_url
from millenniekommunerna.core.templatetags.site_tags import municipality_name
from millenniekommunerna.partnerships.models import PartnerPlace
from millenniekommunerna.stories.listing import Selection, StoryFinder
from millenniekommunerna.stories.listing.params import PARAM_SORT
from millenniekommunerna.stories.models import StoryIndexPage

PARAM_PLACE = "ort"


def read_query(raw) -> Selection:
    """The listing state of a query string (or a QueryDict) as the listing reads it."""
    params = raw if isinstance(raw, QueryDict) else QueryDict(raw or "")
    return Selection.from_params(params)


def normalised(selection: Selection) -> str:
    """The state a follow keeps: what selects stories, without the order or a page number."""
    return selection.url(**{PARAM_SORT: None}).lstrip("?")


def find_place(slug: str) -> PartnerPlace | None:
    slug = (slug or "").strip().lower()
    if not slug or len(slug) > 60:
        return None
    return PartnerPlace.objects.select_related("country").filter(slug=slug).first()


def label(follow, selection: Selection | None = None) -> str:
    """What a follow is called, in the active language: "Östhammars kommun", "Mål 12 …",
    "Sökning: ”matsvinn” · Dalarnas län", "Poti, Georgien", or "Alla berättelser".
    `selection`: the follow's query already read (saves reading it again)."""
    if follow.place_id:
        return _("%(place)s, %(country)s") % {
            "place": follow.place.name,
            "country": follow.place.country.name,
        }
    return selection_label(selection or read_query(follow.query))


def selection_label(selection: Selection) -> str:
    parts = [_("Search: “%(query)s”") % {"query": selection.query}] if selection.query else []
    for chip in selection.active_filters():
        if selection.municipality and chip["label"] == selection.municipality.name:
            parts.append(municipality_name(selection.municipality))
        else:
            parts.append(chip["label"])
    return " · ".join(parts) or _("All stories")


def stories_path() -> str:
    """The story listing's address in the active language."""
    index = StoryIndexPage.objects.live().first()
    return lang_url(index.url if index else "/")


def listing_path(follow, selection: Selection | None = None, stories: str = "") -> str:
    """Where a follow's stories are listed, in the active language: the partner place's page,
    search for a follow with words, else the story listing (`stories`, when already known)."""
    if follow.place_id:
        return reverse("maps:place", args=[follow.place.slug])
    selection = selection or read_query(follow.query)
    query = normalised(selection)
    path = reverse("search") if selection.query else (stories or stories_path())
    return f"{path}?{query}" if query else path


def described(follows) -> list[dict]:
    """Each follow with its name and the address of its stories, reading each follow's query
    once and looking the story listing up once: a query or two per follow, whatever it is."""
    stories = stories_path()
    result = []
    for follow in follows:
        selection = None if follow.place_id else read_query(follow.query)
        result.append(
            {
                "follow": follow,
                "label": label(follow, selection),
                "url": listing_path(follow, selection, stories),
            }
        )
    return result


def matching(follow, base):
    """The stories of `base` (published stories) that a follow matches, ready for listing."""
    if follow.place_id:
        return base.filter(partner_places=follow.place_id).for_listing()
    finder = StoryFinder(read_query(follow.query), base=base)
    return finder.results
