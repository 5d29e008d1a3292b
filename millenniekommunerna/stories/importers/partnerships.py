"""The partnerships an import makes and links: one per (municipality, place) pair its stories
name, with the goals of those stories among its themes. `plans` are `planning.Plan`s (each
with `municipality`, `places` and `goals`)."""

from millenniekommunerna.partnerships.models import Partnership


def partnerships_of(plan) -> list[Partnership]:
    """The partnerships of the story's municipality with the places it names (made first by
    `add_partnerships`; in a dry run the new ones do not exist yet)."""
    if not plan.places:
        return []
    return list(
        Partnership.objects.filter(
            municipality=plan.municipality, partner_place__in=plan.places
        ).order_by("pk")
    )


def add_partnerships(plans, dry_run: bool) -> int:
    wanted = {(plan.municipality.pk, place.pk) for plan in plans for place in plan.places}
    existing = set(Partnership.objects.values_list("municipality_id", "partner_place_id"))
    missing = sorted(wanted - existing)
    if not dry_run:
        for municipality_id, place_id in missing:  # few; each gets its own address
            Partnership.objects.create(municipality_id=municipality_id, partner_place_id=place_id)
        _add_themes(plans)
    return len(missing)


def _add_themes(plans) -> None:
    """A partnership's themes include the goals of its stories (only added: an editor may
    have chosen more)."""
    themes = Partnership.goals.through
    partnerships = {
        (p.municipality_id, p.partner_place_id): p.pk
        for p in Partnership.objects.filter(municipality__in={plan.municipality for plan in plans})
    }
    rows = {
        (partnerships[(plan.municipality.pk, place.pk)], goal.pk)
        for plan in plans
        for place in plan.places
        for goal in plan.goals or ()
        if (plan.municipality.pk, place.pk) in partnerships
    }
    themes.objects.bulk_create(
        [themes(partnership_id=p, goal_id=g) for p, g in sorted(rows)], ignore_conflicts=True
    )
