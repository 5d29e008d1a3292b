"""schema.org JSON-LD for story and municipality pages, built from the same representation as
the API (`representation.story_core`, `municipality_ref`), so that search engines and the API
agree on URLs, codes, names and dates."""

import json

from django.conf import settings
from django.utils.safestring import mark_safe

from . import representation

SCB_MUNICIPALITY_CODE = "SCB kommunkod"
SCB_COUNTY_CODE = "SCB länskod"

# As Django's json_script: nothing in the data can close the <script> element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _date_published(data) -> dict:
    """schema.org's datePublished: the day, or only the year (an ISO 8601 date may be reduced
    to the year), of first publication; left out when only a period, or nothing, is known —
    never the day of an import. A story from elsewhere names its source."""
    published = data["published"]
    found = {}
    if published["source"] is None:
        found["datePublished"] = data["first_published_at"]
    elif published["precision"] == "day":
        found["datePublished"] = published["start"]
    elif published["precision"] == "year":
        found["datePublished"] = published["start"][:4]
    if published["source"] is not None:
        source = published["source"]
        found["isBasedOn"] = {
            "@type": "CreativeWork",
            "name": source["programme"] or source["name"],
            "publisher": {"@type": "Organization", "name": source["name"]},
            **({"url": source["url"]} if source["url"] else {}),
            **(
                {"temporalCoverage": f"{published['start']}/{published['end']}"}
                if published["precision"] == "period"
                else {}
            ),
        }
    return found


def script(data):
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    # <, > and & are escaped (_SCRIPT_ESCAPES), so the JSON cannot end the script element.
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308  # nosec B308, B703  # nosemgrep: mark-safe-on-non-literal


def _identifier(property_id, value):
    return {"@type": "PropertyValue", "propertyID": property_id, "value": value}


def municipality_organization(ref, website=None):
    """The municipality as the GovernmentOrganization behind its stories."""
    organization = {
        "@type": "GovernmentOrganization",
        "name": ref["official_name"],
        "alternateName": ref["name"],
        "identifier": _identifier(SCB_MUNICIPALITY_CODE, ref["code"]),
    }
    if ref.get("url"):
        organization["url"] = ref["url"]
    if website:
        organization["sameAs"] = website
    return organization


def _area(ref):
    county = ref["county"]
    return {
        "@type": "AdministrativeArea",
        "name": ref["name"],
        "identifier": _identifier(SCB_MUNICIPALITY_CODE, ref["code"]),
        "containedInPlace": {
            "@type": "AdministrativeArea",
            "name": county["name"],
            "identifier": _identifier(SCB_COUNTY_CODE, county["code"]),
        },
    }


def _parent_url(story, context):
    """A story lives under its municipality's page (and takes its municipality from it), so
    the municipality page's URL is the story's minus its last step: no query needed."""
    if not story.live or not story.url_path:
        return None
    return context.url_from_path(story.url_path[: story.url_path.rstrip("/").rfind("/") + 1])


def story_json_ld(story, request, goals=None, partner_places=None):
    """The story as a schema.org Article. `goals` and `partner_places` may be given when the
    page has them loaded already (the story page's context does), to save the queries."""
    context = representation.Context.for_request(request)
    # A translation has its own text and address; the rest is its Swedish story's.
    translated, story = story, getattr(story, "original", story)
    if goals is None:
        goals = story.goals.select_related("page").order_by("-kind", "number")
    if partner_places is None:
        partner_places = story.partner_places.select_related("country").order_by("name", "pk")
    data = {
        "id": translated.pk,
        "url": (
            translated.get_full_url(request=request)
            if translated is not story
            else context.page_url(story)
        ),
        "title": translated.title,
        "teaser": translated.teaser,
        "language": getattr(translated, "language", settings.LANGUAGE_CODE),
        "first_published_at": representation.iso(translated.first_published_at),
        "last_published_at": representation.iso(translated.last_published_at),
        "published": representation.publication_data(story),
        "goals": [representation.goal_ref(goal, context) for goal in goals],
        "partner_places": [representation.partner_place_ref(p) for p in partner_places],
        "municipality": (
            representation.municipality_ref(
                story.municipality, context, url=_parent_url(story, context)
            )
            if story.municipality_id
            else None
        ),
    }
    article = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": data["url"],
        "url": data["url"],
        "mainEntityOfPage": data["url"],
        "headline": data["title"],
        "description": data["teaser"],
        "inLanguage": data["language"],
        "identifier": str(data["id"]),
        **_date_published(data),
        "dateModified": data["last_published_at"],
        "about": [
            {
                "@type": "DefinedTerm",
                "termCode": goal["code"],
                "name": goal["name_sv"],
                "alternateName": goal["name_en"],
                **({"url": goal["url"]} if goal["url"] else {}),
            }
            for goal in data["goals"]
        ],
        "contentLocation": [
            {
                "@type": "Place",
                "name": place["name"],
                "geo": {
                    "@type": "GeoCoordinates",
                    "latitude": place["latitude"],
                    "longitude": place["longitude"],
                },
                "address": {"@type": "PostalAddress", "addressCountry": place["country"]["code"]},
                **(
                    {"sameAs": f"https://www.geonames.org/{place['geonames_id']}/"}
                    if place["geonames_id"]
                    else {}
                ),
            }
            for place in data["partner_places"]
        ],
    }
    if translated is not story and context.page_url(story):
        article["translationOfWork"] = {"@id": context.page_url(story)}
    municipality = data["municipality"]
    if municipality is not None:
        organization = municipality_organization(municipality)
        article["author"] = organization
        article["publisher"] = organization
        article["spatialCoverage"] = _area(municipality)
    if story.hero_image is not None and not story.hero_image.is_decorative:
        image = representation.image_data(
            story.hero_image,
            context,
            role="main",
            alt=story.hero_image.default_alt_text,
            decorative=False,
        )
        if image["renditions"]:
            largest = image["renditions"][-1]
            article["image"] = {
                "@type": "ImageObject",
                "url": largest["url"],
                "width": largest["width"],
                "height": largest["height"],
                "description": image["alt"],
            }
    article = {key: value for key, value in article.items() if value not in (None, [])}
    return script(article)


def municipality_json_ld(page, request):
    context = representation.Context.for_request(request)
    municipality = page.municipality
    ref = representation.municipality_ref(municipality, context, url=context.page_url(page))
    organization = {
        "@context": "https://schema.org",
        "@id": ref["url"],
        **municipality_organization(ref, website=municipality.website or None),
    }
    organization["areaServed"] = _area(ref)
    if municipality.is_millennium_municipality:
        organization["award"] = "Millenniekommun"
    organization["inLanguage"] = settings.LANGUAGE_CODE
    return script(organization)
