"""The facet counts of a selection.

Facets and what a count means (a count is always the number of stories the link leads to):
- goal and partner country: a story can have several, so choosing more narrows the results
  (stories with all of them); a count is the number of current results that also have it;
- county, municipality, year of publication, Millenniekommun or not, current or out of date
  (not confirmed by an editor for two years, as of the start of the day): a story has one, so
  a link replaces the choice; a count is the number of stories with that value and every other
  choice (choosing a county drops the municipality, whose list then shows that county's).

Counts come from a few GROUP BY queries over the matching stories (a subquery), however many
stories there are: one for the goals, one for the countries (two counts joined by UNION ALL:
stories name countries directly and through their partner places), one for the five
one-valued facets together."""

from collections import defaultdict
from functools import cached_property

from django.db.models import BooleanField, Case, Count, Exists, F, OuterRef, Value, When
from django.utils.translation import gettext as _

from millenniekommunerna.core import derived_cache
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import Country

from .. import provenance
from ..models.story import StoryPage
from . import params
from .presentation import Facet, FacetOption

GoalStory = StoryPage.goals.through
CountryStory = StoryPage.countries.through
PlaceStory = StoryPage.partner_places.through


_MUNICIPALITY_FACTS = (
    "municipality__name",
    "municipality__slug",
    "municipality__county_id",
    "municipality__county__name",
    "municipality__county__short_name",
    "municipality__county__slug",
    "municipality__is_millennium_municipality",
)


def _municipality_facts() -> dict[int, dict]:
    """What the facets show of each municipality, by id (reference data: kept with the
    derived data, renewed when a municipality or county is saved)."""

    def build():
        fields = [name.removeprefix("municipality__") for name in _MUNICIPALITY_FACTS]
        return {
            row["id"]: {f"municipality__{name}": row[name] for name in fields}
            for row in Municipality.objects.values("id", *fields)
        }

    return derived_cache.get_or_build("facets:municipalities", build)


class FacetCounter:
    """The facets of a finder's selection, counted over the stories it matched."""

    def __init__(self, finder):
        self.finder = finder
        self.selection = finder.selection

    @cached_property
    def _one_valued_groups(self) -> list[dict]:
        """The number of stories per municipality and year of publication, with what the
        facets show of each municipality (its county, whether it is a Millenniekommun).
        Grouped on the stories' own columns, without joining the municipalities and counties
        to every story: those come from a table of the 290 municipalities (the join made the
        count over 100 000 stories take two and a half times as long)."""
        pool = self.finder._restrict(
            self.finder.matched, skip=("county", "municipality", "year", "millennium", "review")
        )
        out_of_date = Case(
            When(self.finder.out_of_date_filter(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        groups = (
            pool.order_by()
            .values("municipality_id", year=F("published_period"), out_of_date=out_of_date)
            .annotate(n=Count("pk"))
        )
        municipalities = _municipality_facts()
        unknown = dict.fromkeys(_MUNICIPALITY_FACTS)
        return [{**row, **municipalities.get(row["municipality_id"], unknown)} for row in groups]

    def _passes(self, row, skip: str) -> bool:
        selection = self.selection
        if skip not in ("county", "municipality") and selection.municipality:
            if row["municipality_id"] != selection.municipality.pk:
                return False
        elif (
            skip != "county"
            and selection.county
            and row["municipality__county_id"] != selection.county.pk
        ):
            return False
        if skip != "year" and selection.year and row["year"] != selection.year:
            return False
        if skip != "review" and selection.out_of_date not in (None, row["out_of_date"]):
            return False
        millennium = row["municipality__is_millennium_municipality"]
        return skip == "millennium" or selection.millennium in (None, millennium)

    def count(self) -> int:
        return sum(row["n"] for row in self._one_valued_groups if self._passes(row, skip=""))

    def facets(self) -> list[Facet]:
        return [
            *self._goal_facets(),
            self._county_facet(),
            self._municipality_facet(),
            self._country_facet(),
            self._year_facet(),
            self._millennium_facet(),
            self._review_facet(),
        ]

    def _goal_facets(self) -> list[Facet]:
        current = self.finder._ids(self.finder._restrict(self.finder.matched))
        rows = (
            GoalStory.objects.filter(storypage_id__in=current)
            .values(
                "goal_id",
                "goal__slug",
                "goal__kind",
                "goal__number",
                "goal__name_sv",
                "goal__name_en",
            )
            .annotate(n=Count("storypage_id"))
        )
        goals = {goal.pk: goal for goal in self.selection.goals}
        counts = {}
        for row in rows:
            counts[row["goal_id"]] = row["n"]
            goals.setdefault(
                row["goal_id"],
                Goal(
                    pk=row["goal_id"],
                    slug=row["goal__slug"],
                    kind=row["goal__kind"],
                    number=row["goal__number"],
                    name_sv=row["goal__name_sv"],
                    name_en=row["goal__name_en"],
                ),
            )
        chosen = {goal.pk for goal in self.selection.goals}
        chosen_slugs = [goal.slug for goal in self.selection.goals]
        ordered = sorted(goals.values(), key=lambda g: g.number)  # each kind is a facet
        facets = []
        for kind, title in (
            (Goal.Kind.SDG, _("Global goals")),
            (Goal.Kind.MDG, _("Millennium goals")),
        ):
            options = []
            for goal in ordered:
                if goal.kind != kind:
                    continue
                selected = goal.pk in chosen
                slugs = (
                    [s for s in chosen_slugs if s != goal.slug]
                    if selected
                    else [*chosen_slugs, goal.slug]
                )
                options.append(
                    FacetOption(
                        label=f"{goal.label} {goal.name}",
                        # (A goal without a count is a chosen one: its count is not shown.)
                        count=counts.get(goal.pk),
                        url=self.selection.url(**{params.PARAM_GOAL: slugs}),
                        selected=selected,
                        code=goal.slug,
                    )
                )
            facets.append(Facet(key=f"goal-{kind}", title=title, options=options))
        return facets

    def _county_facet(self) -> Facet:
        counts, names = defaultdict(int), {}
        for row in self._one_valued_groups:
            if row["municipality__county_id"] is not None and self._passes(row, skip="county"):
                slug = row["municipality__county__slug"]
                counts[slug] += row["n"]
                names[slug] = County.name_in_interface(
                    row["municipality__county__name"], row["municipality__county__short_name"]
                )
        chosen = self.selection.county.slug if self.selection.county else None
        options = [
            FacetOption(
                label=names[slug],
                count=counts[slug],
                url=self.selection.url(
                    **{
                        params.PARAM_COUNTY: None if slug == chosen else slug,
                        params.PARAM_MUNICIPALITY: None,
                    }
                ),
                selected=slug == chosen,
                code=slug,
            )
            for slug in sorted(counts, key=lambda s: names[s])
        ]
        return Facet(key="county", title=_("County"), options=options)

    def _municipality_facet(self) -> Facet:
        counts, names = defaultdict(int), {}
        for row in self._one_valued_groups:
            if row["municipality_id"] is not None and self._passes(row, skip="municipality"):
                slug = row["municipality__slug"]
                counts[slug] += row["n"]
                names[slug] = row["municipality__name"]
        chosen = self.selection.municipality.slug if self.selection.municipality else None
        county = self.selection.county.slug if self.selection.county else None
        options = [
            FacetOption(
                label=names[slug],
                count=counts[slug],
                url=self.selection.url(
                    **{
                        params.PARAM_MUNICIPALITY: None if slug == chosen else slug,
                        params.PARAM_COUNTY: county if slug == chosen else None,
                    }
                ),
                selected=slug == chosen,
                code=slug,
            )
            # (Facet puts the chosen one first.)
            for slug in sorted(counts, key=lambda s: (-counts[s], names[s]))
        ]
        hint = (
            _("In %(county)s") % {"county": self.selection.county.interface_name}
            if self.selection.county
            else ""
        )
        return Facet(key="municipality", title=_("Municipality"), options=options, hint=hint)

    def _country_facet(self) -> Facet:
        current = self.finder._ids(self.finder._restrict(self.finder.matched))
        direct = (
            CountryStory.objects.filter(storypage_id__in=current)
            .values(
                pk=F("country_id"),
                code=F("country__code"),
                name_sv=F("country__name_sv"),
                name_en=F("country__name_en"),
            )
            .annotate(n=Count("storypage_id"))
        )
        through_places = (
            PlaceStory.objects.filter(storypage_id__in=current)
            .exclude(
                Exists(
                    CountryStory.objects.filter(
                        storypage_id=OuterRef("storypage_id"),
                        country_id=OuterRef("partnerplace__country_id"),
                    )
                )
            )
            .values(
                pk=F("partnerplace__country_id"),
                code=F("partnerplace__country__code"),
                name_sv=F("partnerplace__country__name_sv"),
                name_en=F("partnerplace__country__name_en"),
            )
            .annotate(n=Count("storypage_id", distinct=True))
        )
        counts = defaultdict(int)
        countries = {c.pk: c for c in self.selection.countries}
        # Both counts in one query: a story that names a country and has a place in it is
        # counted once, by the first.
        for row in direct.union(through_places, all=True):
            counts[row["pk"]] += row["n"]
            countries.setdefault(
                row["pk"],
                Country(
                    code=row["code"],
                    name_sv=row["name_sv"],
                    name_en=row["name_en"],
                ),
            )
        chosen = [c.code.lower() for c in self.selection.countries]
        options = []
        for pk, country in countries.items():
            code = country.code.lower()
            selected = code in chosen
            codes = [c for c in chosen if c != code] if selected else [*chosen, code]
            options.append(
                FacetOption(
                    label=country.name,
                    count=counts.get(pk),  # (none: a chosen country, whose count is not shown)
                    url=self.selection.url(**{params.PARAM_COUNTRY: codes}),
                    selected=selected,
                    code=code,
                )
            )
        options.sort(key=lambda o: (-(o.count or 0), o.label))  # the chosen first: Facet
        return Facet(key="country", title=_("Partner country"), options=options)

    def _year_facet(self) -> Facet:
        counts = defaultdict(int)
        for row in self._one_valued_groups:
            if row["year"] and self._passes(row, skip="year"):
                counts[row["year"]] += row["n"]
        chosen = self.selection.year
        options = [
            FacetOption(
                label=provenance.period_label(year),
                count=counts[year],
                url=self.selection.url(**{params.PARAM_YEAR: None if year == chosen else year}),
                selected=year == chosen,
                code=year,
            )
            # Newest first; a period (2010–2015) sorts by its last year, before that year.
            for year in sorted(counts, key=lambda key: (key[-4:], key), reverse=True)
        ]
        return Facet(key="year", title=_("Year published"), options=options)

    def _millennium_facet(self) -> Facet:
        counts = defaultdict(int)
        for row in self._one_valued_groups:
            value = row["municipality__is_millennium_municipality"]
            if value is not None and self._passes(row, skip="millennium"):
                counts[value] += row["n"]
        chosen = self.selection.millennium
        options = [
            FacetOption(
                label=label,
                count=counts[value],
                url=self.selection.url(
                    **{
                        params.PARAM_MILLENNIUM: None
                        if value == chosen
                        else (params.YES if value else params.NO)
                    }
                ),
                selected=value == chosen,
                code=params.YES if value else params.NO,
            )
            for value, label in (
                (True, _("Millennium Municipalities")),
                (False, _("Other municipalities")),
            )
            if counts[value] or value == chosen
        ]
        return Facet(key="millennium", title=_("Millennium Municipality"), options=options)

    def _review_facet(self) -> Facet:
        """Current ("aktuella") or out of date ("inaktuella"): confirmed by an editor within
        two years or not (models.review_state; a story due for review is still current)."""
        counts = defaultdict(int)
        for row in self._one_valued_groups:
            if self._passes(row, skip="review"):
                counts[row["out_of_date"]] += row["n"]
        chosen = self.selection.out_of_date
        options = [
            FacetOption(
                label=label,
                count=counts[value],
                url=self.selection.url(**{params.PARAM_REVIEW: None if value == chosen else code}),
                selected=value == chosen,
                code=code,
            )
            for value, code, label in (
                (False, params.CURRENT, _("Current stories")),
                (True, params.OUT_OF_DATE, _("Stories out of date")),
            )
            if counts[value] or value == chosen
        ]
        return Facet(key="review", title=_("Up to date"), options=options)
