"""Finding stories: the story listing (`/berattelser/`) and search (`/sok/`) share it.

- `params`: the URL parameters and their limits;
- `selection`: what a visitor chose, read from the query string and checked, and its URLs;
- `finder`: the stories that match a selection, in order, counted and paged;
- `facets`: the facet counts for a selection;
- `presentation`: facets and chosen filters as the templates show them."""

from .finder import StoryFinder
from .selection import Selection

__all__ = ["Selection", "StoryFinder"]
