"""The oEmbed endpoint (https://oembed.com, version 1.0): `GET /oembed?url=<a page>` answers
with a "rich" embed whose html is the embed's iframe, in JSON or XML (`format=`), within
`maxwidth` and `maxheight`. Unknown URLs are 404, other formats 501, bad parameters 400, as
the specification says. Also takes the embed's own options (`tema`, `antal`).

The answer is a few fields; Django's JsonResponse and the standard library's ElementTree write
them, so no oEmbed library is needed."""

from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree  # nosec B405  # only writes XML, never parses any

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation

from millenniekommunerna.core import public_url
from millenniekommunerna.core.navigation import lang_url
from millenniekommunerna.core.templatetags.site_tags import municipality_name

from .forms import EmbedOptionsForm
from .snippets import embed_url, fitted_size, iframe, natural_size
from .targets import Target, find

PROVIDER_NAME = "Millenniekommunerna"
CACHE_AGE = 3600  # seconds a consumer may keep an answer
FORMATS = ("json", "xml")


def endpoint_url(url: str, request=None, response_format: str = "json") -> str:
    """The oEmbed address of the page at `url` (for discovery links and the embed page)."""
    query = urlencode({"url": url, "format": response_format})
    return public_url.absolute(reverse("oembed:endpoint"), request) + "?" + query


def error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def resolve(request, url: str) -> tuple[Target, str] | None:
    """The target a page URL of this site names, and the language of that URL."""
    parts = urlsplit(url)
    own = urlsplit(public_url.root_url(request))
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != own.netloc.lower():
        return None
    path = parts.path
    language = translation.get_language_from_path(path) or settings.LANGUAGE_CODE
    if language != settings.LANGUAGE_CODE:
        path = path[len(language) + 1 :]
    target = find(request, path)
    return (target, language) if target is not None else None


def positive(value: str) -> int | None:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(value)
    return int(value)


def answer(request) -> HttpResponse:
    response_format = request.GET.get("format") or "json"
    if response_format not in FORMATS:
        return error(501, f"Format {response_format!r} is not supported; use json or xml.")
    url = request.GET.get("url", "").strip()
    if not url:
        return error(400, "The url parameter is required.")
    limits = {}
    for name in ("maxwidth", "maxheight"):
        value = request.GET.get(name, "")
        try:
            limits[name] = positive(value) if value else None
        except ValueError:
            return error(400, f"{name} must be a positive whole number.")
    found = resolve(request, url)
    if found is None:
        return error(404, "No embed for this URL: it is not a story, municipality or goal here.")
    target, language = found
    options = {key: request.GET[key] for key in ("tema", "antal") if key in request.GET}
    form = EmbedOptionsForm(options or None, is_list=target.is_list)
    if options and not form.is_valid():
        return error(400, " ".join(form.error_messages()))
    width, height = fitted_size(natural_size(target, form.count), **limits)
    with translation.override(language):
        data = fields(request, target, language, form.query_string(), width, height)
    if response_format == "xml":
        response = HttpResponse(as_xml(data), content_type="text/xml; charset=utf-8")
    else:
        response = JsonResponse(data)
    # Any site may ask from the browser, as it may ask the API.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def fields(request, target: Target, language: str, query: str, width: int, height: int):
    title = target.title()
    data = {
        "type": "rich",
        "version": "1.0",
        "title": title,
        "provider_name": PROVIDER_NAME,
        "provider_url": public_url.absolute(lang_url("/"), request),
        "cache_age": CACHE_AGE,
        "html": iframe(
            embed_url(target, language, query, request),
            f"{title} – {PROVIDER_NAME}",
            width,
            height,
        ),
        "width": width,
        "height": height,
    }
    municipality = getattr(target.page, "municipality", None)
    if municipality is not None:
        data["author_name"] = municipality_name(municipality)
        if target.kind == "municipality":
            data["author_url"] = public_url.absolute(lang_url(target.page.url), request)
    return data


def as_xml(data: dict) -> bytes:
    root = ElementTree.Element("oembed")
    for key, value in data.items():
        ElementTree.SubElement(root, key).text = str(value)
    body = ElementTree.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n{body}'.encode()
