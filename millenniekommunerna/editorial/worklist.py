"""The editors' work list ("Att åtgärda"): the stories with open review notes or quality
problems (stories.todo keeps them as StoryTodo rows), as a Wagtail report — filterable and
exportable like the admin's other reports — and as a dashboard panel. Each editor sees the
stories they may edit: a municipality editor their municipality's, a national editor all."""

import datetime

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, WorkflowState
from wagtail.permissions import policy_registry

from millenniekommunerna.core import public_url
from millenniekommunerna.municipalities.models import Municipality, MunicipalityPage
from millenniekommunerna.municipalities.permissions import municipality_ids_editable_by
from millenniekommunerna.stories.models import StoryPage, StoryTodo


def editable_stories(user):
    """The stories `user` may edit (change or publish), by the page permissions."""
    if user.is_superuser:
        return StoryPage.objects.all()
    pages = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    return StoryPage.objects.filter(pk__in=pages.values("pk"))


def stories_to_do(user):
    """The user's stories with something left to do, newest work first."""
    todos = StoryTodo.objects.filter(story=OuterRef("pk"))
    return (
        editable_stories(user)
        .filter(Exists(todos))
        .select_related("municipality", "latest_revision")
        .prefetch_workflow_states()
        .prefetch_related(Prefetch("todos", queryset=StoryTodo.objects.order_by("kind")))
        .order_by("-latest_revision_created_at", "-pk")
    )


def counts_by_kind(stories) -> list[tuple[str, str, int]]:
    """[(kind, label, number of stories)] for the kinds that occur, in the order of Kind."""
    counted = dict(
        StoryTodo.objects.filter(story__in=stories.values("pk"))
        .values_list("kind")
        .annotate(n=Count("story", distinct=True))
        .values_list("kind", "n")
    )
    return [
        (kind, label, counted[kind]) for kind, label in StoryTodo.Kind.choices if kind in counted
    ]


def municipalities_of(user):
    """The municipalities whose stories the user edits (by the page tree)."""
    return Municipality.objects.filter(pk__in=municipality_ids_editable_by(user)).order_by("name")


class WorkListFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("What to do"),
        field_name="todos__kind",
        choices=StoryTodo.Kind.choices,
        empty_label=_("Anything"),
        distinct=True,
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=lambda request: municipalities_of(request.user),
        empty_label=_("All"),
    )
    live = django_filters.BooleanFilter(label=_("Published"))

    class Meta:
        model = StoryPage
        fields = ["kind", "municipality", "live"]


class TodoColumn(Column):
    cell_template_name = "editorial/admin/todo_cell.html"

    class Media:
        css = {"all": ("editorial/worklist.css",)}

    def get_value(self, instance):
        return list(instance.todos.all())


def _edit_url(story):
    return reverse("wagtailadmin_pages:edit", args=[story.pk])


class WorkListView(ReportView):
    page_title = _("To do")
    header_icon = "tasks"
    results_template_name = "editorial/admin/worklist_results.html"
    index_url_name = "editorial_admin:worklist"
    index_results_url_name = "editorial_admin:worklist_results"
    filterset_class = WorkListFilterSet
    model = StoryPage
    paginate_by = 50
    table_classname = "listing mk-worklist-table"
    columns = [
        TitleColumn("title", label=_("Story"), url_name="wagtailadmin_pages:edit"),
        Column("municipality", label=_("Municipality")),
        TodoColumn("todos", label=_("What to do")),
        Column("status_string", label=_("Status")),
        DateColumn("latest_revision_created_at", label=_("Updated")),
    ]
    list_export = [
        "title",
        "municipality",
        "todo_kinds",
        "todo_details",
        "status_string",
        "latest_revision_created_at",
        "admin_url",
        "public_url",
    ]
    export_headings = {
        "title": _("Story"),
        "municipality": _("Municipality"),
        "todo_kinds": _("What to do"),
        "todo_details": _("Details"),
        "status_string": _("Status"),
        "latest_revision_created_at": _("Updated"),
        "admin_url": _("Edit"),
        "public_url": _("Address"),
    }

    def get_filename(self):
        return f"att-atgarda-{datetime.date.today().isoformat()}"

    def get_queryset(self):
        return stories_to_do(self.request.user)

    def decorate_paginated_queryset(self, object_list):
        for story in object_list:
            todos = list(story.todos.all())
            story.todo_kinds = "; ".join(str(todo.get_kind_display()) for todo in todos)
            story.todo_details = "; ".join(todo.detail for todo in todos if todo.detail)
            story.admin_url = public_url.absolute(_edit_url(story), self.request)
            story.public_url = (
                public_url.absolute(story.get_url(self.request), self.request) if story.live else ""
            )
        return object_list

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["counts"] = counts_by_kind(stories_to_do(self.request.user))
        context["worklist_url"] = reverse(self.index_url_name)
        return context


PANEL_LIST_LENGTH = 10


class WorkListPanel(Component):
    """The dashboard's "To do" panel: the same counts for the editor's own stories, a link to
    the report filtered by each, and a way to start a new story."""

    name = "worklist"
    template_name = "editorial/admin/worklist_panel.html"
    order = 90  # above Wagtail's own panels: this is where the day's work starts

    class Media:
        css = {"all": ("editorial/worklist.css",)}

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        stories = stories_to_do(user)
        municipalities = list(municipalities_of(user))
        mine = editable_stories(user)
        waiting = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            status=WorkflowState.STATUS_NEEDS_CHANGES,
        ).values("object_id")
        in_review = WorkflowState.objects.active().values("object_id")
        context.update(
            changes_requested=list(
                mine.filter(
                    pk__in=[int(i) for i in waiting.values_list("object_id", flat=True)]
                ).order_by("-latest_revision_created_at")[:PANEL_LIST_LENGTH]
            ),
            drafts=list(
                mine.filter(live=False)
                .exclude(pk__in=[int(i) for i in in_review.values_list("object_id", flat=True)])
                .order_by("-latest_revision_created_at")[:PANEL_LIST_LENGTH]
            ),
            counts=counts_by_kind(stories),
            total=stories.count(),
            municipalities=municipalities,
            national=len(municipalities) > 1 or user.is_superuser,
            worklist_url=reverse("editorial_admin:worklist"),
            new_story=_new_story_link(user),
        )
        return context


def _new_story_link(user):
    """Where the editor adds a story: under their municipality's page, when they have one."""
    pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "add")
    municipality_pages = MunicipalityPage.objects.filter(pk__in=pages.values("pk"))
    if municipality_pages.count() != 1:
        return None
    page = municipality_pages.get()
    return reverse("wagtailadmin_pages:add", args=["stories", "storypage", page.pk])


def user_has_stories(user) -> bool:
    """Whether the user edits stories: has some, or may add them under a municipality."""
    if editable_stories(user).exists():
        return True
    pages = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "add")
    return MunicipalityPage.objects.filter(pk__in=pages.values("pk")).exists()
