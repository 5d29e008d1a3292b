"""`{% story_reuse story %}` on the story page: the story's chain of reuse ("Inspirerad av",
"N kommuner har gjort liknande") and the link to contact its municipality. A tag of this app,
so that the story model knows nothing of the feature."""

from django import template
from django.urls import reverse

from millenniekommunerna.core import derived_cache, locales

from .. import chains

register = template.Library()


@register.inclusion_tag("reuse/story_reuse.html")
def story_reuse(story):
    chain = chains.chain_of(story)

    def listed():
        # Read only when the cached fragment of the template is missing.
        found = chains.stories(chain.other_ids)
        return {
            "inspired_by": next((s for s in found if s.pk == chain.inspired_by_id), None),
            "others": found,
        }

    return {
        "chain": chain,
        "listed": listed,
        "cache_key": f"{derived_cache.generation()}:{story.pk}:{locales.interface_language()}",
        "contact_url": reverse("reuse:contact", args=[story.pk]) if story.live else "",
    }
