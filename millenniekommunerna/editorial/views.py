"""Admin views of the editorial app, registered in wagtail_hooks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .translation import (
    existing_translation,
    language_name,
    translate_story,
    translation_languages,
    user_can_translate,
)


class TranslateStoryView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then create the draft translation of a story and open it in the editor."""

    template_name = "editorial/admin/translate_story.html"
    page_title = gettext_lazy("Translate the story")
    header_icon = "globe"

    def dispatch(self, request, page_id, language):
        if language not in translation_languages():
            raise Http404
        self.story = get_object_or_404(Page, pk=page_id).specific
        self.language = language
        if not user_can_translate(request.user, self.story):
            raise PermissionDenied
        existing = existing_translation(self.story, language)
        if existing is not None:
            return redirect("wagtailadmin_pages:edit", existing.pk)
        return super().dispatch(request, page_id, language)

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
        return {
            **super().get_context_data(**kwargs),
            "story": self.story,
            "language": self.language,
            "language_name": language_name(self.language),
        }

    def post(self, request, page_id, language):
        translated, _created = translate_story(self.story, language, request.user)
        messages.success(
            request,
            _(
                "The draft translation has been created with the Swedish text. Replace the "
                "title, teaser and text with the translation, then send it for review as usual."
            ),
        )
        return redirect("wagtailadmin_pages:edit", translated.pk)
