"""`/samarbeten/`: which partnerships a visitor asked for, read from the query string and
checked, and its URLs (the facets are counted in finder.py). The conventions are the story listing's
(stories.listing): Swedish parameter names, a URL for every state, an unknown or malformed
value left out with a notice, chosen filters removable, a count for every option that is
the number of partnerships its link leads to.

Facets and what a count means:
- themes (goals): a partnership has several, so choosing more narrows the results
  (partnerships with all of them); a count is the number of current results that also have it;
- county and municipality: a partnership has a lead municipality and sometimes others, and it
  is found under each of them and under each of their counties. A link replaces the choice
  (choosing a county drops the municipality, whose list then shows that county's);
- country, status and funding programme: a partnership has one, a link replaces the choice.
The years (`fran`, `till`) are a range: partnerships going on at some time in it
(`PartnershipQuerySet.active_between`)."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from millenniekommunerna.core import query_params
from millenniekommunerna.partnerships.models import WorkStatus
from millenniekommunerna.stories.listing.params import (
    PARAM_COUNTRY,
    PARAM_COUNTY,
    PARAM_GOAL,
    PARAM_MUNICIPALITY,
)

from .facts import STATUS_BY_PARAM, STATUS_PARAMS, Facts

PARAM_STATUS = "status"
PARAM_PROGRAMME = "program"
PARAM_FROM = "fran"
PARAM_TO = "till"
PARAM_PAGE = "sida"
# The years a partnership can have (the model's validators).
MIN_YEAR, MAX_YEAR = 1900, 2100


def status_label(status: str) -> str:
    return str(WorkStatus(status).label).capitalize()


def _short(value) -> str:
    return query_params.short(value)


@dataclass
class PartnershipSelection:
    facts: Facts
    goals: list[int] = field(default_factory=list)  # ids, in the order chosen
    county: str = ""  # slug
    municipality: int | None = None  # id
    country: str = ""  # ISO code
    status: str = ""  # WorkStatus value
    programme: str = ""  # slug
    year_from: int | None = None
    year_to: int | None = None
    notices: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params, facts: Facts) -> "PartnershipSelection":
        selection = cls(facts=facts)
        params = query_params.without_nul(params)
        selection._read_goals(query_params.values(params, PARAM_GOAL))
        selection._read_place(
            params.get(PARAM_COUNTY, "").strip().lower(),
            params.get(PARAM_MUNICIPALITY, "").strip().lower(),
        )
        selection._read_one_valued(params)
        selection._read_years(params.get(PARAM_FROM, ""), params.get(PARAM_TO, ""))
        return selection

    def _read_goals(self, slugs):
        for slug in slugs:
            pk = self.facts.goal_ids.get(slug)
            if pk is None:
                self.notices.append(_("There is no goal “%(value)s”.") % {"value": _short(slug)})
            else:
                self.goals.append(pk)

    def _read_place(self, county, municipality):
        if county:
            if county in self.facts.counties:
                self.county = county
            else:
                self.notices.append(
                    _("There is no county “%(value)s”.") % {"value": _short(county)}
                )
        if municipality:
            pk = self.facts.municipality_ids.get(municipality)
            if pk is None:
                self.notices.append(
                    _("There is no municipality “%(value)s”.") % {"value": _short(municipality)}
                )
            else:
                self.municipality = pk
                # A municipality lies in one county: a URL naming another is read as this one.
                self.county = self.facts.municipalities[pk]["county"] or ""

    def _read_one_valued(self, params):
        code = params.get(PARAM_COUNTRY, "").strip().upper()
        if code:
            if code in self.facts.countries:
                self.country = code
            else:
                self.notices.append(
                    _("There is no country with the code “%(value)s”.") % {"value": _short(code)}
                )
        status = params.get(PARAM_STATUS, "").strip().lower()
        if status:
            if status in STATUS_BY_PARAM:
                self.status = STATUS_BY_PARAM[status]
            else:
                self.notices.append(
                    _("“%(value)s” is not a status; the status filter takes %(choices)s.")
                    % {
                        "value": _short(status),
                        "choices": ", ".join(f"“{p}”" for p in STATUS_BY_PARAM),
                    }
                )
        programme = params.get(PARAM_PROGRAMME, "").strip().lower()
        if programme:
            if programme in self.facts.programmes:
                self.programme = programme
            else:
                self.notices.append(
                    _("There is no funding programme “%(value)s”.") % {"value": _short(programme)}
                )

    def _read_years(self, raw_from: str, raw_to: str):
        years = []
        for raw in (raw_from.strip(), raw_to.strip()):
            year = None
            if raw:
                if raw.isascii() and raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
                    year = int(raw)
                else:
                    self.notices.append(
                        _("“%(value)s” is not a year from %(first)s to %(last)s; it was left out.")
                        % {"value": _short(raw), "first": MIN_YEAR, "last": MAX_YEAR}
                    )
            years.append(year)
        year_from, year_to = years
        if year_from is not None and year_to is not None and year_from > year_to:
            self.notices.append(
                _("The years were given the wrong way round: showing %(first)s–%(last)s.")
                % {"first": year_to, "last": year_from}
            )
            year_from, year_to = year_to, year_from
        self.year_from, self.year_to = year_from, year_to

    # --- URLs -----------------------------------------------------------------------------

    def _state(self) -> dict:
        municipality = self.facts.municipalities[self.municipality] if self.municipality else None
        return {
            PARAM_GOAL: [self.facts.goals[pk]["slug"] for pk in self.goals],
            PARAM_COUNTY: self.county or None,
            PARAM_MUNICIPALITY: municipality["slug"] if municipality else None,
            PARAM_COUNTRY: self.country.lower() or None,
            PARAM_STATUS: STATUS_PARAMS[self.status] if self.status else None,
            PARAM_PROGRAMME: self.programme or None,
            PARAM_FROM: self.year_from,
            PARAM_TO: self.year_to,
        }

    def url(self, **changes) -> str:
        """A query string (`?…`) for this selection with `changes` (a parameter → its new
        value, None to drop it), without a page number; `?` alone for no parameters."""
        state = {**self._state(), **changes}
        items = []
        for key, value in state.items():
            if isinstance(value, list):
                items += [(key, v) for v in value]
            elif value not in (None, ""):
                items.append((key, value))
        return "?" + urlencode(items)

    def hidden_fields(self) -> list[tuple[str, str]]:
        """The chosen filters other than the years, as the year form sends them along."""
        state = self._state()
        state.pop(PARAM_FROM)
        state.pop(PARAM_TO)
        fields = []
        for key, value in state.items():
            if isinstance(value, list):
                fields += [(key, v) for v in value]
            elif value:
                fields.append((key, value))
        return fields

    @property
    def has_years(self) -> bool:
        return self.year_from is not None or self.year_to is not None

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.goals
            or self.county
            or self.municipality
            or self.country
            or self.status
            or self.programme
            or self.has_years
        )

    def active_filters(self) -> list[dict]:
        """The chosen filters, each with a link that removes it."""
        facts = self.facts
        chips = []
        for pk in self.goals:
            goal = facts.goal(pk)
            rest = [facts.goals[other]["slug"] for other in self.goals if other != pk]
            chips.append({"label": f"{goal.label} {goal.name}", "url": self.url(mal=rest)})
        if self.municipality:
            chips.append(
                {
                    "label": facts.municipalities[self.municipality]["name"],
                    "url": self.url(kommun=None),
                }
            )
        elif self.county:
            chips.append({"label": facts.county_name(self.county), "url": self.url(lan=None)})
        if self.country:
            chips.append({"label": facts.country(self.country).name, "url": self.url(land=None)})
        if self.status:
            chips.append({"label": status_label(self.status), "url": self.url(status=None)})
        if self.programme:
            chips.append({"label": facts.programmes[self.programme], "url": self.url(program=None)})
        if self.has_years:
            chips.append(
                {"label": self.years_label(), "url": self.url(**{PARAM_FROM: None, PARAM_TO: None})}
            )
        return chips

    def years_label(self) -> str:
        if self.year_from is not None and self.year_to is not None:
            if self.year_from == self.year_to:
                return _("Active in %(year)s") % {"year": self.year_from}
            return _("Active %(first)s–%(last)s") % {"first": self.year_from, "last": self.year_to}
        if self.year_from is not None:
            return _("Active in %(year)s or later") % {"year": self.year_from}
        return _("Active in %(year)s or earlier") % {"year": self.year_to}
