"""What the partnership listing knows of every partnership and of the reference data it
names, read in a few queries and kept in the derived-data cache (core.derived_cache): renewed
when a story is published or a partnership or the reference data changes. The listing filters
and counts these in Python: there are hundreds of partnerships, not hundreds of thousands."""

from dataclasses import dataclass

from django.db.models import Count

from millenniekommunerna.core import derived_cache
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import (
    Country,
    FundingProgramme,
    Partnership,
    WorkStatus,
)
from millenniekommunerna.stories.models import StoryPage

# The status as the address says it (Swedish, like the parameter names) and back.
STATUS_PARAMS = {
    WorkStatus.PLANNED: "planerat",
    WorkStatus.ONGOING: "pagaende",
    WorkStatus.COMPLETED: "avslutat",
    WorkStatus.DISCONTINUED: "avbrutet",
}
STATUS_BY_PARAM = {param: status for status, param in STATUS_PARAMS.items()}


@dataclass(frozen=True)
class PartnershipFacts:
    pk: int
    municipalities: tuple[int, ...]  # the lead first
    counties: frozenset[str]  # slugs of the counties the municipalities lie in
    country: str  # ISO code
    status: str
    programme: str  # slug, "" for none
    goals: frozenset[int]
    story_count: int


@dataclass(frozen=True)
class Facts:
    partnerships: tuple[PartnershipFacts, ...]  # in the listing's order
    municipalities: dict  # id -> {"slug", "name", "county"}
    municipality_ids: dict  # slug -> id
    counties: dict  # slug -> {"name", "short_name"}
    countries: dict  # code -> {"name_sv", "name_en"}
    goals: dict  # id -> the fields of a Goal
    goal_ids: dict  # slug -> id
    programmes: dict  # slug -> name

    def country(self, code: str) -> Country:
        return Country(code=code, **self.countries[code])

    def goal(self, pk: int) -> Goal:
        return Goal(pk=pk, **self.goals[pk])

    def county_name(self, slug: str) -> str:
        county = self.counties[slug]
        return County.name_in_interface(county["name"], county["short_name"])


_LAST_LETTERS = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"})


def swedish_order(name: str) -> str:
    """A sort key putting å, ä and ö after z, as the Swedish alphabet does."""
    return name.lower().translate(_LAST_LETTERS)


def _build() -> Facts:
    municipalities = {
        row["pk"]: {"slug": row["slug"], "name": row["name"], "county": row["county__slug"]}
        for row in Municipality.objects.values("pk", "slug", "name", "county__slug")
    }
    others, themes = {}, {}
    for (
        partnership_id,
        municipality_id,
    ) in Partnership.other_municipalities.through.objects.values_list(
        "partnership_id", "municipality_id"
    ).order_by("municipality__name"):
        others.setdefault(partnership_id, []).append(municipality_id)
    for partnership_id, goal_id in Partnership.goals.through.objects.values_list(
        "partnership_id", "goal_id"
    ):
        themes.setdefault(partnership_id, set()).add(goal_id)
    story_counts = dict(
        StoryPage.partnerships.through.objects.filter(
            storypage__in=StoryPage.objects.published().values("pk")
        )
        .values_list("partnership_id")
        .annotate(n=Count("storypage_id", distinct=True))
        .order_by()
    )
    rows = Partnership.objects.values(
        "pk",
        "municipality_id",
        "municipality__name",
        "partner_place__name",
        "partner_place__country__code",
        "status",
        "funding_programme__slug",
    )
    partnerships = []
    # In Swedish alphabetical order, the same on every database (their collations differ).
    for row in sorted(
        rows,
        key=lambda r: (
            swedish_order(r["municipality__name"]),
            swedish_order(r["partner_place__name"]),
            r["pk"],
        ),
    ):
        involved = (row["municipality_id"], *others.get(row["pk"], ()))
        partnerships.append(
            PartnershipFacts(
                pk=row["pk"],
                municipalities=involved,
                counties=frozenset(
                    municipalities[m]["county"] for m in involved if municipalities[m]["county"]
                ),
                country=row["partner_place__country__code"],
                status=row["status"],
                programme=row["funding_programme__slug"] or "",
                goals=frozenset(themes.get(row["pk"], ())),
                story_count=story_counts.get(row["pk"], 0),
            )
        )
    goal_fields = ("slug", "kind", "number", "name_sv", "name_en", "colour")
    goals = {row.pop("pk"): row for row in Goal.objects.values("pk", *goal_fields)}
    return Facts(
        partnerships=tuple(partnerships),
        municipalities=municipalities,
        municipality_ids={facts["slug"]: pk for pk, facts in municipalities.items()},
        counties={
            row.pop("slug"): row for row in County.objects.values("slug", "name", "short_name")
        },
        countries={
            row.pop("code"): row for row in Country.objects.values("code", "name_sv", "name_en")
        },
        goals=goals,
        goal_ids={facts["slug"]: pk for pk, facts in goals.items()},
        programmes=dict(FundingProgramme.objects.values_list("slug", "name")),
    )


def facts() -> Facts:
    return derived_cache.get_or_build("collaborations:facts", _build)
