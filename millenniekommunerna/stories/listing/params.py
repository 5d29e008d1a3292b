"""The listing's URL parameters (Swedish: they are part of every listing's address), the
limits on what a query string may ask for, and which of its addresses are for search engines
(docs/crawling.md)."""

from urllib.parse import parse_qsl, urlsplit

PARAM_QUERY = "q"
PARAM_GOAL = "mal"
PARAM_COUNTY = "lan"
PARAM_MUNICIPALITY = "kommun"
PARAM_COUNTRY = "land"
PARAM_YEAR = "ar"
PARAM_MILLENNIUM = "millenniekommun"
PARAM_REVIEW = "aktualitet"
PARAM_SORT = "ordning"
PARAM_PAGE = "sida"
FILTER_PARAMS = (
    PARAM_GOAL,
    PARAM_COUNTY,
    PARAM_MUNICIPALITY,
    PARAM_COUNTRY,
    PARAM_YEAR,
    PARAM_MILLENNIUM,
    PARAM_REVIEW,
)

# A listing narrowed by one of these alone, to one value, is a landing page of its own ("stories
# in Dalarnas län", "stories with Kenya"): indexable, in the sitemap, linked without nofollow.
# A goal and a municipality have pages of their own (/mal/sdg-12/, /kommuner/osthammar/), which
# are the indexable form of `?mal=sdg-12` and `?kommun=osthammar`.
LANDING_PARAMS = (PARAM_COUNTY, PARAM_COUNTRY)

SORT_RELEVANCE = "relevans"
SORT_NEWEST = "nyast"
YES, NO = "ja", "nej"
# Whether an editor has confirmed the story within two years (stories.models.review_state):
# a story due for review is still current to a reader.
CURRENT, OUT_OF_DATE = "aktuella", "inaktuella"

MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_CLUSTER_MATCHES = 1000
# Searched words that more stories than this have: the newest this many of them are the ones
# ranked, counted and faceted (listing.finder), so that a word in every story costs what a rare
# one does.
MAX_TEXT_CANDIDATES = 1000
SHOWN_BEFORE_MORE = 8


def is_landing_query(url: str) -> bool:
    """Whether a listing URL (`?lan=dalarnas-lan`, `/berattelser/`) is the first page of the
    whole listing or of a landing page: search engines may follow a link to it."""
    items = parse_qsl(urlsplit(url).query, keep_blank_values=True)
    if not items:
        return True
    return len(items) == 1 and items[0][0] in LANDING_PARAMS and bool(items[0][1])
