from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Goal, GoalMapping


class GoalViewSet(SnippetViewSet):
    model = Goal
    icon = "pick"
    list_display = ["slug", "name_sv", "name_en", "colour"]
    list_filter = ["kind"]
    search_fields = ["name_sv", "name_en"]
    # The admin's search box filters these fields in the database: Wagtail's search backend
    # restricted to fields fails on SQLite (its full-text table has no column per field).
    search_backend_name = None


class GoalMappingViewSet(SnippetViewSet):
    model = GoalMapping
    icon = "arrow-right"
    list_display = ["mdg", "sdg", "note"]


class GoalsGroup(SnippetViewSetGroup):
    items = (GoalViewSet, GoalMappingViewSet)
    menu_icon = "pick"
    menu_label = _("Goals")
    menu_order = 220


register_snippet(GoalsGroup)
