"""The chains of reuse ("Vi gjorde också"). A story whose work took its idea from another
municipality's story points at it (`StoryPage.adapted_from`). Its chain is the root — found by
following those links up — and every story adapted from the root, directly or through another
story. Only published Swedish stories count (`StoryPage.objects.adaptation_links`).

The whole graph is read in one query and kept in the derived-data cache; so is each story's
place in it, so that a story page reads one small cache entry, and the stories it lists in one
more query, however long the chain."""

from collections import deque
from dataclasses import dataclass, field

from django.conf import settings

from millenniekommunerna.core import derived_cache, locales
from millenniekommunerna.stories.models import StoryPage


@dataclass
class Graph:
    parent: dict[int, int] = field(default_factory=dict)  # story id → the story it adapted
    municipality: dict[int, int | None] = field(default_factory=dict)

    def children(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for child, parent in sorted(self.parent.items()):
            found.setdefault(parent, []).append(child)
        return found


@dataclass(frozen=True)
class Chain:
    story_id: int
    root_id: int | None = None
    inspired_by_id: int | None = None
    # The other stories of the chain, the root first, then each generation of adaptations.
    other_ids: tuple[int, ...] = ()
    # Municipalities among the other stories, this story's own not counted.
    municipality_count: int = 0


def build_graph() -> Graph:
    graph = Graph()
    for (
        story_id,
        parent_id,
        municipality_id,
        parent_municipality_id,
    ) in StoryPage.objects.adaptation_links():
        graph.parent[story_id] = parent_id
        graph.municipality[story_id] = municipality_id
        graph.municipality[parent_id] = parent_municipality_id
    return graph


def graph() -> Graph:
    return derived_cache.get_or_build("reuse:graph", build_graph)


def root_of(story_id: int, parent: dict[int, int]) -> int:
    """Follow the links up to the story that was adapted from none; in a cycle (which the
    editor refuses, but a story written straight to the database could make), stop before a
    story is met a second time."""
    seen = {story_id}
    current = story_id
    while current in parent and parent[current] not in seen:
        current = parent[current]
        seen.add(current)
    return current


def descendants(root_id: int, children: dict[int, list[int]]) -> list[int]:
    """The stories adapted from `root_id`, directly or not, generation by generation."""
    found, seen, queue = [], {root_id}, deque([root_id])
    while queue:
        for child in children.get(queue.popleft(), ()):
            if child not in seen:
                seen.add(child)
                found.append(child)
                queue.append(child)
    return found


def chain_in(graph: Graph, story_id: int) -> Chain:
    if story_id not in graph.municipality:
        return Chain(story_id)
    root_id = root_of(story_id, graph.parent)
    members = [root_id, *descendants(root_id, graph.children())]
    others = tuple(member for member in members if member != story_id)
    own = graph.municipality.get(story_id)
    municipalities = {graph.municipality.get(other) for other in others} - {own, None}
    return Chain(
        story_id=story_id,
        root_id=root_id,
        inspired_by_id=graph.parent.get(story_id),
        other_ids=others,
        municipality_count=len(municipalities),
    )


def chain_of(story: StoryPage) -> Chain:
    """The chain of a (Swedish) story, from the cache when it is there."""
    return derived_cache.get_or_build(
        f"reuse:chain:{story.pk}", lambda: chain_in(graph(), story.pk)
    )


def stories(ids) -> list[StoryPage]:
    """The stories of `ids` in that order, with their municipality and, in another interface
    language, their translation's title where there is one. One query."""
    found = StoryPage.objects.published().filter(pk__in=ids).select_related("municipality")
    language = locales.interface_language()
    if language != settings.LANGUAGE_CODE:
        found = found.with_translation(language)
    by_id = {story.pk: story for story in found}
    return [by_id[story_id] for story_id in ids if story_id in by_id]
