from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Municipality


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    menu_label = _("Municipalities")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "code", "county", "is_millennium_municipality"]
    list_filter = ["county", "is_millennium_municipality"]
    search_fields = ["name", "code"]
    # The admin's search box filters these fields in the database: Wagtail's search backend
    # restricted to fields fails on SQLite (its full-text table has no column per field).
    search_backend_name = None
    ordering = ["name"]


register_snippet(MunicipalityViewSet)
