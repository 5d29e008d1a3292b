"""The listing's URL parameters (Swedish: they are part of every listing's address) and the
limits on what a query string may ask for."""

PARAM_QUERY = "q"
PARAM_GOAL = "mal"
PARAM_COUNTY = "lan"
PARAM_MUNICIPALITY = "kommun"
PARAM_COUNTRY = "land"
PARAM_YEAR = "ar"
PARAM_MILLENNIUM = "millenniekommun"
PARAM_SORT = "ordning"
PARAM_PAGE = "sida"
FILTER_PARAMS = (
    PARAM_GOAL,
    PARAM_COUNTY,
    PARAM_MUNICIPALITY,
    PARAM_COUNTRY,
    PARAM_YEAR,
    PARAM_MILLENNIUM,
)

SORT_RELEVANCE = "relevans"
SORT_NEWEST = "nyast"
YES, NO = "ja", "nej"

MAX_VALUES_PER_PARAM = 25
MAX_PARAM_LENGTH = 60
MIN_YEAR, MAX_YEAR = 1950, 2100
MAX_CLUSTER_MATCHES = 1000
SHOWN_BEFORE_MORE = 8
