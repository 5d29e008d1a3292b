"""The embed itself (`/inbaddning/<page>/`, shown in an iframe on another site), the embed page
with its preview and snippet (`/badda-in/<page>/`) and the oEmbed endpoint (`/oembed`)."""

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from millenniekommunerna.core import public_url
from millenniekommunerna.core.navigation import lang_url

from . import oembed as oembed_response
from .forms import EmbedOptionsForm, EmbedPageForm
from .snippets import embed_url, iframe, natural_size
from .targets import find


def page_url(target, request) -> str:
    """The embedded page's address in the interface's language."""
    return public_url.absolute(lang_url(target.page.url), request)


# Only the embed may be framed, by any site (EMBED_FRAME_ANCESTORS): Django's X-Frame-Options
# is left off and core.csp then leaves this frame-ancestors in place. Every other page keeps
# DENY and 'none'.
@xframe_options_exempt
@csp_replace({"frame-ancestors": list(settings.EMBED_FRAME_ANCESTORS)})
@require_safe
def frame(request, path):
    target = find(request, path)
    if target is None:
        raise Http404("Nothing to embed here.")
    form = EmbedOptionsForm(request.GET or None, is_list=target.is_list)
    errors = form.error_messages() if request.GET else []
    stories = [] if errors else target.stories(form.count)
    context = {
        "target": target,
        "title": target.title(),
        "stories": stories,
        "theme": form.theme,
        "errors": errors,
        "page_url": page_url(target, request),
    }
    return render(request, "embeds/frame.html", context, status=400 if errors else 200)


# The page shows the embed in an iframe of its own (the site's policy frames nothing else).
@csp_replace({"frame-src": ["'self'"]})
@require_safe
def embed_page(request, path):
    target = find(request, path)
    if target is None:
        raise Http404("Nothing to embed here.")
    language = translation.get_language()
    defaults = {"tema": "ljust", "antal": "5", "sprak": language}
    # An option left out of the address is shown with its default, chosen.
    data = {**defaults, **request.GET.dict()} if request.GET else None
    form = EmbedPageForm(data, is_list=target.is_list, language=language, initial=defaults)
    with translation.override(form.language):
        embed_title = target.title()
    src = embed_url(target, form.language, form.query_string(), request)
    width, height = natural_size(target, form.count)
    context = {
        "target": target,
        "title": target.title(),
        "form": form,
        "embed_src": src,
        "width": width,
        "height": height,
        "snippet": iframe(src, f"{embed_title} – Millenniekommunerna", width, height),
        "page_url": page_url(target, request),
        "oembed_url": oembed_response.endpoint_url(page_url(target, request), request),
        # A tool for editors of other sites, not a page for search engines.
        "robots": "noindex, follow",
    }
    return render(request, "embeds/embed_page.html", context, status=400 if form.errors else 200)


@require_safe
def oembed(request):
    # The oEmbed endpoint is an API: its errors are in English.
    with translation.override("en"):
        return oembed_response.answer(request)
