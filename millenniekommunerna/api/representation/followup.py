"""What came of a story's work, as open data: its status, measured results, lessons learned,
whom to ask (a role and an organisation, never an address), when it was last reviewed, the
stories it was adapted from and by, and its partnerships. `preload_followup` reads all of it
for a batch of stories in a fixed number of queries."""

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from .context import iso

PARTNERSHIP_PATH = "/samarbeten/{slug}/"


def preload_followup(stories):
    """Results, partnerships and adapted stories of many stories: three queries at most,
    however many stories."""
    from millenniekommunerna.stories.models import StoryPage, StoryResult

    by_id = {story.pk: story for story in stories}
    for story in stories:
        story.api_results, story.api_partnership_slugs, story.api_adapted_by = [], [], []
    if not by_id:
        return
    for result in StoryResult.objects.filter(page_id__in=by_id).order_by("sort_order", "pk"):
        by_id[result.page_id].api_results.append(result)
    rows = (
        StoryPage.partnerships.through.objects.filter(storypage_id__in=by_id)
        .order_by("partnership__slug")
        .values_list("storypage_id", "partnership__slug")
    )
    for story_id, slug in rows:
        by_id[story_id].api_partnership_slugs.append(slug)
    # Stories adapted from one another: only published ones that anyone may read are named.
    sources = {story.adapted_from_id for story in stories if story.adapted_from_id}
    linked = (
        StoryPage.objects.published()
        .public()
        .filter(Q(pk__in=sources) | Q(adapted_from_id__in=by_id))
        .only("title", "url_path", "live", "adapted_from_id")
        .order_by("title", "pk")
    )
    found = {}
    for other in linked:
        found[other.pk] = other
        if other.adapted_from_id in by_id:
            by_id[other.adapted_from_id].api_adapted_by.append(other)
    for story in stories:
        story.api_adapted_from = found.get(story.adapted_from_id)


def story_ref(story, context):
    return {"id": story.pk, "title": story.title, "url": context.page_url(story)}


def result_data(result):
    return {
        "indicator": result.indicator,
        "unit": result.unit,
        "baseline_value": float(result.baseline_value),
        "baseline_year": result.baseline_year,
        "latest_value": float(result.latest_value),
        "latest_year": result.latest_year,
        "source": result.source,
    }


def result_text(result) -> str:
    """A result as a line of text in the site's language, as its story page shows it:
    "Matsvinn per elev och dag, g: 62 (2011) → 38,5 (2014), källa: kostenheten"."""
    from millenniekommunerna.stories import results_display

    with translation.override(settings.LANGUAGE_CODE):
        text = result.indicator + (f", {result.unit}" if result.unit else "")
        text += (
            f": {results_display.number(result.baseline_value)} ({result.baseline_year})"
            f" → {results_display.number(result.latest_value)} ({result.latest_year})"
        )
        if result.source:
            text += f", {_('source')}: {result.source}"
    return text


def followup_data(story, context):
    # Imported here as the other story models are: this module loads before the models.
    from millenniekommunerna.stories import results_display
    from millenniekommunerna.stories.models import review_state

    state = review_state.state_of(story.last_reviewed_at)
    role, organisation = story.contact_role.strip(), story.contact_organisation.strip()
    adapted_from = story.api_adapted_from
    return {
        "status": story.status or None,
        "results": [result_data(result) for result in story.api_results],
        "lessons_learned": story.lessons_learned,
        "contact": {
            # Refused by the editor's form; never published should one come in another way.
            "role": "" if results_display.holds_address(role) else role,
            "organisation": "" if results_display.holds_address(organisation) else organisation,
        },
        "last_reviewed_at": iso(story.last_reviewed_at),
        "review_state": str(state),
        "out_of_date": state == review_state.ReviewState.OUT_OF_DATE,
        "adapted_from": story_ref(adapted_from, context) if adapted_from else None,
        "adapted_by": [story_ref(other, context) for other in story.api_adapted_by],
        "partnerships": [
            {"slug": slug, "url": context.absolute(PARTNERSHIP_PATH.format(slug=slug))}
            for slug in story.api_partnership_slugs
        ],
    }
