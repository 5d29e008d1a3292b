"""Writing composed stories in bulk: tree paths computed here, page rows bulk-created, the
rows that hang on them inserted with one statement per table, one transaction per batch."""

import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from wagtail.models import Page

from millenniekommunerna.core.text import fold_slug
from millenniekommunerna.stories.models import StoryPage, StoryResult
from millenniekommunerna.stories.provenance import local_date

from .composer import Draft, Parent
from .partnerships import PartnershipBook
from .rows import insert_rows
from .vocabulary import SLUG_MAX_LENGTH


class SlugAllocator:
    """Slugs from titles, unique among their siblings: `matsvinn-i-kalix`, then
    `matsvinn-i-kalix-2` and so on."""

    def __init__(self):
        self.next_suffix: dict[tuple[int, str], int] = {}

    def allocate(self, parent: Parent, title: str) -> str:
        base = fold_slug(title)[:SLUG_MAX_LENGTH].rstrip("-") or "berattelse"
        slug, key = base, (parent.page_id, base)
        suffix = self.next_suffix.get(key, 2)
        while slug in parent.slugs:
            slug = f"{base}-{suffix}"
            suffix += 1
        self.next_suffix[key] = suffix
        parent.slugs.add(slug)
        return slug


class BatchWriter:
    """Writes drafts as pages: tree rows, story rows, relations, results, partnerships,
    parents' child counts."""

    def __init__(self, partnerships: PartnershipBook):
        self.partnerships = partnerships
        self.content_type = ContentType.objects.get_for_model(StoryPage)
        self.slugs = SlugAllocator()
        self.relations = [
            (StoryPage.goals.through, "goal_id", "goal_ids"),
            (StoryPage.partner_places.through, "partnerplace_id", "place_ids"),
            (StoryPage.countries.through, "country_id", "country_ids"),
        ]

    def page(self, draft: Draft) -> Page:
        parent = draft.parent
        parent.last_step += 1
        slug = self.slugs.allocate(parent, draft.title)
        return Page(
            path=Page._get_path(parent.path, parent.depth + 1, parent.last_step),
            depth=parent.depth + 1,
            numchild=0,
            translation_key=uuid.uuid4(),
            locale_id=parent.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=draft.first_published_at,
            last_published_at=draft.last_published_at,
            title=draft.title,
            draft_title=draft.title,
            slug=slug,
            content_type=self.content_type,
            url_path=f"{parent.url_path}{slug}/",
            show_in_menus=False,
        )

    @transaction.atomic
    def write(self, drafts: list[Draft]) -> list[int]:
        pages = Page.objects.bulk_create([self.page(draft) for draft in drafts])
        for page, draft in zip(pages, drafts, strict=True):
            draft.ref.page_id = page.pk  # before the rows: a story may adapt one in its batch
        insert_rows(
            StoryPage,
            (
                {
                    "page_ptr_id": page.pk,
                    "teaser": draft.teaser,
                    "body": draft.body,
                    "municipality_id": draft.parent.municipality_id,
                    "year_start": draft.year_start,
                    "year_end": draft.year_end,
                    # Made-up stories are "written here": published the day they say.
                    "published_on": local_date(draft.first_published_at),
                    "published_period": str(local_date(draft.first_published_at).year),
                    "status": draft.status,
                    "lessons_learned": draft.lessons_learned,
                    "contact_role": draft.contact_role,
                    "contact_organisation": draft.contact_organisation,
                    "last_reviewed_at": draft.last_reviewed_at,
                    "adapted_from_id": draft.adapted_from.page_id if draft.adapted_from else None,
                }
                for page, draft in zip(pages, drafts, strict=True)
            ),
        )
        for through, column, attribute in self.relations:
            insert_rows(
                through,
                (
                    {"storypage_id": page.pk, column: related_id}
                    for page, draft in zip(pages, drafts, strict=True)
                    for related_id in getattr(draft, attribute)
                ),
            )
        insert_rows(
            StoryResult,
            (
                {"page_id": page.pk, "sort_order": order, **result.fields()}
                for page, draft in zip(pages, drafts, strict=True)
                for order, result in enumerate(draft.results)
            ),
        )
        ids = [page.pk for page in pages]
        self.partnerships.write(drafts, ids)
        self.count_children(drafts)
        return ids

    def count_children(self, drafts: list[Draft]) -> None:
        added = defaultdict(int)
        for draft in drafts:
            added[draft.parent.page_id] += 1
        Page.objects.filter(pk__in=added).update(
            numchild=models.F("numchild")
            + models.Case(
                *(models.When(pk=pk, then=models.Value(n)) for pk, n in added.items()),
                default=models.Value(0),
            )
        )


def _index(page_ids: list[int]) -> None:
    from wagtail.search.backends import get_search_backends

    stories = list(StoryPage.get_indexed_objects().filter(pk__in=page_ids))
    for backend in get_search_backends(with_auto_update=False):
        backend.add_bulk(StoryPage, stories)
