from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PartnerPlace, Partnership


class PartnerPlaceViewSet(SnippetViewSet):
    model = PartnerPlace
    icon = "globe"
    list_display = ["name", "country", "kind"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "aliases"]
    # The admin's search box filters these fields in the database: Wagtail's search backend
    # restricted to fields fails on SQLite (its full-text table has no column per field).
    search_backend_name = None


class PartnershipViewSet(SnippetViewSet):
    model = Partnership
    icon = "link"
    list_display = ["municipality", "partner_place", "start_year"]
    list_filter = ["partner_place__country"]


class PartnershipsGroup(SnippetViewSetGroup):
    items = (PartnerPlaceViewSet, PartnershipViewSet)
    menu_icon = "globe"
    menu_label = _("Partnerships")
    menu_order = 230


register_snippet(PartnershipsGroup)
