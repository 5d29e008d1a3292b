"""What a visitor asked for, read from the query string (GET parameters, so that every state
has a URL of its own) and checked: unknown or malformed values are left out, each with a notice
saying so."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from millenniekommunerna.core import query_params
from millenniekommunerna.core import swedish as text
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import Country

from .params import (
    CURRENT,
    MAX_YEAR,
    MIN_YEAR,
    NO,
    OUT_OF_DATE,
    PARAM_COUNTRY,
    PARAM_COUNTY,
    PARAM_GOAL,
    PARAM_MILLENNIUM,
    PARAM_MUNICIPALITY,
    PARAM_QUERY,
    PARAM_REVIEW,
    PARAM_SORT,
    PARAM_YEAR,
    SORT_NEWEST,
    SORT_RELEVANCE,
    YES,
)
from .presentation import active_filters


def _period(value: str) -> str | None:
    """`2012` or `2010-2015` (an en dash too) as the key stories are listed under, or None."""
    value = value.replace("–", "-")
    years = value.split("-")
    if len(years) > 2 or not all(y.isascii() and y.isdigit() and len(y) == 4 for y in years):
        return None
    numbers = [int(y) for y in years]
    if not all(MIN_YEAR <= n <= MAX_YEAR for n in numbers) or numbers != sorted(numbers):
        return None
    return "-".join(years) if len(years) == 2 and years[0] != years[1] else years[0]


# What a value may hold and how much of it a notice repeats, as in the partnership listing.
_without_nul = query_params.without_nul
_short = query_params.short
_values = query_params.values


@dataclass
class Selection:
    """What the visitor asked for, checked: unknown or malformed values are left out, each with
    a notice saying so."""

    query: str = ""
    searched: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    county: County | None = None
    municipality: Municipality | None = None
    countries: list[Country] = field(default_factory=list)
    # A year ("2012") or a period ("2010-2015") of publication (stories.provenance).
    year: str | None = None
    millennium: bool | None = None
    # True: only the stories out of date ("inaktuella"), False: only the current ones.
    out_of_date: bool | None = None
    sort: str = SORT_NEWEST
    explicit_sort: bool = False
    notices: list[str] = field(default_factory=list)
    allow_query: bool = True

    @classmethod
    def from_params(cls, params, allow_query: bool = True) -> "Selection":
        selection = cls(allow_query=allow_query)
        notices = selection.notices
        params = _without_nul(params)
        if allow_query:
            selection._read_query(params.get(PARAM_QUERY, ""))

        goal_slugs = _values(params, PARAM_GOAL)
        if goal_slugs:
            found = {g.slug: g for g in Goal.objects.filter(slug__in=goal_slugs)}
            selection.goals = [found[slug] for slug in goal_slugs if slug in found]
            for slug in goal_slugs:
                if slug not in found:
                    notices.append(_("There is no goal “%(value)s”.") % {"value": _short(slug)})

        county_slug = params.get(PARAM_COUNTY, "").strip().lower()
        if county_slug:
            selection.county = County.objects.filter(slug=county_slug).first()
            if selection.county is None:
                notices.append(
                    _("There is no county “%(value)s”.") % {"value": _short(county_slug)}
                )
        municipality_slug = params.get(PARAM_MUNICIPALITY, "").strip().lower()
        if municipality_slug:
            selection.municipality = (
                Municipality.objects.select_related("county").filter(slug=municipality_slug).first()
            )
            if selection.municipality is None:
                notices.append(
                    _("There is no municipality “%(value)s”.")
                    % {"value": _short(municipality_slug)}
                )
            else:
                # A municipality lies in one county: a URL naming another is read as this one.
                selection.county = selection.municipality.county

        codes = [code.upper() for code in _values(params, PARAM_COUNTRY)]
        if codes:
            found = {c.code: c for c in Country.objects.filter(code__in=codes)}
            selection.countries = [found[code] for code in codes if code in found]
            for code in codes:
                if code not in found:
                    notices.append(
                        _("There is no country with the code “%(value)s”.")
                        % {"value": _short(code)}
                    )

        year = params.get(PARAM_YEAR, "").strip()
        if year:
            period = _period(year)
            if period:
                selection.year = period
            else:
                notices.append(
                    _("“%(value)s” is not a year; showing stories from every year.")
                    % {"value": _short(year)}
                )

        millennium = params.get(PARAM_MILLENNIUM, "").strip().lower()
        if millennium in (YES, NO):
            selection.millennium = millennium == YES
        elif millennium:
            notices.append(
                _("The Millennium Municipality filter takes “ja” or “nej”; it was left out.")
            )

        review = params.get(PARAM_REVIEW, "").strip().lower()
        if review in (CURRENT, OUT_OF_DATE):
            selection.out_of_date = review == OUT_OF_DATE
        elif review:
            notices.append(
                _(
                    "The filter on whether a story is current takes “%(current)s” or "
                    "“%(old)s”; it was left out."
                )
                % {"current": CURRENT, "old": OUT_OF_DATE}
            )

        sort = params.get(PARAM_SORT, "").strip().lower()
        selection.sort = SORT_RELEVANCE if selection.searched else SORT_NEWEST
        if sort in (SORT_RELEVANCE, SORT_NEWEST):
            if sort == SORT_RELEVANCE and not selection.searched:
                pass  # nothing to be relevant to: newest first
            else:
                selection.sort = sort
                selection.explicit_sort = True
        return selection

    def _read_query(self, raw: str) -> None:
        self.query, shortened = text.clean_query(raw)
        if shortened:
            self.notices.append(
                _("The search was long and has been cut to its first %(count)s characters.")
                % {"count": text.MAX_QUERY_CHARS}
            )
        searched, stop_words = text.query_words(self.query)
        if len(searched) > text.MAX_QUERY_WORDS:
            searched = searched[: text.MAX_QUERY_WORDS]
            self.notices.append(
                _("Only the first %(count)s words of the search were used.")
                % {"count": text.MAX_QUERY_WORDS}
            )
        self.searched = searched
        if self.query and not searched:
            if stop_words:
                self.notices.append(
                    _(
                        "“%(words)s” are too common to search for. Try a word that says what "
                        "the story is about, such as a place or a topic."
                    )
                    % {"words": _short(" ".join(stop_words))}
                )
            else:
                self.notices.append(
                    _("The search had no words in it. Write one or more words to search for.")
                )

    # --- URLs -----------------------------------------------------------------------------

    def _state(self) -> dict:
        return {
            PARAM_QUERY: self.query if self.allow_query and self.query else None,
            PARAM_GOAL: [g.slug for g in self.goals],
            PARAM_COUNTY: self.county.slug if self.county else None,
            PARAM_MUNICIPALITY: self.municipality.slug if self.municipality else None,
            PARAM_COUNTRY: [c.code.lower() for c in self.countries],
            PARAM_YEAR: self.year,
            PARAM_MILLENNIUM: None if self.millennium is None else (YES if self.millennium else NO),
            PARAM_REVIEW: None
            if self.out_of_date is None
            else (OUT_OF_DATE if self.out_of_date else CURRENT),
            PARAM_SORT: self.sort if self.explicit_sort else None,
        }

    def url(self, **changes) -> str:
        """A query string (`?…`) for this selection with `changes` (a parameter → its new
        value, None to drop it), always without a page number. `?` alone for no parameters."""
        state = self._state()
        for key, value in changes.items():
            state[key] = value
        items = []
        for key, value in state.items():
            if isinstance(value, list):
                items += [(key, v) for v in value]
            elif value not in (None, ""):
                items.append((key, value))
        return "?" + urlencode(items)

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.goals
            or self.county
            or self.municipality
            or self.countries
            or self.year
            or self.millennium is not None
            or self.out_of_date is not None
        )

    # --- search engines (docs/crawling.md) -----------------------------------------------

    @property
    def is_landing(self) -> bool:
        """The whole listing, or a landing page: one county or one country and nothing else
        (no search words, no sort order, nothing left out with a notice)."""
        if self.query or self.explicit_sort or self.notices:
            return False
        if not self.is_filtered:
            return True
        return self.url() in (self._county_landing(), self._country_landing())

    def _county_landing(self) -> str:
        return self.url_of({PARAM_COUNTY: self.county.slug}) if self.county else ""

    def _country_landing(self) -> str:
        if not self.countries:
            return ""
        return self.url_of({PARAM_COUNTRY: self.countries[0].code.lower()})

    @staticmethod
    def url_of(state: dict) -> str:
        return "?" + urlencode(list(state.items()))

    def canonical(self):
        """The indexable form of this selection: a query string for the listing (`?` for the
        whole listing), or the goal or municipality whose page lists the same stories."""
        if self.is_landing:
            return self.url()
        if self.municipality:
            return self.municipality
        if self.county:
            return self._county_landing()
        if len(self.goals) == 1 and not self.countries:
            return self.goals[0]
        if self.countries:
            return self._country_landing()
        return "?"

    def active_filters(self) -> list[dict]:
        """The chosen filters, each with a link that removes it."""
        return active_filters(self)
