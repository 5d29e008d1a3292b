from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationsConfig(AppConfig):
    name = "millenniekommunerna.collaborations"
    label = "collaborations"
    verbose_name = _("Partnership pages")
