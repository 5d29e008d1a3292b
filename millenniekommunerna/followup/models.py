"""What the follow-up remembers: which stories' editors were reminded to review them, and
when, so that no story is in a reminder more than once per review period."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    story = models.ForeignKey(
        "stories.StoryPage",
        on_delete=models.CASCADE,
        related_name="review_reminders",
        verbose_name=_("story"),
    )
    sent_at = models.DateTimeField(_("sent at"), db_index=True)
    recipients = models.TextField(
        _("recipients"), blank=True, help_text=_("The addresses it went to, one a line.")
    )

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        ordering = ["-sent_at"]
        indexes = [models.Index(fields=["story", "-sent_at"], name="followup_reminder_latest")]

    def __str__(self):
        return f"{self.story_id} {self.sent_at:%Y-%m-%d}"
