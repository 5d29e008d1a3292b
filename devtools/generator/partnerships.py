"""The partnerships the generated stories belong to: one per pair of a story's municipality and
a partner place it names. A pair without a partnership gets one (address, funding, now and
then a second municipality from the same county); one this run made follows its stories —
years, status and themes — batch by batch; every story is linked to its partnerships.
Partnerships that were there before are linked to, never changed."""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from millenniekommunerna.core.text import fold_slug
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import (
    FundingProgramme,
    PartnerPlace,
    Partnership,
    WorkStatus,
)
from millenniekommunerna.stories.models import StoryPage

from .composer import Draft
from .followup_vocabulary import (
    FUNDING_WEIGHTS,
    JOINT_PARTNERSHIP_SHARE,
    PARTNERSHIP_DESCRIPTIONS,
)
from .rows import insert_rows

SLUG_MAX_LENGTH = 110  # as Partnership.slug_for


@dataclass
class Plan:
    """A partnership this run made, and what its stories so far say about it."""

    partnership: Partnership
    other_municipality_id: int | None = None  # a second Swedish municipality taking part
    first_year: int | None = None
    last_end: int | None = None
    open_ended: bool = False  # a story of it has started (or is planned) and has no end
    any_completed: bool = False  # an ended story of it was not discontinued
    goal_ids: set[int] = field(default_factory=set)
    written_goal_ids: set[int] = field(default_factory=set)

    def add(self, draft: Draft) -> None:
        self.goal_ids.update(draft.goal_ids)
        if draft.year_start is None:
            return
        if self.first_year is None or draft.year_start < self.first_year:
            self.first_year = draft.year_start
        if draft.year_end is None:
            self.open_ended = True
        else:
            self.last_end = max(self.last_end or draft.year_end, draft.year_end)
            self.any_completed |= draft.status != WorkStatus.DISCONTINUED

    def apply(self, this_year: int) -> bool:
        """Bring the partnership's years and status up to date; whether anything changed."""
        p = self.partnership
        before = (p.start_year, p.end_year, p.status)
        p.start_year = self.first_year
        p.end_year = None if self.open_ended else self.last_end
        if p.start_year is None:
            p.status = ""
        elif p.start_year > this_year:
            p.status = WorkStatus.PLANNED.value
        elif p.end_year is None:
            p.status = WorkStatus.ONGOING.value
        elif self.any_completed:
            p.status = WorkStatus.COMPLETED.value
        else:
            p.status = WorkStatus.DISCONTINUED.value
        return (p.start_year, p.end_year, p.status) != before


class PartnershipBook:
    """Which partnerships exist, by (municipality, place), and the rows that make new ones."""

    def __init__(self, rng: random.Random, this_year: int):
        self.rng = rng
        self.this_year = this_year
        self.existing: dict[tuple[int, int], int] = {
            (m, p): pk
            for pk, m, p in Partnership.objects.values_list(
                "pk", "municipality_id", "partner_place_id"
            )
        }
        self.slugs = set(Partnership.objects.values_list("slug", flat=True))
        self.plans: dict[tuple[int, int], Plan] = {}
        self.places = {
            pk: (name, country)
            for pk, name, country in PartnerPlace.objects.values_list(
                "pk", "name", "country__name_sv"
            )
        }
        programmes = dict(FundingProgramme.objects.values_list("slug", "pk"))
        self.funding = [programmes.get(slug) for slug in FUNDING_WEIGHTS]  # None: not known
        self.funding_weights = list(FUNDING_WEIGHTS.values())
        self.municipalities = {}
        self.county_members = defaultdict(list)
        for pk, name, county in Municipality.objects.order_by("code").values_list(
            "pk", "name", "county_id"
        ):
            self.municipalities[pk] = (name, county)
            self.county_members[county].append(pk)
        self.Links = StoryPage.partnerships.through
        self.Goals = Partnership.goals.through
        self.Others = Partnership.other_municipalities.through

    def write(self, drafts: list[Draft], page_ids: list[int]) -> None:
        """Add the partnerships these stories need, update the ones this run made, link the
        stories. Runs inside the writer's transaction."""
        new, touched, links = [], {}, []
        for draft, page_id in zip(drafts, page_ids, strict=True):
            for place_id in draft.place_ids:
                pair = (draft.parent.municipality_id, place_id)
                plan = self.plans.get(pair)
                if plan is None and pair not in self.existing:
                    plan = self.plans[pair] = self.plan(draft, place_id)
                    new.append(plan)
                if plan is not None:
                    plan.add(draft)
                    touched[pair] = plan
                links.append((page_id, pair))

        changed = [plan.partnership for plan in touched.values() if plan.apply(self.this_year)]
        Partnership.objects.bulk_create([plan.partnership for plan in new])
        for plan in new:
            p = plan.partnership
            self.existing[(p.municipality_id, p.partner_place_id)] = p.pk
        new_ids = {id(plan.partnership) for plan in new}
        Partnership.objects.bulk_update(
            [p for p in changed if id(p) not in new_ids], ["start_year", "end_year", "status"]
        )
        insert_rows(
            self.Others,
            (
                {
                    "partnership_id": plan.partnership.pk,
                    "municipality_id": plan.other_municipality_id,
                }
                for plan in new
                if plan.other_municipality_id is not None
            ),
        )
        goal_rows = []
        for plan in touched.values():
            for goal_id in sorted(plan.goal_ids - plan.written_goal_ids):
                goal_rows.append({"partnership_id": plan.partnership.pk, "goal_id": goal_id})
            plan.written_goal_ids |= plan.goal_ids
        insert_rows(self.Goals, goal_rows)
        insert_rows(
            self.Links,
            (
                {"storypage_id": page_id, "partnership_id": self.existing[pair]}
                for page_id, pair in links
            ),
        )

    def plan(self, draft: Draft, place_id: int) -> Plan:
        """A new partnership of the story's municipality with the place, not yet saved."""
        rng = self.rng
        municipality_id = draft.parent.municipality_id
        partnership = Partnership(
            slug=self.slug(draft.parent.municipality_name, self.places[place_id][0]),
            municipality_id=municipality_id,
            partner_place_id=place_id,
            funding_programme_id=rng.choices(self.funding, weights=self.funding_weights)[0],
        )
        place, country = self.places[place_id]
        partnership.description = rng.choice(PARTNERSHIP_DESCRIPTIONS).format(
            kommun=draft.parent.municipality_name, plats=place, land=country
        )
        plan = Plan(partnership)
        if rng.random() < JOINT_PARTNERSHIP_SHARE:
            _, county = self.municipalities[municipality_id]
            neighbours = [pk for pk in self.county_members[county] if pk != municipality_id]
            if neighbours:
                plan.other_municipality_id = rng.choice(neighbours)
        return plan

    def slug(self, municipality_name: str, place_name: str) -> str:
        """As Partnership.slug_for, against the slugs taken so far instead of one query each."""
        base = (
            fold_slug(f"{municipality_name} {place_name}")[:SLUG_MAX_LENGTH].strip("-")
            or "samarbete"
        )
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug
