"""What the model learns from: each goal's own description, and the published stories that
editors have tagged with goals.

data/goal_descriptions.csv is written for this project (CC BY 4.0, like the editorial files
under millenniekommunerna/data/): each goal's name and, in plain Swedish, what its UN targets
cover, in the words a municipality's story would use. Editors can add to a goal's vocabulary
without a deploy by writing the introduction of its goal page, which is read as well."""

import csv
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from django.utils.html import strip_tags

from millenniekommunerna.core.text import stream_text
from millenniekommunerna.goals.models import Goal, GoalPage
from millenniekommunerna.municipalities.models import County, Municipality
from millenniekommunerna.partnerships.models import Country, PartnerPlace
from millenniekommunerna.stories.models import StoryPage

from .text import terms

DESCRIPTIONS = Path(__file__).resolve().parent / "data" / "goal_descriptions.csv"


@dataclass(frozen=True)
class Document:
    text: str
    goals: tuple[str, ...]  # goal slugs: sdg-12, mdg-7
    story_id: int | None = None  # None for a goal's description


def story_text(title: str, teaser: str, body_raw) -> str:
    """A story's words: title, teaser and the text of every body block (image ids and block
    types are numbers or single tokens that the terms leave out)."""
    body = stream_text(body_raw)
    return "\n".join(part for part in (title, teaser, body) if part)


def descriptions() -> dict[str, str]:
    with DESCRIPTIONS.open(encoding="utf-8", newline="") as file:
        return {row["goal"]: row["description"] for row in csv.DictReader(file)}


def goal_documents() -> list[Document]:
    """One document per goal: its Swedish name, the description in data/goal_descriptions.csv
    and the introduction editors wrote on its goal page, if any."""
    written = descriptions()
    intros = dict(GoalPage.objects.values_list("goal__slug", "intro"))
    return [
        Document(
            "\n".join(
                part
                for part in (
                    goal.name_sv,
                    written.get(goal.slug, ""),
                    unescape(strip_tags(intros.get(goal.slug) or "")),
                )
                if part
            ),
            (goal.slug,),
        )
        for goal in Goal.objects.order_by("-kind", "number")
    ]


def story_documents(exclude_ids: Iterable[int] = ()) -> list[Document]:
    """The published (Swedish) stories that have at least one goal, except `exclude_ids`."""
    excluded = set(exclude_ids)
    goals: dict[int, list[str]] = defaultdict(list)
    links = StoryPage.goals.through.objects.filter(storypage__live=True).values_list(
        "storypage_id", "goal__slug"
    )
    for story_id, slug in links.order_by("storypage_id", "goal__kind", "goal__number"):
        if story_id not in excluded:
            goals[story_id].append(slug)
    stories = (
        StoryPage.objects.published().order_by("pk").values_list("pk", "title", "teaser", "body")
    )
    return [
        Document(story_text(title, teaser, body.raw_data), tuple(goals[pk]), pk)
        for pk, title, teaser, body in stories.iterator(chunk_size=2000)
        if pk in goals
    ]


def training_documents(exclude_ids: Iterable[int] = ()) -> list[Document]:
    return goal_documents() + story_documents(exclude_ids)


def place_terms() -> frozenset[str]:
    """The terms of the names of municipalities, counties, countries and partner places. A
    story names where it happened, and that says nothing of which goal it serves: without
    this, "Örebros" would speak for the goals Örebro's few stories happen to have. A name that
    is also a word of the goals' descriptions stays a word (Mark, Mora, Ungern: `mark`, `mor`,
    `ung`)."""
    names = [
        *Municipality.objects.values_list("name", flat=True),
        *County.objects.values_list("short_name", flat=True),
        *Country.objects.values_list("name_sv", flat=True),
        *PartnerPlace.objects.values_list("name", flat=True),
    ]
    described = {t for text in descriptions().values() for t in terms(text)}
    return frozenset(t for name in names for t in terms(name) if t not in described)
