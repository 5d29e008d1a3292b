from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from millenniekommunerna.stories.models import StoryPage

from . import dashboard, views
from .review import LOG_ACTION

REVIEW_LABEL = _("Nothing new – mark as reviewed")


@hooks.register("register_log_actions")
def register_review_action(actions):
    actions.register_action(
        LOG_ACTION, _("Reviewed: nothing new"), _("Marked as reviewed: nothing new")
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("granska/<int:page_id>/", views.ReviewStoryView.as_view(), name="review"),
        path("", views.DashboardView.as_view(), name="dashboard"),
        path("berattelser/", views.StoriesView.as_view(), name="stories"),
    ]
    return [path("uppfoljning/", include((urls, "followup_admin"), namespace="followup_admin"))]


class ReviewButton(PageMenuItem):
    label = REVIEW_LABEL
    icon_name = "tick"
    url_name = "followup_admin:review"

    def is_shown(self, user):
        # A published story only: a draft is reviewed when it is published.
        return (
            self.page.live
            and issubclass(self.page.specific_class or type(self.page), StoryPage)
            and self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def review_header_button(page, user, view_name, next_url=None):
    yield ReviewButton(page=page, next_url=next_url, priority=12)


@hooks.register("register_page_listing_more_buttons")
def review_listing_button(page, user, next_url=None):
    yield ReviewButton(page=page, next_url=next_url, priority=3)


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return dashboard.can_see(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Follow-up"),
        reverse("followup_admin:dashboard"),
        name="followup",
        icon_name="history",
        order=350,
    )
