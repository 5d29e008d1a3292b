"""The 8 Millennium Development Goals and the 17 Sustainable Development Goals, the editorial
mapping between them, the goal index page and one page per goal."""

from millenniekommunerna.core import reference_data

from .models import Goal, GoalIndexPage, GoalMapping, GoalPage


@reference_data.loader(order=reference_data.GOALS)
def load_goals(report: reference_data.LoadReport) -> None:
    goals = {}
    for row in reference_data.read_csv("goals/goals.csv"):
        number = int(row["number"])
        goals[(row["kind"], number)] = reference_data.upsert(
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
    for row in reference_data.read_csv("goals/mdg_sdg_mapping.csv"):
        reference_data.upsert(
            GoalMapping,
            report,
            "goal mappings",
            {"mdg": goals[("mdg", int(row["mdg"]))], "sdg": goals[("sdg", int(row["sdg"]))]},
            {"note": row["note"]},
        )


@reference_data.loader(order=reference_data.GOAL_PAGES)
def ensure_goal_pages(report: reference_data.LoadReport) -> None:
    index = reference_data.ensure_index_page(GoalIndexPage, "Målen", "mal", report)
    with_pages = set(GoalPage.objects.values_list("goal_id", flat=True))
    for goal in Goal.objects.exclude(pk__in=with_pages):
        title = (
            f"Mål {goal.number}: {goal.name_sv}"
            if goal.kind == Goal.Kind.SDG
            else f"Millenniemål {goal.number}: {goal.name_sv}"
        )
        reference_data.add_child(
            index, report, "goal pages", GoalPage(title=title, slug=goal.slug, goal=goal)
        )
