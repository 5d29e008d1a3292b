"""Composing one story at a time: which municipality writes it (a few write many), its topic,
goals, partners, years, dates and Swedish text."""

import html
import operator
import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import reduce

from django.db import models
from django.utils import timezone
from wagtail.models import Page

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import Country, PartnerPlace, Partnership

from .followup import (
    AdaptationPool,
    ResultDraft,
    StoryRef,
    contact,
    lessons,
    results,
    reviewed_at,
    work_status,
)
from .followup_vocabulary import PLANNED_SHARE, PLANNED_TEASERS
from .vocabulary import (
    CLOSING_SENTENCES,
    FIRST_NAMES,
    FIRST_WORK_YEAR,
    LAST_MDG_YEAR,
    LAST_NAMES,
    LAST_WORK_YEAR,
    MDG_SENTENCES,
    OTHER_COUNTRY_CODES,
    PARTNER_SENTENCES,
    PUBLISHED_FROM,
    PUBLISHED_UNTIL,
    SDG_SENTENCES,
    SILENT_SHARE,
    TOPICS,
    WORLD_SEED,
    ZIPF_EXPONENT,
    Topic,
)


def genitive(name: str) -> str:
    """Swedish genitive: `Östhammar` → `Östhammars`, but `Kalix` and `Borås` stay as they are."""
    return name if name.endswith(("s", "x", "z")) else f"{name}s"


def municipality_weights(
    municipality_ids: list[int], rng: random.Random, preferred: set[int] = frozenset()
) -> list[float]:
    """How likely each municipality is to have written any one story: Zipf-distributed over a
    shuffled ranking, the `preferred` (Millennium Municipalities) ranked first, and the last
    SILENT_SHARE of the ranking never writing at all."""
    ranking = list(municipality_ids)
    rng.shuffle(ranking)
    ranking.sort(key=lambda pk: pk not in preferred)  # stable: the shuffle decides within
    writing = len(ranking) - int(len(ranking) * SILENT_SHARE)
    rank = {pk: position for position, pk in enumerate(ranking)}
    return [
        1 / (rank[pk] + 1) ** ZIPF_EXPONENT if rank[pk] < writing else 0.0
        for pk in municipality_ids
    ]


@dataclass
class Parent:
    """A municipality page, and what the next story under it needs."""

    page_id: int
    path: str
    depth: int
    url_path: str
    locale_id: int
    municipality_id: int
    municipality_name: str
    organisation: str  # "Östhammars kommun"
    partner_place_ids: list[int]
    last_step: int = 0  # the step of its last child in the materialised path
    slugs: set[str] = field(default_factory=set)


@dataclass
class Draft:
    """One story, composed but not saved."""

    parent: Parent
    title: str
    teaser: str
    body: list[dict]
    goal_ids: list[int]
    place_ids: list[int]
    country_ids: list[int]
    year_start: int | None
    year_end: int | None
    first_published_at: datetime
    last_published_at: datetime
    # What came of it (followup).
    status: str = ""
    lessons_learned: str = ""
    contact_role: str = ""
    contact_organisation: str = ""
    last_reviewed_at: datetime | None = None
    results: list[ResultDraft] = field(default_factory=list)
    ref: StoryRef | None = None
    adapted_from: StoryRef | None = None


class StoryComposer:
    """Makes up stories from the building blocks above, for the municipality pages in the
    database. Everything random comes from seeded generators: `rng` for the story itself,
    `follow_up_rng` for what came of it."""

    def __init__(self, rng: random.Random, parents: list[Parent], follow_up_rng: random.Random):
        self.rng = rng
        self.follow_up_rng = follow_up_rng
        self.goal_ids = dict(Goal.objects.values_list("slug", "pk"))
        self.places = {place.pk: place for place in PartnerPlace.objects.select_related("country")}
        self.other_countries = list(
            Country.objects.filter(code__in=OTHER_COUNTRY_CODES).order_by("code")
        )
        self.topics = list(TOPICS)
        self.topic_weights = [topic.weight for topic in TOPICS]
        self.now = min(timezone.now(), PUBLISHED_UNTIL)
        millennium_ids = _millennium_municipality_ids()
        millennium = {p.page_id for p in parents if p.municipality_id in millennium_ids}
        world = random.Random(WORLD_SEED)  # noqa: S311  # nosec B311  # made-up data, repeatable from a seed
        weights = municipality_weights([p.page_id for p in parents], world, preferred=millennium)
        self.writing_parents = [p for p, w in zip(parents, weights, strict=True) if w]
        self.cumulative_weights = _cumulative([w for w in weights if w])
        self.adaptations = AdaptationPool(follow_up_rng)

    def compose(self) -> Draft:
        rng = self.rng
        parent = rng.choices(self.writing_parents, cum_weights=self.cumulative_weights)[0]
        topic = rng.choices(self.topics, weights=self.topic_weights)[0]

        first_published_at = PUBLISHED_FROM + timedelta(
            seconds=rng.uniform(0, (self.now - PUBLISHED_FROM).total_seconds())
        )
        last_published_at = first_published_at
        if rng.random() < 0.3:
            last_published_at = min(
                self.now, first_published_at + timedelta(days=rng.uniform(1, 700))
            )
        published_year = first_published_at.year
        year_start = year_end = None
        if rng.random() < 0.9:
            year_start = max(FIRST_WORK_YEAR, published_year - int(rng.expovariate(0.5)))
            if rng.random() < 0.5:
                year_end = rng.randint(year_start, min(published_year, LAST_WORK_YEAR))

        places = self.pick_places(parent, topic)
        countries = list({self.places[pk].country: None for pk in places})
        if rng.random() < (0.15 if places else topic.partner_share / 3):
            other = rng.choice(self.other_countries) if self.other_countries else None
            if other and other not in countries:
                countries.append(other)

        words = self.words(parent, places, countries, year_start or published_year)
        mdg_era = published_year <= LAST_MDG_YEAR
        partner_titles = topic.partner_titles if countries else ()
        use_partner = bool(partner_titles) and rng.random() < 0.7
        title = rng.choice(partner_titles if use_partner else topic.titles).format(**words)
        teasers = topic.partner_teasers if use_partner else topic.teasers
        teaser = rng.choice(teasers).format(**words)
        draft = Draft(
            parent=parent,
            title=title,
            teaser=teaser,
            body=self.body(topic, words, partner=bool(countries), mdg_era=mdg_era),
            goal_ids=self.pick_goals(topic, partner=bool(countries), mdg_era=mdg_era),
            place_ids=places,
            country_ids=[country.pk for country in countries],
            year_start=year_start,
            year_end=year_end,
            first_published_at=first_published_at,
            last_published_at=last_published_at,
        )
        self.follow_up(draft, topic, words, partner=bool(countries))
        return draft

    def follow_up(self, draft: Draft, topic: Topic, words: dict, *, partner: bool) -> None:
        """Status, results, lessons, contact, last review and adaptation, agreeing with the
        story's years and with each other. From a random stream of its own (generate_stories)."""
        rng = self.follow_up_rng
        this_year = self.now.year
        recent = draft.first_published_at > self.now - timedelta(days=365)
        if draft.year_end is None and recent and rng.random() < PLANNED_SHARE:
            draft.year_start = this_year + rng.choice((1, 1, 2))
            draft.teaser = rng.choice(PLANNED_TEASERS).format(
                **{**words, "start": draft.year_start}
            )
        draft.status = work_status(rng, draft.year_start, draft.year_end, this_year)
        draft.last_reviewed_at = reviewed_at(rng, draft.last_published_at, self.now)
        last_year = min(draft.year_end or this_year, draft.last_reviewed_at.year)
        draft.results = results(rng, topic.key, draft.year_start, last_year)
        parent = draft.parent
        draft.adapted_from = self.adaptations.pick(
            topic.key, parent.municipality_id, draft.first_published_at
        )
        draft.lessons_learned = lessons(
            rng,
            words,
            status=draft.status,
            setback=any(result.setback for result in draft.results),
            partner=partner,
            adapted=draft.adapted_from,
        )
        draft.contact_role, draft.contact_organisation = contact(
            rng, topic.key, parent.organisation, partner=partner
        )
        draft.ref = StoryRef(
            parent.municipality_id, parent.municipality_name, draft.first_published_at
        )
        self.adaptations.add(topic.key, draft.ref)

    def pick_places(self, parent: Parent, topic: Topic) -> list[int]:
        rng = self.rng
        if not parent.partner_place_ids or rng.random() >= topic.partner_share:
            return []
        count = 2 if len(parent.partner_place_ids) > 1 and rng.random() < 0.15 else 1
        return rng.sample(parent.partner_place_ids, count)

    def pick_goals(self, topic: Topic, *, partner: bool, mdg_era: bool) -> list[int]:
        """1–4 goals that fit the topic: Millennium goals for stories from their time,
        Sustainable Development Goals after 2015, now and then both."""
        rng = self.rng
        main = [f"mdg-{n}" for n in topic.mdgs] if mdg_era else [f"sdg-{n}" for n in topic.sdgs]
        other = [f"sdg-{n}" for n in topic.sdgs] if mdg_era else [f"mdg-{n}" for n in topic.mdgs]
        if partner:
            main.append("mdg-8" if mdg_era else "sdg-17")
        wanted = rng.choices((1, 2, 3, 4), weights=(3, 4, 3, 1))[0]
        slugs = [main[0], *rng.sample(main[1:], min(wanted - 1, len(main) - 1))]
        if len(slugs) < 4 and rng.random() < (0.4 if mdg_era else 0.15):
            slugs.append(rng.choice(other))
        return [self.goal_ids[slug] for slug in dict.fromkeys(slugs) if slug in self.goal_ids]

    def words(self, parent, places, countries, start_year) -> dict[str, object]:
        rng = self.rng
        if places:
            place = self.places[places[0]]
            partner, partner_in_country = place.name, f"{place.name} i {place.country.name_sv}"
        elif countries:
            partner = partner_in_country = countries[0].name_sv
        else:
            partner = partner_in_country = ""
        return {
            "kommun": parent.municipality_name,
            "kommuns": genitive(parent.municipality_name),
            "partner": partner,
            "partners": genitive(partner),
            "partner_i_land": partner_in_country,
            "start": start_year,
            "tal": rng.randint(3, 40),
            "procent": rng.randint(10, 70),
            "ton": rng.randint(3, 60),
            "antal": rng.choice((120, 250, 400, 800, 1200, 2500, 3200, 5000)),
        }

    def body(self, topic: Topic, words: dict, *, partner: bool, mdg_era: bool) -> list[dict]:
        """1–4 paragraphs, in the order such stories are told: what was done, what someone
        involved says, the partnership, how it fits the goals, what comes next."""
        rng = self.rng
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        quote = f"– {rng.choice(topic.quotes)}, säger {name}, {rng.choice(topic.roles)}."
        done = rng.sample(topic.sentences, min(len(topic.sentences), rng.randint(2, 4)))
        parts = [
            done[:2],
            [*done[2:], quote],
            rng.sample(PARTNER_SENTENCES, 2) if partner else [],
            [
                rng.choice(MDG_SENTENCES if mdg_era else SDG_SENTENCES),
                rng.choice(CLOSING_SENTENCES),
            ],
        ]
        parts = [part for part in parts if part]
        wanted = rng.choices((1, 2, 3, 4), weights=(2, 4, 3, 2))[0]
        while len(parts) > wanted:  # merge the shortest neighbours until few enough
            i = min(range(len(parts) - 1), key=lambda i: len(parts[i]) + len(parts[i + 1]))
            parts[i : i + 2] = [parts[i] + parts[i + 1]]
        return [
            {
                "type": "paragraph",
                "value": "<p>" + html.escape(" ".join(part).format(**words), quote=False) + "</p>",
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
            for part in parts
        ]


def _cumulative(weights: list[float]) -> list[float]:
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def _millennium_municipality_ids() -> set[int]:
    return set(Municipality.objects.millennium().values_list("pk", flat=True))


def load_parents() -> list[Parent]:
    """The municipality pages, each with the last step used below it, the slugs taken, and
    the partner places its stories may name (its partnerships, else one or two made up)."""
    rng = random.Random(WORLD_SEED)  # noqa: S311  # nosec B311  # made-up data, repeatable from a seed
    pages = list(
        MunicipalityPage.objects.select_related("municipality").order_by("municipality__code")
    )
    if not pages:
        return []
    partnerships = defaultdict(list)
    for municipality_id, place_id in Partnership.objects.order_by("pk").values_list(
        "municipality_id", "partner_place_id"
    ):
        partnerships[municipality_id].append(place_id)
    place_ids = list(PartnerPlace.objects.order_by("pk").values_list("pk", flat=True))

    parents = {}
    for page in pages:
        partner_place_ids = partnerships.get(page.municipality_id) or (
            rng.sample(place_ids, min(len(place_ids), rng.choice((1, 1, 2)))) if place_ids else []
        )
        parents[page.path] = Parent(
            page_id=page.pk,
            path=page.path,
            depth=page.depth,
            url_path=page.url_path,
            locale_id=page.locale_id,
            municipality_id=page.municipality_id,
            municipality_name=page.municipality.name,
            organisation=page.municipality.official_name or f"{page.municipality.name} kommun",
            partner_place_ids=partner_place_ids,
        )

    # Every existing child, whatever its type: their paths and slugs are taken. The municipality
    # pages share one parent (the municipality index), so this is one range scan of the tree.
    steplen = Page.steplen
    scopes = sorted({(path[:-steplen], parent.depth + 1) for path, parent in parents.items()})
    children = Page.objects.filter(
        reduce(operator.or_, (models.Q(path__startswith=p, depth=d) for p, d in scopes))
    )
    for path, slug in children.values_list("path", "slug").iterator(chunk_size=10_000):
        parent = parents.get(path[:-steplen])
        if parent is not None:
            parent.last_step = max(parent.last_step, Page._str2int(path[-steplen:]))
            parent.slugs.add(slug)
    return list(parents.values())
