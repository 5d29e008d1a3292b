"""Partnerships as records of their own, derived once from what was there: every pair of a
story's municipality and one of its partner places is a partnership (the existing rows are kept,
missing ones added), each story belongs to its partnerships, and a partnership's themes are the
goals of its stories and its start year the earliest start of its stories where it had none.
Status, end year and funding are not known from the stories: they stay empty for the editors."""

import re
import unicodedata
from collections import defaultdict

from django.db import migrations


def _slug(text):
    # As core.text.fold_slug (a migration keeps its own copy: the module may change).
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:110].strip("-")


def forwards(apps, schema_editor):
    StoryPage = apps.get_model("stories", "StoryPage")
    Partnership = apps.get_model("partnerships", "Partnership")
    Municipality = apps.get_model("municipalities", "Municipality")
    PartnerPlace = apps.get_model("partnerships", "PartnerPlace")
    Places = StoryPage.partner_places.through
    Goals = StoryPage.goals.through
    Links = StoryPage.partnerships.through
    PartnershipGoals = Partnership.goals.through

    stories = dict(
        StoryPage.objects.filter(municipality__isnull=False).values_list("pk", "municipality_id")
    )
    if not stories:
        return
    years = dict(StoryPage.objects.filter(pk__in=stories).values_list("pk", "year_start"))
    goals = defaultdict(set)
    for story_id, goal_id in Goals.objects.filter(storypage_id__in=stories).values_list(
        "storypage_id", "goal_id"
    ):
        goals[story_id].add(goal_id)
    pairs = defaultdict(list)  # (municipality, place) -> stories
    for story_id, place_id in Places.objects.filter(storypage_id__in=stories).values_list(
        "storypage_id", "partnerplace_id"
    ):
        pairs[(stories[story_id], place_id)].append(story_id)

    existing = {(p.municipality_id, p.partner_place_id): p for p in Partnership.objects.all()}
    taken = set(Partnership.objects.values_list("slug", flat=True))
    names = dict(Municipality.objects.values_list("pk", "name"))
    places = dict(PartnerPlace.objects.values_list("pk", "name"))
    links, themes = [], []
    for (municipality_id, place_id), story_ids in sorted(pairs.items()):
        starts = [years[s] for s in story_ids if years[s]]
        partnership = existing.get((municipality_id, place_id))
        if partnership is None:
            base = _slug(f"{names[municipality_id]} {places[place_id]}") or "samarbete"
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
            partnership = Partnership.objects.create(
                slug=slug,
                municipality_id=municipality_id,
                partner_place_id=place_id,
                start_year=min(starts) if starts else None,
            )
        elif partnership.start_year is None and starts:
            partnership.start_year = min(starts)
            partnership.save(update_fields=["start_year"])
        links += [Links(storypage_id=s, partnership_id=partnership.pk) for s in story_ids]
        theme_ids = set().union(*(goals[s] for s in story_ids))
        themes += [
            PartnershipGoals(partnership_id=partnership.pk, goal_id=g) for g in sorted(theme_ids)
        ]
    Links.objects.bulk_create(links, ignore_conflicts=True)
    PartnershipGoals.objects.bulk_create(themes, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0007_story_results_followup_reuse"),
        ("partnerships", "0006_partnership_slug_unique"),
        ("municipalities", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
