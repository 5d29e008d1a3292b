"""The editors' work list: what is left to do on each story (StoryTodo rows), worked out from
the story's latest version — a draft counts, since that is what the editor works on — and
renewed whenever a story or one of its revisions is saved (signals below)."""

from django.db import transaction
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver
from wagtail.images import get_image_model_string
from wagtail.models import Revision

from .models import StoryPage, StoryReviewFlag, StoryTodo

Kind = StoryTodo.Kind

# Which quality problem (by the form field it is shown on) becomes which to-do.
_PROBLEM_KINDS = {
    "teaser": Kind.TEASER_MISSING,
    "goals": Kind.NO_GOAL,
    "hero_image": Kind.IMAGE_ALT_TEXT,
    "body": Kind.IMAGE_ALT_TEXT,
}


def todos_of(story: StoryPage) -> dict[str, tuple[str, bool]]:
    """{kind: (detail, from a review note)} for one version of a story."""
    found: dict[str, tuple[str, bool]] = {}

    def add(kind, detail, from_note):
        if kind in found:
            previous, previous_note = found[kind]
            detail = "; ".join(d for d in (previous, detail) if d)
            from_note = from_note or previous_note
        found[kind] = (str(detail)[:1000], from_note)

    for flag in story.review_flags.all():
        kind = flag.kind if flag.kind in Kind.values else Kind.OTHER
        add(kind, flag.note or StoryReviewFlag.Kind(flag.kind).label, True)
    if not list(story.body or []):
        add(Kind.BODY_MISSING, "", False)
    for problem in story.quality_problems():
        add(_PROBLEM_KINDS.get(problem.field, Kind.OTHER), problem.message, False)
    return found


def latest_version(story: StoryPage) -> StoryPage:
    return story.get_latest_revision_as_object() if story.latest_revision_id else story


def refresh(story: StoryPage) -> None:
    """Renew one story's to-dos from its latest version."""
    wanted = todos_of(latest_version(story))
    with transaction.atomic():
        StoryTodo.objects.filter(story_id=story.pk).delete()
        StoryTodo.objects.bulk_create(
            StoryTodo(story_id=story.pk, kind=kind, detail=detail, from_review_note=from_note)
            for kind, (detail, from_note) in sorted(wanted.items())
        )


def refresh_all(stories=None) -> int:
    """Renew the to-dos of `stories` (every story by default); returns how many were read."""
    stories = StoryPage.objects.all() if stories is None else stories
    count = 0
    for story in stories.select_related("latest_revision").iterator(chunk_size=200):
        refresh(story)
        count += 1
    return count


@receiver(post_save, sender=StoryPage)
def story_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh(instance)


@receiver(post_save, sender=Revision)
def revision_saved(sender, instance, raw=False, **kwargs):
    """A draft saved, submitted or published: the work list follows the latest version."""
    if raw or instance.content_type.model_class() is not StoryPage:
        return
    story = StoryPage.objects.filter(pk=instance.object_id).first()
    if story is not None:
        refresh(story)


@receiver(post_save, sender=get_image_model_string())
def image_saved(sender, instance, raw=False, **kwargs):
    """An alt text mended in the image library mends the stories that show the image as
    their main image. (Images in the body text are found again when their story is next
    saved, or by `manage.py refresh_todos`.)"""
    if not raw:
        refresh_all(StoryPage.objects.filter(hero_image_id=instance.pk))


@receiver(post_migrate)
def fill_after_the_table_is_made(sender, plan=None, **kwargs):
    """The stories stored before the work list existed get their to-dos when the migration
    that makes the table runs. Done here rather than in that migration because it needs the
    current models and quality checks, which a migration must not import."""
    if sender.label != "stories" or not plan:
        return
    made = any(
        migration.app_label == "stories" and migration.name == "0004_story_todos" and not back
        for migration, back in plan
    )
    if made:
        refresh_all()
