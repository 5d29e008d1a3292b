"""How published content looks as open data: one definition of a story, a municipality, a goal
and a partner place, used by the API, the exports and the JSON-LD on the pages, so that all three
say the same thing (same URLs, codes, names and dates).

Everything here reads only published content and only public fields: never drafts (a live
page's row holds its published version; drafts live in revisions), review flags, tips, owners or
e-mail addresses.
"""

import html
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.blocks import StreamValue
from wagtail.images.models import SourceImageIOError
from wagtail.models import Site

logger = logging.getLogger(__name__)

# The renditions the site itself shows (story page hero and body images), so that the API
# points at files that usually exist already.
IMAGE_WIDTHS = (640, 960, 1280)
IMAGE_FORMAT = "webp"


def rendition_specs():
    return [f"width-{width}|format-{IMAGE_FORMAT}" for width in IMAGE_WIDTHS]


@dataclass
class Context:
    """What turning pages into data needs besides the pages: the site (its root URL, to make
    URLs absolute) and the request (for Wagtail's per-request caches).

    Page URLs are worked out from `url_path` as Wagtail does for a page under the site's root
    page (root URL + the path below the root; the root is the home page in the default language,
    whose URLs have no language prefix; translated trees have roots of their own and fall back to
    Wagtail's `get_full_url`). So a batch of stories needs no page objects for the municipalities
    and goals it links to: their URLs are read once, in one query each, for the whole request or
    export, unless the page is already loaded."""

    request: object = None
    root_url: str = ""
    root_path: str = ""
    _urls: dict = field(default_factory=dict)

    @classmethod
    def for_request(cls, request=None):
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return cls(request=request)
        return cls(request=request, root_url=site.root_url, root_path=site.root_page.url_path)

    def absolute(self, url):
        if url and url.startswith("/") and not url.startswith("//"):
            return f"{self.root_url}{url}"
        return url or None

    def url_from_path(self, url_path):
        if self.root_path and url_path.startswith(self.root_path):
            return f"{self.root_url}/{url_path[len(self.root_path) :]}"
        return None

    def page_url(self, page):
        """Absolute URL of a live page, None for a page that is not published."""
        if page is None or not page.live:
            return None
        url = self.url_from_path(page.url_path)
        return url or page.get_full_url(request=self.request)

    def _section_urls(self, model, key):
        if model.__name__ not in self._urls:
            rows = model.objects.filter(live=True).values_list(key, "url_path", "pk")
            urls = {}
            for related_id, url_path, pk in rows:
                url = self.url_from_path(url_path)
                if url is None:
                    url = model.objects.get(pk=pk).get_full_url(request=self.request)
                urls[related_id] = url
            self._urls[model.__name__] = urls
        return self._urls[model.__name__]

    def _related_page_url(self, obj, model, key):
        """URL of the page of a municipality or goal: from the page itself when it is loaded
        (select_related("page")), else from the list of all such pages."""
        if type(obj).page.is_cached(obj):
            return self.page_url(getattr(obj, "page", None))
        return self._section_urls(model, key).get(obj.pk)

    def municipality_url(self, municipality):
        from millenniekommunerna.municipalities.models import MunicipalityPage

        return self._related_page_url(municipality, MunicipalityPage, "municipality_id")

    def goal_url(self, goal):
        from millenniekommunerna.goals.models import GoalPage

        return self._related_page_url(goal, GoalPage, "goal_id")


def iso(value):
    """ISO 8601: dates as they are, times in UTC with a `Z`, the same everywhere (API, exports,
    JSON-LD), so that they can be compared as strings."""
    if not value:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


# --- querysets ----------------------------------------------------------------------------------


def published_stories():
    """Live stories that anyone may read (no view restriction), with everything a story's data
    shows fetched in a fixed number of queries, newest first (ties broken by id, so pages of
    results never overlap or skip)."""
    from millenniekommunerna.goals.models import Goal
    from millenniekommunerna.partnerships.models import Country, PartnerPlace
    from millenniekommunerna.stories.models import StoryPage

    return (
        StoryPage.objects.published()
        .public()
        .select_related("municipality__county", "hero_image")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.order_by("-kind", "number"),
            ),
            Prefetch(
                "partner_places",
                queryset=PartnerPlace.objects.select_related("country").order_by("name", "pk"),
            ),
            Prefetch("countries", queryset=Country.objects.order_by("code")),
            "hero_image__renditions",
        )
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )


# --- story bodies -------------------------------------------------------------------------------


def preload_bodies(stories, translations=True):
    """Convert the StreamField bodies of many stories at once, and (with `translations`) find
    their published translations in one query and convert theirs too.

    Wagtail converts a stream lazily, one query per block type per story (an image block
    fetches its images when first read). This does what `StreamValue._prefetch_blocks` does,
    but across all the given stories: one `bulk_to_python` per block type, then the body images'
    renditions in one query, so a page of 100 stories costs what a page of 1 does."""
    pending = defaultdict(list)
    for story in stories:
        value = story.body
        if not isinstance(value, StreamValue) or not value.is_lazy:
            continue
        for index, raw in enumerate(value._raw_data):
            if value._bound_blocks[index] is None and raw is not None:
                pending[raw["type"]].append((value, index, raw))
    for type_name, items in pending.items():
        child_block = items[0][0].stream_block.child_blocks[type_name]
        converted = child_block.bulk_to_python([raw["value"] for _, _, raw in items])
        for (value, index, raw), native in zip(items, converted, strict=True):
            value._bound_blocks[index] = StreamValue.StreamChild(
                child_block, native, id=raw.get("id")
            )
    images = [
        image
        for story in stories
        for block in (story.body or [])
        if block.block_type == "image"
        for image in [block.value.get("image")]
        if image is not None
    ]
    images = [image for image in images if not hasattr(image, "_prefetched_objects_cache")]
    if images:
        from django.db.models import prefetch_related_objects

        prefetch_related_objects(images, "renditions")
    if translations:
        _preload_translations(stories)


def _preload_translations(stories):
    from millenniekommunerna.stories.models import StoryPage

    by_key = defaultdict(list)
    found = list(StoryPage.objects.translations_of(stories).select_related("locale"))
    for translated in sorted(found, key=lambda page: page.locale.language_code):
        by_key[translated.translation_key].append(translated)
    for story in stories:
        story.api_translations = by_key.get(story.translation_key, [])
    preload_bodies(found, translations=False)


def story_translations(story):
    """The story's published translations (preloaded by `preload_bodies` when it ran)."""
    from millenniekommunerna.stories.models import StoryPage

    if not hasattr(story, "api_translations"):
        story.api_translations = list(
            StoryPage.objects.translations_of([story]).select_related("locale")
        )
    return story.api_translations


_URL_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")(/[^"/][^"]*|/)(")')
_SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_urls_in_html(markup, context):
    """Site-relative `src`, `href` and `srcset` URLs made absolute: the HTML is for other sites."""

    def srcset(match):
        candidates = []
        for candidate in match.group(2).split(","):
            parts = candidate.strip().split(maxsplit=1)
            if parts:
                parts[0] = context.absolute(parts[0])
                candidates.append(" ".join(parts))
        return f"{match.group(1)}{', '.join(candidates)}{match.group(3)}"

    markup = _URL_ATTRIBUTE.sub(
        lambda m: f"{m.group(1)}{context.absolute(m.group(2))}{m.group(3)}", markup
    )
    return _SRCSET_ATTRIBUTE.sub(srcset, markup)


_BLOCK_END = re.compile(r"(?i)</(p|li|h[1-6]|blockquote|figcaption|div)>|<br\s*/?>")


def html_to_text(markup):
    """Plain text of a bit of rich text: paragraphs and list items on lines of their own."""
    text = html.unescape(strip_tags(_BLOCK_END.sub("\n", str(markup or ""))))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def body_text(body):
    """The story body as plain text, one paragraph per block, blocks separated by a blank line."""
    parts = []
    for block in body or []:
        value = block.value
        kind = block.block_type
        if kind == "heading":
            text = str(value)
        elif kind == "paragraph":
            text = html_to_text(value.source)
        elif kind == "quote":
            text = f"”{value.get('text', '')}”"
            if value.get("attribution"):
                text += f" – {value['attribution']}"
        elif kind == "fact":
            text = f"{value.get('value', '')} – {value.get('description', '')}"
            if value.get("source"):
                text += f" ({value['source']})"
        elif kind == "image":
            text = value.get("caption") or ""
        else:
            text = html_to_text(block.render())
        text = text.strip()
        if text:
            parts.append(text)
    return "\n\n".join(parts)


def body_html(body, context):
    if not body:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        markup = str(body.render_as_block())
    return absolute_urls_in_html(markup.strip(), context)


# --- images -------------------------------------------------------------------------------------


def image_data(image, context, *, role, alt, decorative, caption=""):
    renditions = []
    try:
        found = image.get_renditions(*rendition_specs())
    except (SourceImageIOError, OSError):
        # The original file is missing (a database copied without its media): the image is
        # still described, with no files to point at.
        logger.warning("Image %s has no original file; no renditions in the API.", image.pk)
        found = {}
    for rendition in found.values():
        renditions.append(
            {
                "url": context.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "format": IMAGE_FORMAT,
            }
        )
    renditions.sort(key=lambda r: r["width"])
    return {
        "role": role,
        "alt": "" if decorative else (alt or ""),
        "decorative": bool(decorative),
        "caption": caption or "",
        "credit": getattr(image, "credit", "") or "",
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def story_images(story, context):
    images = []
    hero = story.hero_image
    if hero is not None:
        images.append(
            image_data(
                hero,
                context,
                role="main",
                alt=hero.default_alt_text,
                decorative=hero.is_decorative,
            )
        )
    for block in story.body or []:
        if block.block_type != "image":
            continue
        image = block.value.get("image")
        if image is None:
            continue
        decorative = bool(getattr(image, "decorative", False))
        images.append(
            image_data(
                image,
                context,
                role="body",
                alt=getattr(image, "contextual_alt_text", "") or "",
                decorative=decorative,
                caption=block.value.get("caption") or "",
            )
        )
    return images


# --- reference data -----------------------------------------------------------------------------


def county_ref(county):
    return {"code": county.code, "name": county.name}


def municipality_ref(municipality, context, url=None):
    """`url`: the municipality page's URL when the caller knows it (saves a query)."""
    return {
        "code": municipality.code,
        "name": municipality.name,
        "official_name": municipality.official_name,
        "county": county_ref(municipality.county),
        "url": url or context.municipality_url(municipality),
    }


def country_ref(country):
    return {"code": country.code, "name_sv": country.name_sv, "name_en": country.name_en}


def goal_ref(goal, context):
    return {
        "code": goal.slug,
        "kind": goal.kind,
        "number": goal.number,
        "name_sv": goal.name_sv,
        "name_en": goal.name_en,
        "url": context.goal_url(goal),
    }


def partner_place_ref(place):
    return {
        "slug": place.slug,
        "name": place.name,
        "kind": place.kind,
        "region": place.region,
        "country": country_ref(place.country),
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geonames_id": place.geonames_id,
    }


# --- stories ------------------------------------------------------------------------------------


def story_core(story, context):
    """A story's data without its body: what listings, the CSV export and JSON-LD share."""
    municipality = story.municipality
    return {
        "id": story.pk,
        "url": context.page_url(story),
        "title": story.title,
        "slug": story.slug,
        "language": settings.LANGUAGE_CODE,
        "municipality": municipality_ref(municipality, context) if municipality else None,
        "goals": [goal_ref(goal, context) for goal in story.goals.all()],
        "partner_places": [partner_place_ref(place) for place in story.partner_places.all()],
        "countries": [country_ref(country) for country in story.countries.all()],
        "year_start": story.year_start,
        "year_end": story.year_end,
        "teaser": story.teaser,
        "first_published_at": iso(story.first_published_at),
        "last_published_at": iso(story.last_published_at),
    }


def story_data(story, context):
    """A story as the API and the JSON export show it. Call `preload_bodies` on a batch of
    stories first, or each body costs its own queries."""
    data = story_core(story, context)
    data["body_html"] = body_html(story.body, context)
    data["body_text"] = body_text(story.body)
    data["images"] = story_images(story, context)
    data["translations"] = [
        translation_data(translated, context) for translated in story_translations(story)
    ]
    return data


def translation_data(translated, context):
    """A translation's own text and address; everything else is its story's."""
    return {
        "language": translated.locale.language_code,
        "url": translated.get_full_url(request=context.request),
        "title": translated.title,
        "teaser": translated.teaser,
        "body_html": body_html(translated.body, context),
        "body_text": body_text(translated.body),
        "first_published_at": iso(translated.first_published_at),
        "last_published_at": iso(translated.last_published_at),
    }


# --- municipalities, counties, goals, places ----------------------------------------------------


def municipalities_with_counts():
    from millenniekommunerna.municipalities.models import Municipality

    return (
        Municipality.objects.select_related("county")
        .annotate(story_count=Coalesce(Count("stories", filter=_story_filter("stories__")), 0))
        .order_by("code")
    )


def _story_filter(prefix):
    """Q over a relation to StoryPage that keeps only stories the API shows."""
    from millenniekommunerna.stories.models import StoryPage

    public_ids = StoryPage.objects.published().public().values("pk")
    return Q(**{f"{prefix}live": True, f"{prefix}pk__in": public_ids})


def municipality_data(municipality, context):
    return {
        "code": municipality.code,
        "name": municipality.name,
        "official_name": municipality.official_name,
        "slug": municipality.slug,
        "county": county_ref(municipality.county),
        "website": municipality.website or None,
        "is_millennium_municipality": municipality.is_millennium_municipality,
        "millennium_decision_date": iso(municipality.millennium_decision_date),
        "millennium_diploma_date": iso(municipality.millennium_diploma_date),
        "url": context.municipality_url(municipality),
        "story_count": municipality.story_count,
    }


def counties_with_counts():
    from millenniekommunerna.municipalities.models import County

    return County.objects.annotate(
        municipality_count=Count("municipalities", distinct=True),
        millennium_municipality_count=Count(
            "municipalities",
            filter=Q(municipalities__is_millennium_municipality=True),
            distinct=True,
        ),
        story_count=Count(
            "municipalities__stories",
            filter=_story_filter("municipalities__stories__"),
            distinct=True,
        ),
    ).order_by("code")


def county_data(county):
    return {
        "code": county.code,
        "name": county.name,
        "short_name": county.short_name,
        "municipality_count": county.municipality_count,
        "millennium_municipality_count": county.millennium_municipality_count,
        "story_count": county.story_count,
    }


def goals_with_counts():
    from millenniekommunerna.goals.models import Goal

    return (
        Goal.objects.prefetch_related(
            Prefetch("successors", queryset=Goal.objects.order_by("number")),
            Prefetch("predecessors", queryset=Goal.objects.order_by("number")),
        )
        .annotate(story_count=Count("stories", filter=_story_filter("stories__"), distinct=True))
        .order_by("-kind", "number")
    )


def goal_data(goal, context):
    data = goal_ref(goal, context)
    data["colour"] = goal.colour
    data["story_count"] = goal.story_count
    data["successors_editorial"] = [g.slug for g in goal.successors.all()]
    data["predecessors_editorial"] = [g.slug for g in goal.predecessors.all()]
    return data


def goal_mapping_data():
    from millenniekommunerna.goals.models import GoalMapping

    return [
        {"mdg": mdg, "sdg": sdg, "note": note}
        for mdg, sdg, note in GoalMapping.objects.order_by(
            "mdg__number", "sdg__number"
        ).values_list("mdg__slug", "sdg__slug", "note")
    ]


def partner_places_with_counts():
    from millenniekommunerna.partnerships.models import PartnerPlace

    return (
        PartnerPlace.objects.select_related("country")
        .prefetch_related("partnerships__municipality")
        .annotate(story_count=Count("stories", filter=_story_filter("stories__"), distinct=True))
        .order_by("name", "pk")
    )


def partner_place_data(place):
    data = partner_place_ref(place)
    data["aliases"] = place.names[1:]
    data["municipalities"] = sorted(
        {partnership.municipality.code for partnership in place.partnerships.all()}
    )
    data["story_count"] = place.story_count
    return data
