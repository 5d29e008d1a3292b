"""The statistics tables, each computed by the database in one or two aggregate queries
(`values()` + `annotate(Count(…))`): the number of queries does not grow with the number of
stories, and no story is ever loaded."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.stories import provenance
from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.stories.partner_countries import partner_countries

ACCENT = "#1c4f8c"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = True
    percent: bool = False


@dataclass
class Row:
    label: str
    values: dict[str, int | float | None]
    colour: str = ACCENT
    url: str = ""


@dataclass
class Table:
    slug: str  # the CSV file is /statistik/<slug>.csv
    title: str
    description: str
    columns: list[Column]  # the first is the row label
    rows: list[Row]
    chart_key: str  # the column the chart draws
    total: Row | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def chart_column(self) -> Column:
        return next(c for c in self.columns if c.key == self.chart_key)

    def cells(self, row: Row) -> list:
        return [row.values.get(column.key) for column in self.columns[1:]]

    @property
    def zero_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.values.get(self.chart_key)]


def _live_stories():
    return StoryPage.objects.published()


def goal_tables(goal_url) -> list[Table]:
    """Stories per goal, SDGs and MDGs. One query."""
    goals = Goal.objects.annotate(
        story_count=Count("stories", filter=Q(stories__live=True))
    ).order_by("-kind", "number")
    tables = {
        Goal.Kind.SDG: Table(
            slug="globala-malen",
            title=_("Stories per Sustainable Development Goal"),
            description=_("Published stories per global goal of the 2030 Agenda (2015–2030)."),
            columns=[Column("goal", _("Goal"), numeric=False), Column("stories", _("Stories"))],
            rows=[],
            chart_key="stories",
        ),
        Goal.Kind.MDG: Table(
            slug="millenniemalen",
            title=_("Stories per Millennium Development Goal"),
            description=_("Published stories per Millennium Development Goal (2000–2015)."),
            columns=[Column("goal", _("Goal"), numeric=False), Column("stories", _("Stories"))],
            rows=[],
            chart_key="stories",
        ),
    }
    for goal in goals:
        tables[goal.kind].rows.append(
            Row(
                label=f"{goal.label}: {goal.name}",
                values={"stories": goal.story_count},
                colour=goal.badge_background,
                url=goal_url(goal),
            )
        )
    note = _("A story can have several goals, so the numbers add up to more than the stories.")
    for table in tables.values():
        table.notes.append(note)
    return [tables[Goal.Kind.SDG], tables[Goal.Kind.MDG]]


def county_tables() -> list[Table]:
    """Stories per county, and the share of each county's municipalities with at least one
    story. Three queries, each grouped by county, so no join multiplies rows."""
    counties = list(County.objects.annotate(municipality_count=Count("municipalities")))
    # Every grouped query clears the ordering first: Wagtail orders pages by tree path, and an
    # ORDER BY column would split the groups.
    stories = dict(
        _live_stories()
        .order_by()
        .values("municipality__county_id")
        .annotate(n=Count("pk"))
        .values_list("municipality__county_id", "n")
    )
    active = dict(
        Municipality.objects.filter(stories__live=True)
        .order_by()
        .values("county_id")
        .annotate(n=Count("pk", distinct=True))
        .values_list("county_id", "n")
    )
    counties.sort(key=lambda c: c.name)
    per_county = Table(
        slug="berattelser-per-lan",
        title=_("Stories per county"),
        description=_("Published stories per county, by the municipality that tells them."),
        columns=[Column("county", _("County"), numeric=False), Column("stories", _("Stories"))],
        rows=[Row(c.interface_name, {"stories": stories.get(c.pk, 0)}) for c in counties],
        chart_key="stories",
    )
    per_county.total = Row(_("All counties"), {"stories": sum(stories.values())})

    def share(part, whole):
        return round(100 * part / whole, 1) if whole else 0.0

    coverage = Table(
        slug="kommuner-med-berattelser",
        title=_("Municipalities with stories, per county"),
        description=_(
            "The share of each county’s municipalities that have published at least one story."
        ),
        columns=[
            Column("county", _("County"), numeric=False),
            Column("municipalities", _("Municipalities")),
            Column("with_stories", _("With stories")),
            Column("share", _("Share (%)"), percent=True),
        ],
        rows=[
            Row(
                c.interface_name,
                {
                    "municipalities": c.municipality_count,
                    "with_stories": active.get(c.pk, 0),
                    "share": share(active.get(c.pk, 0), c.municipality_count),
                },
            )
            for c in counties
        ],
        chart_key="share",
    )
    all_municipalities = sum(c.municipality_count for c in counties)
    all_active = sum(active.values())
    coverage.total = Row(
        _("All of Sweden"),
        {
            "municipalities": all_municipalities,
            "with_stories": all_active,
            "share": share(all_active, all_municipalities),
        },
    )
    return [per_county, coverage]


def year_tables() -> list[Table]:
    """Stories per year of publication and per year the work started. Two queries.

    A story is counted in the year it was first published — at its source when it comes from
    elsewhere (stories.provenance) — and a story whose source gives only a period (2010–2015)
    is counted under that period, not under a year it may not belong to."""
    by_period = dict(
        _live_stories()
        .order_by()
        .values("published_period")
        .annotate(n=Count("pk"))
        .values_list("published_period", "n")
    )
    published = {int(key): n for key, n in by_period.items() if key.isdigit()}
    published_spans = [
        Row(provenance.period_label(key), {"stories": n})
        for key, n in sorted(by_period.items())
        if key and not key.isdigit()
    ]
    if by_period.get(""):
        published_spans.append(Row(_("Not known"), {"stories": by_period[""]}))
    started = dict(
        _live_stories()
        .order_by()
        .values("year_start")
        .annotate(n=Count("pk"))
        .values_list("year_start", "n")
    )
    tables = []
    for slug, title, description, counts, unknown in (
        (
            "publiceringsar",
            _("Stories per year of publication"),
            _(
                "Published stories by the year they were first published: at their source for "
                "stories from elsewhere (a period when only that is known), else on this site."
            ),
            published,
            None,
        ),
        (
            "startar",
            _("Stories per year the work started"),
            _("Published stories by the year the work they tell of started."),
            started,
            _("Not stated"),
        ),
    ):
        years = [y for y in counts if y is not None]
        rows = [
            # Years without stories are shown too: a gap is information.
            Row(str(year), {"stories": counts.get(year, 0)})
            for year in (range(min(years), max(years) + 1) if years else [])
        ]
        if unknown and counts.get(None):
            rows.append(Row(unknown, {"stories": counts[None]}))
        if slug == "publiceringsar":
            rows += published_spans
        table = Table(
            slug=slug,
            title=title,
            description=description,
            columns=[
                Column("year", pgettext("calendar", "Year"), numeric=False),
                Column("stories", _("Stories")),
            ],
            rows=rows,
            chart_key="stories",
        )
        total = sum(counts.values()) + (
            sum(row.values["stories"] for row in published_spans) if slug == "publiceringsar" else 0
        )
        table.total = Row(_("All years"), {"stories": total})
        tables.append(table)
    return tables


def partnership_table() -> Table:
    """Partnerships per country, with the municipalities and places in them and the stories
    that concern the country — every country a story names counts, with or without a place
    (stories.partner_countries). Four queries."""
    countries = partner_countries()
    table = Table(
        slug="samarbeten-per-land",
        title=_("Partnerships per country"),
        description=_(
            "Partnerships between Swedish municipalities and places abroad, per country, "
            "and the published stories that concern the country, also where a story names "
            "the country but no place in it."
        ),
        columns=[
            Column("country", _("Country"), numeric=False),
            Column("partnerships", _("Partnerships")),
            Column("municipalities", _("Swedish municipalities")),
            Column("places", _("Partner places")),
            Column("stories", _("Stories")),
            Column("without_place", _("of which without a known place")),
        ],
        rows=[
            Row(
                c.country.name,
                {
                    "partnerships": c.partnerships,
                    "municipalities": c.municipalities,
                    "places": c.places,
                    "stories": c.stories,
                    "without_place": c.stories_without_place,
                },
            )
            for c in countries
        ],
        chart_key="partnerships",
    )
    table.notes.append(
        _("A story can concern several countries; one municipality can have several partners.")
    )
    return table


def summary() -> dict:
    """The headline numbers. One query."""
    return _live_stories().aggregate(
        stories=Count("pk", distinct=True),
        without_goals=Count("pk", filter=Q(goals__isnull=True), distinct=True),
    )


def all_tables(goal_url) -> list[Table]:
    return [*goal_tables(goal_url), *county_tables(), *year_tables(), partnership_table()]
