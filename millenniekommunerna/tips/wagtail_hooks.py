from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    SnippetViewSet,
    UsageView,
)

from .admin_views import ConvertTipView, TipImageView, user_can_convert
from .models import Tip


class VisibleTipsOnly:
    """Every view of one tip checks that the tip belongs to a municipality whose pages the
    user may edit; the model-level permission checks of Wagtail's generic views alone would
    let a municipality editor open another municipality's tip by its number."""

    def get_object(self, *args, **kwargs):
        from django.core.exceptions import PermissionDenied

        tip = super().get_object(*args, **kwargs)
        if not Tip.objects.visible_to(self.request.user).filter(pk=tip.pk).exists():
            raise PermissionDenied
        return tip


class TipIndexView(IndexView):
    def _get_title_column(self, *args, **kwargs):
        # A tip is read before anything is done with it: its title opens the tip itself.
        column = super()._get_title_column(*args, **kwargs)
        column._get_url_func = self.get_inspect_url
        return column

    def get_base_queryset(self):
        return (
            Tip.objects.visible_to(self.request.user)
            .select_related("municipality")
            .defer("image_data")
        )


class TipInspectView(VisibleTipsOnly, InspectView):
    template_name = "tips/admin/inspect.html"

    @property
    def header_buttons(self):
        if user_can_convert(self.request.user, self.object):
            return [
                HeaderButton(
                    _("Turn into a draft story"),
                    url=reverse("tips_admin:convert", args=[self.object.pk]),
                    icon_name="doc-full-inverse",
                    classname="button-primary",
                )
            ]
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tip"] = self.object
        context["image_url"] = (
            reverse("tips_admin:image", args=[self.object.pk]) if self.object.has_image else ""
        )
        return context


class TipEditView(VisibleTipsOnly, EditView):
    pass


class TipDeleteView(VisibleTipsOnly, DeleteView):
    pass


class TipHistoryView(VisibleTipsOnly, HistoryView):
    pass


class TipUsageView(VisibleTipsOnly, UsageView):
    pass


class TipViewSet(SnippetViewSet):
    model = Tip
    icon = "mail"
    menu_label = _("Tips")
    menu_order = 205
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = TipIndexView
    inspect_view_class = TipInspectView
    edit_view_class = TipEditView
    delete_view_class = TipDeleteView
    history_view_class = TipHistoryView
    usage_view_class = TipUsageView
    list_display = [
        "title",
        "municipality",
        "status",
        DateColumn("created_at", label=_("Received")),
    ]
    list_filter = ["status"]
    search_fields = ["title", "text"]
    ordering = ["-created_at"]
    inspect_view_fields = []


register_snippet(TipViewSet)


@hooks.register("register_admin_urls")
def register_tip_admin_urls():
    return [
        path(
            "tips/",
            (
                [
                    path("<int:pk>/bild/", TipImageView.as_view(), name="image"),
                    path("<int:pk>/berattelse/", ConvertTipView.as_view(), name="convert"),
                ],
                "tips_admin",
                "tips_admin",
            ),
        )
    ]


@hooks.register("register_log_actions")
def register_tip_log_actions(actions):
    actions.register_action(
        "tips.convert_to_story", _("Turn into a draft story"), _("Turned into a draft story")
    )
