"""What the story editor may choose as the story a work was inspired by (`adapted_from`): not
the story itself, not its own translation, and no story that is already inspired by it,
directly or through others (a cycle would have no original). A translation chosen is taken
as its Swedish story, the one the chains count."""

from django.utils.translation import gettext_lazy as _

from millenniekommunerna.stories.models import StoryPage


def adapted_from_error(story, chosen):
    """The reason `story` cannot be adapted from `chosen` (its Swedish story when `chosen`
    is a translation), or None."""
    if story.pk is None:
        return None  # a new story: nothing can be inspired by it yet
    own = set(
        StoryPage.objects.filter(translation_key=story.translation_key).values_list("pk", flat=True)
    ) | {story.pk}
    if chosen.pk == story.pk:
        return _("A story cannot be inspired by itself.")
    if chosen.pk in own:
        return _("A story cannot be inspired by its own translation.")
    chosen = chosen.original
    # Every link in one query, then up from the chosen story, each story at most once.
    parent = dict(
        StoryPage.objects.filter(adapted_from__isnull=False).values_list("pk", "adapted_from_id")
    )
    seen, current = set(), chosen.pk
    while current is not None and current not in seen:
        if current in own:
            return _(
                "“%(title)s” is already inspired by this story, directly or through other "
                "stories. Choose another story."
            ) % {"title": chosen.title}
        seen.add(current)
        current = parent.get(current)
    return None


def clean_adapted_from(form, cleaned_data) -> None:
    if "adapted_from" not in form.fields:
        return  # a translation: the Swedish story's choice holds
    chosen = cleaned_data.get("adapted_from")
    if chosen is None:
        return
    error = adapted_from_error(form.instance, chosen)
    if error:
        form.add_error("adapted_from", error)
    else:
        cleaned_data["adapted_from"] = chosen.original  # a translation chosen: its story
