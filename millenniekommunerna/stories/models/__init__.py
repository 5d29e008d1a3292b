"""The stories: the story page (`story`), its querysets (`querysets`), what the work led to
(`results`), the notes on what an editor must still look at (`review_flags`), what is left to
do on each (`todo`) and the listing of all stories (`index`)."""

from .index import StoryIndexPage
from .querysets import StoryPageManager, StoryPageQuerySet
from .results import StoryResult
from .review_flags import StoryReviewFlag
from .story import TEASER_MAX_LENGTH, StoryPage
from .todo import StoryTodo

__all__ = [
    "TEASER_MAX_LENGTH",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageManager",
    "StoryPageQuerySet",
    "StoryResult",
    "StoryReviewFlag",
    "StoryTodo",
]
