"""How published content looks as open data: one definition of a story, a municipality, a goal
and a partner place, used by the API, the exports and the JSON-LD on the pages, so that all three
say the same thing (same URLs, codes, names and dates).

Everything here reads only published content and only public fields: never drafts (a live
page's row holds its published version; drafts live in revisions), review flags, tips, owners or
e-mail addresses.
"""

from .bodies import (
    absolute_urls_in_html,
    body_html,
    body_text,
    html_to_text,
    preload_bodies,
)
from .context import (
    IMAGE_FORMAT,
    IMAGE_WIDTHS,
    Context,
    iso,
    rendition_specs,
)
from .followup import (
    followup_data,
    preload_followup,
    result_data,
    result_text,
)
from .images import (
    image_data,
    story_images,
)
from .partnerships import (
    partnership_data,
    partnerships_for_api,
)
from .places import (
    counties_with_counts,
    county_data,
    goal_data,
    goal_mapping_data,
    goals_with_counts,
    municipalities_with_counts,
    municipality_data,
    partner_place_data,
    partner_places_with_counts,
)
from .references import (
    country_ref,
    county_ref,
    goal_ref,
    municipality_ref,
    partner_place_ref,
)
from .stories import (
    preload,
    preload_relations,
    publication_data,
    published_stories,
    story_core,
    story_data,
    translation_data,
)

__all__ = [
    "IMAGE_FORMAT",
    "IMAGE_WIDTHS",
    "Context",
    "absolute_urls_in_html",
    "body_html",
    "body_text",
    "counties_with_counts",
    "country_ref",
    "county_data",
    "county_ref",
    "followup_data",
    "goal_data",
    "goal_mapping_data",
    "goal_ref",
    "goals_with_counts",
    "html_to_text",
    "image_data",
    "iso",
    "municipalities_with_counts",
    "municipality_data",
    "municipality_ref",
    "partner_place_data",
    "partner_place_ref",
    "partner_places_with_counts",
    "partnership_data",
    "partnerships_for_api",
    "preload",
    "preload_bodies",
    "preload_followup",
    "preload_relations",
    "publication_data",
    "published_stories",
    "rendition_specs",
    "result_data",
    "result_text",
    "story_core",
    "story_data",
    "story_images",
    "translation_data",
]
