"""`/kontakta/<story id>/`: write to the municipality of a published story. The message is
relayed by mail (`mail`); nothing is stored, and the municipality's addresses are never shown.
Protected as the tip form is: CSRF, a rate limit per connection counted before the form is
read, a field for bots, length limits, and never cached."""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from millenniekommunerna.core import ratelimit
from millenniekommunerna.stories.models import StoryPage

from . import mail
from .forms import HONEYPOT_FIELD, ContactForm

logger = logging.getLogger(__name__)
RATE_SCOPE = "contact"
MUNICIPALITY_SCOPE = "contact-municipality"
MAX_ID = 2**31 - 1  # the largest page id; a larger number would overflow the database's integer


def rate_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        int(getattr(settings, "CONTACT_RATE_LIMIT", 5)),
        int(getattr(settings, "CONTACT_RATE_PERIOD", 60 * 60)),
    )


def municipality_limit() -> ratelimit.Limit:
    """Messages to one municipality per 24 hours, from whoever: the form cannot be used to
    flood its editors' inboxes from many connections."""
    return ratelimit.Limit(
        int(getattr(settings, "CONTACT_MESSAGES_PER_MUNICIPALITY", 30)), 24 * 3600
    )


def published_story(story_id: int) -> StoryPage:
    if story_id > MAX_ID:
        raise Http404("No story has so large an id.")
    story = (
        StoryPage.objects.published()
        .filter(pk=story_id, municipality__isnull=False)
        .select_related("municipality")
        .first()
    )
    if story is None:
        raise Http404("No published story with that id.")
    return story


def _kept(data) -> dict:
    """What a refused form had filled in, shown again so that nothing typed is lost."""
    return {name: data.get(name, "") for name in ("name", "email", "message")}


@method_decorator(never_cache, name="dispatch")
class ContactView(View):
    template_name = "reuse/contact_form.html"

    def dispatch(self, request, story_id, *args, **kwargs):
        self.story = published_story(story_id)
        self.limited = None
        if request.method == "POST":
            result = ratelimit.hit(RATE_SCOPE, ratelimit.client_ip(request), rate_limit())
            if not result.allowed:
                self.limited = result
                response = self.render_form(ContactForm(initial=_kept(request.POST)), status=429)
                response["Retry-After"] = str(result.retry_after)
                return response
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "story": self.story,
                "form": form,
                "honeypot": form[HONEYPOT_FIELD],
                "limited": self.limited,
                "robots": "noindex, nofollow",
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(ContactForm())

    def post(self, request, *args, **kwargs):
        form = ContactForm(request.POST)
        if not form.is_valid():
            return self.render_form(form, status=400)
        if not ratelimit.hit(
            MUNICIPALITY_SCOPE, str(self.story.municipality_id), municipality_limit()
        ).allowed:
            form.add_error(
                None,
                _(
                    "The municipality has received many messages through this website today. "
                    "Try again tomorrow, or find its contact details on its own website."
                ),
            )
            return self.render_form(form, status=429)
        to = mail.recipients(self.story)
        try:
            if not to:
                raise OSError("Nobody to send the message to")
            mail.message(self.story, form.cleaned_data, to, request).send()
        except OSError:
            logger.exception("A message about story %s could not be sent", self.story.pk)
            form.add_error(
                None,
                _("The message could not be sent just now. Try again in a few minutes."),
            )
            return self.render_form(form, status=503)
        return redirect(reverse("reuse:sent", args=[self.story.pk]))


class SentView(View):
    def get(self, request, story_id):
        return render(
            request,
            "reuse/contact_sent.html",
            {"story": published_story(story_id), "robots": "noindex, nofollow"},
        )
