"""What an editor must still do on each story, kept as rows so the work list can be filtered,
counted and exported in the database (stories.todo keeps them up to date)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .review_flags import StoryReviewFlag


class StoryTodo(models.Model):
    """One thing to do on a story's latest version: an open review note, or a quality problem
    that stops it from going for review (stories.quality)."""

    class Kind(models.TextChoices):
        BODY_MISSING = StoryReviewFlag.Kind.BODY_MISSING.value, _("No body text")
        TEASER_INCOMPLETE = StoryReviewFlag.Kind.TEASER_INCOMPLETE.value, _("Teaser cut off")
        TEASER_MISSING = "teaser_missing", _("No teaser")
        IMAGE_ALT_TEXT = StoryReviewFlag.Kind.IMAGE_ALT_TEXT.value, _("Image without alt text")
        IMAGE_MISSING = StoryReviewFlag.Kind.IMAGE_MISSING.value, _("Image not imported")
        NO_GOAL = "no_goal", _("No goal")
        GOALS_CHECK = StoryReviewFlag.Kind.GOALS_CHECK.value, _("Goals to check")
        OTHER = StoryReviewFlag.Kind.OTHER.value, _("Other review note")

    story = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="todos")
    kind = models.CharField(_("what to do"), max_length=30, choices=Kind.choices)
    detail = models.CharField(_("detail"), max_length=1000, blank=True)
    from_review_note = models.BooleanField(
        _("from a review note"),
        default=False,
        help_text=_(
            "Set when an editor or the importer wrote it down; otherwise found by "
            "the quality checks."
        ),
    )

    class Meta:
        verbose_name = _("to-do")
        verbose_name_plural = _("to-dos")
        ordering = ["story_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["story", "kind"], name="story_todo_unique_kind")
        ]
        indexes = [models.Index(fields=["kind", "story"], name="story_todo_kind")]

    def __str__(self):
        return self.get_kind_display()
