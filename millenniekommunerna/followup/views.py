"""The admin views of the follow-up: confirming a story is still current, and the national
editors' overview of what needs following up."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.stories.models.review_state import ReviewState, state_of

from . import dashboard, review


class ReviewStoryView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows what the button does, with the button, and changes nothing (as Wagtail's own
    unpublish and delete do); POST marks the story as reviewed now."""

    template_name = "followup/admin/review_confirm.html"
    page_title = gettext_lazy("Nothing new – mark as reviewed")
    header_icon = "tick"
    http_method_names = ["get", "post"]

    def dispatch(self, request, page_id):
        self.story = get_object_or_404(StoryPage, pk=page_id)
        if not review.can_review(self.story, request.user):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def next_url(self):
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if target and url_has_allowed_host_and_scheme(
            target,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return target
        return reverse("wagtailadmin_pages:edit", args=[self.story.pk])

    def get_page_subtitle(self):
        return self.story.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.story.pk]),
                "label": self.story.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        original = self.story.original
        return {
            **super().get_context_data(**kwargs),
            "story": self.story,
            "last_reviewed_at": original.last_reviewed_at,
            "state": ReviewState(state_of(original.last_reviewed_at)),
            "next": self.next_url(),
        }

    def post(self, request, page_id):
        review.mark_reviewed(self.story, request.user)
        messages.success(
            request,
            _("“%(title)s” is marked as reviewed: nothing new.")
            % {"title": self.story.get_admin_display_title()},
        )
        return redirect(self.next_url())


class NationalEditorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not dashboard.can_see(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DashboardView(NationalEditorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "followup/admin/dashboard.html"
    page_title = gettext_lazy("Follow-up")
    header_icon = "history"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        rows = dashboard.rows()
        return {
            **super().get_context_data(**kwargs),
            "rows": rows,
            "totals": [
                {"label": ReviewState(state).label, "count": count}
                for state, count in dashboard.totals(rows).items()
            ],
            "state_labels": [ReviewState(state).label for state in dashboard.STATES],
        }


class StoriesView(NationalEditorsOnly, WagtailAdminTemplateMixin, TemplateView):
    """The stories behind one of the overview's numbers (`?kommun=<id>&status=due`)."""

    template_name = "followup/admin/stories.html"
    page_title = gettext_lazy("Stories to follow up")
    header_icon = "history"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("followup_admin:dashboard"), "label": _("Follow-up")},
            {"url": "", "label": self.get_page_title()},
        ]

    def read_query(self):
        errors, municipality, state = [], None, ""
        raw = self.request.GET.get("kommun", "").strip()
        if raw:
            if raw.isascii() and raw.isdigit() and len(raw) < 10:
                municipality = Municipality.objects.filter(pk=int(raw)).first()
            if municipality is None:
                errors.append(
                    _("There is no municipality with the number “%(value)s”.") % {"value": raw[:40]}
                )
        state = self.request.GET.get("status", "").strip()
        if state and state not in ReviewState.values:
            errors.append(
                _("“%(value)s” is not a review state: choose current, due or out_of_date.")
                % {"value": state[:40]}
            )
            state = ""
        return errors, municipality, state

    def get(self, request, *args, **kwargs):
        errors, municipality, state = self.read_query()
        context = self.get_context_data(errors=errors)
        if errors:
            return self.render_to_response(context, status=400)
        found = dashboard.stories(municipality.pk if municipality else None, state or None)
        context.update(
            {
                "municipality": municipality,
                "state_label": ReviewState(state).label if state else "",
                "stories": [
                    (story, ReviewState(state_of(story.last_reviewed_at))) for story in found
                ],
                "next": request.get_full_path(),
            }
        )
        return self.render_to_response(context)
