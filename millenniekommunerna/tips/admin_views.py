"""Admin-only views for tips, registered in wagtail_hooks: the tip's image (never a public
URL) and turning a tip into a draft story."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .conversion import AlreadyConverted, convert_to_story
from .models import Tip


def visible_tip_or_403(request, pk) -> Tip:
    tip = get_object_or_404(Tip.objects.defer("image_data"), pk=pk)
    if not Tip.objects.visible_to(request.user).filter(pk=tip.pk).exists():
        raise PermissionDenied
    return tip


def user_can_convert(user, tip) -> bool:
    from millenniekommunerna.municipalities.models import MunicipalityPage

    if tip.story_id or not user.has_perm("tips.change_tip"):
        return False
    parent = MunicipalityPage.objects.filter(municipality_id=tip.municipality_id).first()
    return parent is not None and parent.permissions_for_user(user).can_add_subpage()


class TipImageView(View):
    def get(self, request, pk):
        tip = visible_tip_or_403(request, pk)
        if not tip.has_image:
            raise PermissionDenied
        data = Tip.objects.values_list("image_data", flat=True).get(pk=tip.pk)
        response = HttpResponse(bytes(data), content_type=tip.image_content_type)
        extension = "png" if tip.image_content_type == "image/png" else "jpg"
        response["Content-Disposition"] = f'inline; filename="tips-{tip.pk}.{extension}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class ConvertTipView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "tips/admin/convert.html"
    page_title = gettext_lazy("Turn into a draft story")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, pk):
        self.tip = visible_tip_or_403(request, pk)
        if not user_can_convert(request.user, self.tip):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.tip)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailsnippets_tips_tip:list"), "label": _("Tips")},
            {
                "url": reverse("wagtailsnippets_tips_tip:inspect", args=[self.tip.pk]),
                "label": str(self.tip),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "tip": self.tip}

    def post(self, request, pk):
        try:
            story = convert_to_story(self.tip, request.user)
        except AlreadyConverted:
            messages.error(request, _("The tip has already been turned into a story."))
            return redirect("wagtailsnippets_tips_tip:inspect", self.tip.pk)
        messages.success(
            request,
            _(
                "The draft story “%(title)s” has been created. Choose its goals and check the "
                "text before sending it for review."
            )
            % {"title": story.title},
        )
        return redirect("wagtailadmin_pages:edit", story.pk)
