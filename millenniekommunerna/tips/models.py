from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

TITLE_MAX_LENGTH = 120
TEXT_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 100
IMAGE_DESCRIPTION_MAX_LENGTH = 250


def retention_days() -> int:
    return int(getattr(settings, "TIPS_RETENTION_DAYS", 180))


class TipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The tips of the municipalities whose pages `user` may edit (all of them for a
        national editor)."""
        from millenniekommunerna.municipalities.permissions import municipality_ids_editable_by

        return self.filter(municipality_id__in=municipality_ids_editable_by(user))

    def expired(self, now=None):
        return self.filter(
            created_at__lt=(now or timezone.now()) - timedelta(days=retention_days())
        )


class Tip(models.Model):
    """A visitor's suggestion of a story, waiting for the editors. It holds personal data (name
    and email), so it is shown only to the editors concerned, never on the site or in any
    API, and it is deleted after TIPS_RETENTION_DAYS by `manage.py purge_tips`.

    The image, already checked and re-encoded without metadata, is kept in the row itself
    rather than in Wagtail's image library or MEDIA_ROOT: it is not public until an editor
    makes a story of it, and deleting the tip deletes the image with it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("Being looked into")
        CONVERTED = "converted", _("Turned into a story")
        DECLINED = "declined", _("Declined")

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.PROTECT,
        related_name="tips",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("email"))
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    image_data = models.BinaryField(_("image"), null=True, blank=True, editable=False)
    image_content_type = models.CharField(max_length=20, blank=True, editable=False)
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_description = models.CharField(
        _("what the image shows"), max_length=IMAGE_DESCRIPTION_MAX_LENGTH, blank=True
    )
    consent = models.BooleanField(_("may be contacted"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    editor_note = models.TextField(
        _("note for the editors"),
        max_length=2000,
        blank=True,
        help_text=_("Seen only by the editors, e.g. whom you have contacted."),
    )
    story = models.ForeignKey(
        "stories.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("story"),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)

    objects = TipQuerySet.as_manager()

    panels = [
        FieldPanel("municipality", read_only=True),
        FieldPanel("title", read_only=True),
        FieldPanel("text", read_only=True),
        FieldPanel("status"),
        FieldPanel("editor_note"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def __str__(self):
        # Never the title or the sender: this label is copied into the audit log, which
        # outlives the tip.
        return _("Tip no. %(number)s") % {"number": self.pk}

    @property
    def has_image(self) -> bool:
        return bool(self.image_content_type)

    @property
    def delete_after(self):
        return self.created_at + timedelta(days=retention_days())
