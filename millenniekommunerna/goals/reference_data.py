"""The 8 Millennium Development Goals and the 17 Sustainable Development Goals, the editorial
mapping between them, the goal index page and one page per goal."""

from millenniekommunerna.core.reference_data import (
    GOAL_PAGES,
    GOALS,
    LoadReport,
    add_child,
    ensure_index_page,
    loader,
    read_csv,
    upsert,
)

from .models import Goal, GoalIndexPage, GoalMapping, GoalPage


@loader(order=GOALS)
def load_goals(report: LoadReport) -> None:
    goals = {}
    for row in read_csv("goals/goals.csv"):
        number = int(row["number"])
        goals[(row["kind"], number)] = upsert(
            Goal,
            report,
            "goals",
            {"kind": row["kind"], "number": number},
            {
                "slug": f"{row['kind']}-{number}",
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "colour": row["colour"].upper(),
            },
        )
    for row in read_csv("goals/mdg_sdg_mapping.csv"):
        upsert(
            GoalMapping,
            report,
            "goal mappings",
            {"mdg": goals[("mdg", int(row["mdg"]))], "sdg": goals[("sdg", int(row["sdg"]))]},
            {"note": row["note"]},
        )


@loader(order=GOAL_PAGES)
def ensure_goal_pages(report: LoadReport) -> None:
    index = ensure_index_page(GoalIndexPage, "Målen", "mal", report)
    with_pages = set(GoalPage.objects.values_list("goal_id", flat=True))
    for goal in Goal.objects.exclude(pk__in=with_pages):
        title = (
            f"Mål {goal.number}: {goal.name_sv}"
            if goal.kind == Goal.Kind.SDG
            else f"Millenniemål {goal.number}: {goal.name_sv}"
        )
        add_child(index, report, "goal pages", GoalPage(title=title, slug=goal.slug, goal=goal))
