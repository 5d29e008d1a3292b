from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "millenniekommunerna.followup"
    label = "followup"
    verbose_name = _("Follow-up of stories")

    def ready(self):
        from . import signals  # noqa: F401
