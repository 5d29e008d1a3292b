"""Every published story as CSV and as JSON, streamed.

The response is a generator: stories are read from the database in chunks with
`.iterator(chunk_size=…)` (a server-side cursor on PostgreSQL) and each chunk is written out
before the next is read, so the process holds one chunk at a time however many stories there
are (`bench/export.py` measures it).
"""

import csv
import json
from itertools import islice

from django.http import StreamingHttpResponse

from . import representation

CHUNK_SIZE = 500

CSV_COLUMNS = (
    "id",
    "url",
    "title",
    "municipality_code",
    "municipality",
    "county_code",
    "county",
    "goals",
    "partner_places",
    "countries",
    "year_start",
    "year_end",
    "teaser",
    "body_text",
    "image_url",
    "image_alt",
    "published_precision",
    "published_start",
    "published_end",
    "source_name",
    "source_url",
    "source_programme",
    "first_published_at",
    "last_published_at",
    "status",
    "results",
    "lessons_learned",
    "contact_role",
    "contact_organisation",
    "last_reviewed_at",
    "review_state",
    "out_of_date",
    "adapted_from",
    "adapted_by",
    "partnerships",
)
LIST_SEPARATOR = ";"
# Between results, each a line of text that may hold a comma ("…, källa: …").
RESULT_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FILENAME = "millenniekommunerna-berattelser"


def export_queryset():
    """All published stories in id order: stable, and cheap to walk in chunks."""
    return representation.published_stories().order_by("pk")


def chunks(queryset, size=CHUNK_SIZE):
    iterator = queryset.iterator(chunk_size=size)
    while chunk := list(islice(iterator, size)):
        yield chunk


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(story, context):
    data = representation.story_core(story, context)
    published = data["published"]
    municipality = data["municipality"] or {}
    county = municipality.get("county") or {}
    countries = dict.fromkeys(
        [p["country"]["code"] for p in data["partner_places"]]
        + [c["code"] for c in data["countries"]]
    )
    image_url = image_alt = ""
    if story.hero_image is not None:
        hero = representation.image_data(
            story.hero_image,
            context,
            role="main",
            alt=story.hero_image.default_alt_text,
            decorative=story.hero_image.is_decorative,
        )
        image_url = hero["renditions"][-1]["url"] if hero["renditions"] else ""
        image_alt = hero["alt"]
    row = {
        "id": data["id"],
        "url": data["url"] or "",
        "title": data["title"],
        "municipality_code": municipality.get("code", ""),
        "municipality": municipality.get("name", ""),
        "county_code": county.get("code", ""),
        "county": county.get("name", ""),
        "goals": LIST_SEPARATOR.join(g["code"] for g in data["goals"]),
        "partner_places": LIST_SEPARATOR.join(p["name"] for p in data["partner_places"]),
        "countries": LIST_SEPARATOR.join(countries),
        "year_start": data["year_start"] or "",
        "year_end": data["year_end"] or "",
        "teaser": data["teaser"],
        "body_text": representation.body_text(story.body),
        "image_url": image_url,
        "image_alt": image_alt,
        "published_precision": published["precision"],
        "published_start": published["start"] or "",
        "published_end": published["end"] or "",
        "source_name": (published["source"] or {}).get("name", ""),
        "source_url": (published["source"] or {}).get("url") or "",
        "source_programme": (published["source"] or {}).get("programme", ""),
        "first_published_at": data["first_published_at"] or "",
        "last_published_at": data["last_published_at"] or "",
        "status": data["status"] or "",
        "results": RESULT_SEPARATOR.join(
            representation.result_text(result) for result in story.api_results
        ),
        "lessons_learned": data["lessons_learned"],
        "contact_role": data["contact"]["role"],
        "contact_organisation": data["contact"]["organisation"],
        "last_reviewed_at": data["last_reviewed_at"] or "",
        "review_state": data["review_state"],
        "out_of_date": "true" if data["out_of_date"] else "false",
        "adapted_from": (data["adapted_from"] or {}).get("id", ""),
        "adapted_by": LIST_SEPARATOR.join(str(other["id"]) for other in data["adapted_by"]),
        "partnerships": LIST_SEPARATOR.join(p["slug"] for p in data["partnerships"]),
    }
    return [safe_cell(row[column]) for column in CSV_COLUMNS]


class _Line:
    """A file-like object whose `write` hands back what was written, for csv.writer."""

    def write(self, value):
        return value


def csv_lines(context, queryset=None):
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for chunk in chunks(queryset if queryset is not None else export_queryset()):
        representation.preload(chunk)
        yield "".join(writer.writerow(csv_row(story, context)) for story in chunk)


def json_parts(context, queryset=None):
    yield "["
    first = True
    for chunk in chunks(queryset if queryset is not None else export_queryset()):
        representation.preload(chunk)
        parts = []
        for story in chunk:
            text = json.dumps(representation.story_data(story, context), ensure_ascii=False)
            parts.append(("\n" if first else ",\n") + text)
            first = False
        yield "".join(parts)
    yield "\n]\n"


def _download(generator, content_type, extension, filename=FILENAME):
    response = StreamingHttpResponse(
        (part.encode("utf-8") for part in generator), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["Cache-Control"] = "public, max-age=300"
    return response


def csv_response(context):
    return _download(csv_lines(context), "text/csv; charset=utf-8", "csv")


def json_response(context):
    return _download(json_parts(context), "application/json", "json")
