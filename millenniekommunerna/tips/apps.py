from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TipsConfig(AppConfig):
    name = "millenniekommunerna.tips"
    label = "tips"
    verbose_name = _("Story tips")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from .models import Tip
        from .permissions import TipPermissionPolicy

        register_permission_policy(Tip, TipPermissionPolicy(Tip))
