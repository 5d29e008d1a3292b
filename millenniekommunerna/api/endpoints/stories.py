"""`/stories` and `/stories/{id}`: published stories, filtered and in pages."""

import math
from typing import Literal

from django.http import HttpResponse
from ninja import Path, Query, Router
from ninja.errors import HttpError

from millenniekommunerna.core import derived_cache

from .. import filters, representation, schemas
from ..service import (
    ERRORS,
    ID_MAX,
    PAGE_MAX,
    PAGE_SIZE_DEFAULT,
    PAGE_SIZE_MAX,
    CountryCode,
    CountyCode,
    GoalCode,
    MunicipalityCode,
    Year,
    data_last_modified,
    page_url,
    refuse_unknown_parameters,
    set_last_modified,
)

router = Router()


STORY_PARAMETERS = (
    "municipality",
    "county",
    "goal",
    "country",
    "year",
    "updated_since",
    "review_state",
    "q",
    "page",
    "page_size",
)


@router.get(
    "/stories",
    response={200: schemas.StoryPage, **ERRORS},
    tags=["stories"],
    summary="Published stories, newest first, filtered and in pages",
)
def list_stories(
    request,
    response: HttpResponse,
    municipality: list[MunicipalityCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="SCB municipality code (repeatable): `1781`."
    ),
    county: list[CountyCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="SCB county code (repeatable): `17`."
    ),
    goal: list[GoalCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None, description="Goal code (repeatable): `sdg-12`, `mdg-7`."
    ),
    country: list[CountryCode] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None,
        description="ISO 3166-1 alpha-2 code (repeatable): `KE`. Matches stories with a "
        "partner place in the country or that name the country.",
    ),
    year: list[Year] | None = Query(  # noqa: B008 (Ninja declares parameters so)
        None,
        description="Year the work went on (repeatable): between its start and end years; work "
        "without an end year is still going on; a story without years counts in the years it "
        "was published (`published`: at its source when it has one, a day, a year or a "
        "period; an unknown date matches no year).",
    ),
    updated_since: str | None = Query(
        None,
        max_length=40,
        description="Only stories published or updated at or after this ISO 8601 date "
        "(`2024-05-01`, midnight Swedish time) or date and time (`2024-05-01T12:00:00Z`).",
    ),
    review_state: Literal["current", "due", "out_of_date"] | None = Query(
        None,
        description="Whether an editor has confirmed the story lately: `current` (published "
        "or confirmed within 12 months), `due` (12 to 24 months ago: due for review) or "
        "`out_of_date` (over 24 months ago, or never; shown as such on the site).",
    ),
    q: str | None = Query(
        None,
        max_length=filters.Q_MAX_LENGTH,
        description="Search words, as in the site's search (title, teaser, text, places, goals).",
    ),
    page: int = Query(1, ge=1, le=PAGE_MAX, description="Page number, from 1."),
    page_size: int = Query(
        PAGE_SIZE_DEFAULT, ge=1, le=PAGE_SIZE_MAX, description="Stories per page."
    ),
):
    refuse_unknown_parameters(request, STORY_PARAMETERS)
    wanted = filters.StoryFilters(
        municipality=municipality or [],
        county=county or [],
        goal=goal or [],
        country=country or [],
        year=year or [],
        updated_since=updated_since,
        review_state=review_state,
        q=q,
    )
    queryset = filters.apply(representation.published_stories(), wanted)
    # The number of stories a filter matches changes only on publication: kept with the data
    # derived from the published stories (a COUNT over every story, otherwise).
    count = derived_cache.get_or_build(f"api:story-count:{wanted.cache_key()}", queryset.count)
    pages = max(1, math.ceil(count / page_size))
    if page > pages:
        raise HttpError(404, f"There is no page {page}: there are {pages} pages of {page_size}.")
    stories = list(queryset[(page - 1) * page_size : page * page_size])
    representation.preload(stories)
    context = representation.Context.for_request(request)
    modified = data_last_modified()
    if review_state:
        # Which stories are in a review state changes with the day, not only with the data.
        from millenniekommunerna.stories.models.review_state import start_of_day

        modified = max(filter(None, (modified, start_of_day())))
    set_last_modified(response, modified)
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": pages,
        "next": page_url(request, page + 1) if page < pages else None,
        "previous": page_url(request, page - 1) if page > 1 else None,
        "results": [representation.story_data(story, context) for story in stories],
    }


@router.get(
    "/stories/{story_id}",
    response={200: schemas.Story, **ERRORS},
    tags=["stories"],
    summary="One published story",
)
def get_story(
    request,
    response: HttpResponse,
    story_id: int = Path(..., ge=1, le=ID_MAX, description="The story's `id`."),
):
    refuse_unknown_parameters(request, ())
    story = representation.published_stories().filter(pk=story_id).first()
    if story is None:
        raise HttpError(404, f"There is no published story with id {story_id}.")
    representation.preload([story])
    set_last_modified(response, story.last_published_at)
    return representation.story_data(story, representation.Context.for_request(request))
