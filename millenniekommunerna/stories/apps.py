from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "millenniekommunerna.stories"
    label = "stories"
    verbose_name = _("Stories")

    def ready(self):
        from . import invalidation, signals, todo  # noqa: F401
