"""Pages of a listing, bounded.

A page deep in a long listing is slow to fetch (the database counts past every story before
it: `OFFSET`) and nobody reads page 4 000 of the newest stories; the filters and the search
narrow the list instead. So a listing is paged through its first `MAX_PAGES` pages, and the
pagination says so when there are more stories than that. A municipality's page is the one
listing paged to its end: it is the crawl path to every story (docs/crawling.md), and a
municipality's stories are few enough for its deepest page to stay cheap.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_PAGES = 100


class BoundedPaginator(Paginator):
    """A paginator with at most `MAX_PAGES` pages, unless `bounded` is false."""

    def __init__(self, object_list, per_page, *args, bounded: bool = True, count=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.bounded = bounded
        if count is not None:
            self.__dict__["count"] = count  # known already (a cached count): no COUNT query

    @cached_property
    def num_pages(self):
        pages = super().num_pages
        return min(pages, MAX_PAGES) if self.bounded else pages

    @cached_property
    def shown_count(self) -> int:
        """How many of the listing's items its pages show."""
        return min(self.count, self.num_pages * self.per_page)

    @property
    def is_cut(self) -> bool:
        """Whether the listing has more items than its pages show."""
        return self.shown_count < self.count
