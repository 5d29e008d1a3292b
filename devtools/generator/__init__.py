"""Realistic made-up stories in bulk, for benchmarks and for trying the site with a lot of data.

`generate_stories(n)` writes `n` published `StoryPage`s under the municipality pages, spread the
way real stories are: a few municipalities write many, most write a few or none. The text is
Swedish, composed from building blocks per topic (matsvinn, biogas, skolutbyte …) so that goals,
partner places and countries agree with what the story is about. Each story also says what
came of the work (`followup`: status, results, lessons learned, contact, last review, an earlier
story it adapted), and the pairs of municipality and partner place make partnerships
(`partnerships`).

Adding a page with `add_child()` costs a handful of queries each, so the pages are written in
batches instead: the tree paths are computed here (treebeard's materialised path, as
`add_child()` would compute them), the `wagtailcore_page` rows are bulk-created, the
`stories_storypage` rows inserted after them, then the goal, place and country rows, the
results, the partnerships and their links, and each parent's `numchild` is brought up to
date. Each batch is one transaction, so an interrupted run leaves a consistent tree, every
story linked to its partnerships. No revisions, search index entries (`update_index` rebuilds
them, or pass `index=True`) or reference index entries (`rebuild_references_index`) are
written, and no signals are sent; the caches derived from all stories (maps, statistics) are
invalidated.

The same seed on the same database gives the same stories.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps

from .composer import StoryComposer, genitive, load_parents, municipality_weights
from .partnerships import PartnershipBook
from .writer import BatchWriter, _index


@dataclass
class GenerationResult:
    created: int
    seconds: float
    seed: int
    story_ids: list[int] = field(default_factory=list, repr=False)

    @property
    def rate(self) -> float:
        return self.created / self.seconds if self.seconds else 0.0


Progress = Callable[[int, int, float], None]


def generate_stories(
    count: int,
    *,
    seed: int | None = None,
    batch_size: int = 1000,
    progress: Progress | None = None,
    index: bool = False,
    keep_ids: bool = False,
) -> GenerationResult:
    """Write `count` published stories. `progress(done, count, seconds)` is called after each
    batch; `index` also adds the stories to the search index (slow); `keep_ids` returns the
    new pages' ids in the result."""
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    # Not for secrets: a seeded generator is the point, the same seed gives the same stories.
    rng = random.Random(seed)  # noqa: S311  # nosec B311  # made-up data, repeatable from a seed
    # What came of the work and the partnerships draw from streams of their own, so a seed's
    # stories read as they did before those were made up, whatever the batch size.
    follow_up = random.Random(f"{seed}-follow-up")  # noqa: S311  # nosec B311  # as above
    partnerships = random.Random(f"{seed}-partnerships")  # noqa: S311  # nosec B311  # as above
    started = time.perf_counter()
    parents = load_parents()
    if not parents:
        raise ValueError("There are no municipality pages: run load_reference_data first.")
    composer = StoryComposer(rng, parents, follow_up)
    writer = BatchWriter(PartnershipBook(partnerships, composer.now.year))
    story_ids = []
    done = 0
    while done < count:
        drafts = [composer.compose() for _ in range(min(batch_size, count - done))]
        ids = writer.write(drafts)
        if index:
            _index(ids)
        if keep_ids:
            story_ids.extend(ids)
        done += len(drafts)
        if progress:
            progress(done, count, time.perf_counter() - started)
    if done:
        _forget_derived_caches()
    return GenerationResult(
        created=done, seconds=time.perf_counter() - started, seed=seed, story_ids=story_ids
    )


def _forget_derived_caches() -> None:
    """The maps and statistics cache what they compute from all stories and are told of new
    ones by page_published, which bulk writes do not send."""
    if apps.is_installed("millenniekommunerna.maps"):
        from millenniekommunerna.core.derived_cache import invalidate

        invalidate()


__all__ = ["GenerationResult", "generate_stories", "genitive", "municipality_weights"]
