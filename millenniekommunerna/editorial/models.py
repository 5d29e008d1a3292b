from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupApprovalTask

from millenniekommunerna.stories.models import StoryPage


class MunicipalityEditorGroup(models.Model):
    """The Wagtail group of one municipality's editors and the image collection they upload
    into. Created on demand by `create_editor`; the group's page permissions sit on the
    municipality's page, so they follow the page tree."""

    municipality = models.OneToOneField(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="editor_group",
        verbose_name=_("municipality"),
    )
    group = models.OneToOneField(
        Group,
        on_delete=models.CASCADE,
        related_name="municipality_editors",
        verbose_name=_("group"),
    )
    collection = models.OneToOneField(
        Collection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image collection"),
    )

    class Meta:
        verbose_name = _("municipality editor group")
        verbose_name_plural = _("municipality editor groups")

    def __str__(self):
        return self.group.name


class NationalReviewTask(GroupApprovalTask):
    """Wagtail's group approval, except that a story failing the quality checks (alt text,
    teaser, goals) cannot be approved — and so published — from anywhere, including the
    dashboard's approve button that never shows the editor's form. Reviewers can still
    request changes."""

    class Meta:
        verbose_name = _("national review task")
        verbose_name_plural = _("national review tasks")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and _latest_version_has_problems(obj):
            actions = [action for action in actions if action[0] != "approve"]
        return actions

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups approve; stories that fail the quality checks "
            "cannot be approved."
        )


def story_problems(page) -> list:
    """The quality problems of a saved story or of one of its revisions; nothing for other
    page types."""
    return page.quality_problems() if isinstance(page, StoryPage) else []


def _latest_version_has_problems(obj) -> bool:
    cached = getattr(obj, "_editorial_quality_problems", None)
    if cached is None:
        specific = getattr(obj, "specific", obj)
        latest = (
            specific.get_latest_revision_as_object()
            if hasattr(specific, "latest_revision")
            else specific
        )
        cached = story_problems(latest)
        obj._editorial_quality_problems = cached
    return bool(cached)
