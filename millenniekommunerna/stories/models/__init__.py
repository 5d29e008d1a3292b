"""The stories: the story page (`story`) and the listing of all stories (`index`)."""

from .index import StoryIndexPage
from .story import (
    TEASER_MAX_LENGTH,
    StoryPage,
    StoryPageManager,
    StoryPageQuerySet,
    StoryReviewFlag,
)

__all__ = [
    "TEASER_MAX_LENGTH",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageManager",
    "StoryPageQuerySet",
    "StoryReviewFlag",
]
