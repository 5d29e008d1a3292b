from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.generic import TemplateView

from millenniekommunerna.core import ratelimit

from .forms import HONEYPOT_FIELD, TipForm
from .images import UploadSizeGuard
from .models import retention_days

RATE_SCOPE = "tips"


def rate_limit() -> ratelimit.Limit:
    return ratelimit.Limit(
        int(getattr(settings, "TIPS_RATE_LIMIT", 10)),
        int(getattr(settings, "TIPS_RATE_PERIOD", 60 * 60)),
    )


# CSRF is checked by csrf_protect inside dispatch, after the size guard has been put in front
# of Django's upload handlers: the middleware would read the body before the guard is in place.
@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(never_cache, name="dispatch")
class TipView(View):
    """`/tipsa/`: anyone may suggest a story. At most TIPS_RATE_LIMIT submissions per
    TIPS_RATE_PERIOD seconds from one address (counted in the shared cache) before the body
    is even read."""

    template_name = "tips/tip_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.limited = None
        if request.method == "POST":
            result = ratelimit.hit(RATE_SCOPE, ratelimit.client_ip(request), rate_limit())
            if not result.allowed:
                self.limited = result
                return self.render_limited(result)
        self.upload_guard = UploadSizeGuard(request)
        request.upload_handlers.insert(0, self.upload_guard)
        return csrf_protect(super().dispatch)(request, *args, **kwargs)

    def render_form(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "honeypot": form[HONEYPOT_FIELD],
                "retention_days": retention_days(),
                "limited": self.limited,
            },
            status=status,
        )

    def render_limited(self, result):
        response = self.render_form(TipForm(), status=429)
        response["Retry-After"] = str(result.retry_after)
        return response

    def get(self, request, *args, **kwargs):
        initial = {}
        code = request.GET.get("kommun", "")
        if code.isdigit() and len(code) == 4:
            initial["municipality"] = code
        initial.update(about_story(request))
        return self.render_form(TipForm(initial=initial))

    def post(self, request, *args, **kwargs):
        form = TipForm(request.POST, request.FILES, upload_guard=self.upload_guard)
        if not form.is_valid():
            return self.render_form(form, status=400)
        form.save()
        return redirect(reverse("tips:thanks"))


def about_story(request) -> dict:
    """The form filled in for a tip about a published story (`?berattelse=<id>`, linked from a
    story whose full text is missing): its municipality, its title, and where it is."""
    from millenniekommunerna.stories.models import StoryPage

    story_id = request.GET.get("berattelse", "")
    if not (story_id.isascii() and story_id.isdigit() and len(story_id) <= 10):
        return {}
    story = StoryPage.objects.published().select_related("municipality").filter(pk=story_id).first()
    if story is None:
        return {}
    return {
        "municipality": story.municipality.code if story.municipality else "",
        "title": story.title,
        "text": _("About the story “%(title)s” (%(url)s):\n\n")
        % {"title": story.title, "url": story.get_full_url(request)},
    }


class ThanksView(TemplateView):
    template_name = "tips/tip_thanks.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "retention_days": retention_days()}
