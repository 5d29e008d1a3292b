"""What an editor must look at before a story is complete."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class StoryReviewFlag(Orderable):
    """Something an editor must look at before the story is complete, e.g. an imported image
    caption that was a file name and so could not become alt text."""

    class Kind(models.TextChoices):
        IMAGE_ALT_TEXT = "image_alt_text", _("Image lacks a usable alt text")
        IMAGE_MISSING = "image_missing", _("Image in the source was not imported")
        TEASER_INCOMPLETE = "teaser_incomplete", _("Teaser is cut off in the source")
        BODY_MISSING = "body_missing", _("The story has no body text yet")
        GOALS_CHECK = "goals_check", _("Goals were assigned editorially: check them")
        OTHER = "other", _("Other")

    page = ParentalKey("stories.StoryPage", on_delete=models.CASCADE, related_name="review_flags")
    kind = models.CharField(_("what to review"), max_length=30, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    panels = [FieldPanel("kind"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("review flag")
        verbose_name_plural = _("review flags")

    def __str__(self):
        return self.get_kind_display()
