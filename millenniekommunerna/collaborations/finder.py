"""The partnerships a selection (`listing.PartnershipSelection`) matches, in the listing's
order, and its facets: counted in Python over the cached facts (`facts.py`), so the counts
cost no query however many partnerships there are; only the years ask the database."""

from collections import Counter

from django.utils.translation import gettext as _

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.partnerships.models import Partnership, WorkStatus
from millenniekommunerna.stories.listing.presentation import Facet, FacetOption

from .facts import STATUS_PARAMS, PartnershipFacts
from .listing import PartnershipSelection, status_label


class PartnershipFinder:
    """The partnerships a selection matches, in the listing's order, and its facets."""

    def __init__(self, selection: PartnershipSelection):
        self.selection = selection
        self.facts = selection.facts
        self.active = None
        if selection.has_years:
            # One query: the years are the one filter the database answers.
            self.active = set(
                Partnership.objects.active_between(
                    selection.year_from, selection.year_to
                ).values_list("pk", flat=True)
            )
        self.results = [p for p in self.facts.partnerships if self._passes(p)]

    def _passes(self, p: PartnershipFacts, skip: tuple[str, ...] = ()) -> bool:
        s = self.selection
        if self.active is not None and p.pk not in self.active:
            return False
        if "goal" not in skip and not p.goals.issuperset(s.goals):
            return False
        if "municipality" not in skip and s.municipality and s.municipality not in p.municipalities:
            return False
        if "county" not in skip and s.county and s.county not in p.counties:
            return False
        if "country" not in skip and s.country and p.country != s.country:
            return False
        if "status" not in skip and s.status and p.status != s.status:
            return False
        return "programme" in skip or not s.programme or p.programme == s.programme

    def _counts(self, skip: tuple[str, ...], values) -> Counter:
        counts = Counter()
        for p in self.facts.partnerships:
            if self._passes(p, skip):
                counts.update(values(p))
        return counts

    def facets(self) -> list[Facet]:
        return [
            *self._goal_facets(),
            self._county_facet(),
            self._municipality_facet(),
            self._country_facet(),
            self._status_facet(),
            self._programme_facet(),
        ]

    def _goal_facets(self) -> list[Facet]:
        facts, chosen = self.facts, self.selection.goals
        counts = Counter()
        for p in self.results:
            counts.update(p.goals)
        chosen_slugs = [facts.goals[pk]["slug"] for pk in chosen]
        goals = sorted(
            (facts.goal(pk) for pk in {*counts, *chosen}),
            key=lambda g: (g.kind != Goal.Kind.SDG, g.number),
        )
        facets = []
        for kind, title in (
            (Goal.Kind.SDG, _("Global goals")),
            (Goal.Kind.MDG, _("Millennium goals")),
        ):
            options = []
            for goal in goals:
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
                        count=counts[goal.pk],
                        url=self.selection.url(mal=slugs),
                        selected=selected,
                        code=goal.slug,
                    )
                )
            facets.append(Facet(key=f"goal-{kind}", title=title, options=options))
        return facets

    def _county_facet(self) -> Facet:
        counts = self._counts(("county", "municipality"), lambda p: p.counties)
        chosen = self.selection.county
        options = [
            FacetOption(
                label=self.facts.county_name(slug),
                count=counts[slug],
                url=self.selection.url(lan=None if slug == chosen else slug, kommun=None),
                selected=slug == chosen,
                code=slug,
            )
            for slug in sorted({*counts, *([chosen] if chosen else [])}, key=self.facts.county_name)
        ]
        return Facet(key="county", title=_("County"), options=options)

    def _municipality_facet(self) -> Facet:
        municipalities = self.facts.municipalities
        county = self.selection.county

        def involved(p):
            # With a county chosen, its municipalities only: a link to another would leave it.
            return [
                m for m in p.municipalities if not county or municipalities[m]["county"] == county
            ]

        counts = self._counts(("county", "municipality"), involved)
        chosen = self.selection.municipality
        ids = {*counts, *([chosen] if chosen else [])}
        options = [
            FacetOption(
                label=municipalities[pk]["name"],
                count=counts[pk],
                url=self.selection.url(
                    kommun=None if pk == chosen else municipalities[pk]["slug"],
                    lan=county if pk == chosen else None,
                ),
                selected=pk == chosen,
                code=municipalities[pk]["slug"],
            )
            for pk in sorted(ids, key=lambda pk: (-counts[pk], municipalities[pk]["name"]))
        ]
        hint = _("In %(county)s") % {"county": self.facts.county_name(county)} if county else ""
        return Facet(key="municipality", title=_("Municipality"), options=options, hint=hint)

    def _country_facet(self) -> Facet:
        counts = self._counts(("country",), lambda p: [p.country])
        chosen = self.selection.country
        options = [
            FacetOption(
                label=self.facts.country(code).name,
                count=counts[code],
                url=self.selection.url(land=None if code == chosen else code.lower()),
                selected=code == chosen,
                code=code.lower(),
            )
            for code in {*counts, *([chosen] if chosen else [])}
        ]
        options.sort(key=lambda o: (-(o.count or 0), o.label))
        return Facet(key="country", title=_("Partner country"), options=options)

    def _status_facet(self) -> Facet:
        counts = self._counts(("status",), lambda p: [p.status] if p.status else [])
        chosen = self.selection.status
        options = [
            FacetOption(
                label=status_label(status),
                count=counts[status],
                url=self.selection.url(status=None if status == chosen else STATUS_PARAMS[status]),
                selected=status == chosen,
                code=STATUS_PARAMS[status],
            )
            for status in WorkStatus.values
            if counts[status] or status == chosen
        ]
        return Facet(key="status", title=_("Status"), options=options)

    def _programme_facet(self) -> Facet:
        counts = self._counts(("programme",), lambda p: [p.programme] if p.programme else [])
        chosen = self.selection.programme
        programmes = self.facts.programmes
        options = [
            FacetOption(
                label=programmes[slug],
                count=counts[slug],
                url=self.selection.url(program=None if slug == chosen else slug),
                selected=slug == chosen,
                code=slug,
            )
            for slug in sorted(programmes, key=lambda s: programmes[s])
            if counts[slug] or slug == chosen
        ]
        return Facet(key="programme", title=_("Funding programme"), options=options)
