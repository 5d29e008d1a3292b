"""Every partnership as CSV and as JSON, streamed in chunks like the stories (`exports`)."""

import csv
import json

from . import representation
from .exports import LIST_SEPARATOR, _download, _Line, chunks, safe_cell

CSV_COLUMNS = (
    "slug",
    "url",
    "municipality_code",
    "municipality",
    "other_municipality_codes",
    "other_municipalities",
    "partner_place",
    "partner_place_slug",
    "country_code",
    "country",
    "latitude",
    "longitude",
    "start_year",
    "end_year",
    "status",
    "funding_programme",
    "goals",
    "description",
    "story_ids",
)
FILENAME = "millenniekommunerna-samarbeten"


def export_queryset():
    """Every partnership in id order: stable, and cheap to walk in chunks."""
    return representation.partnerships_for_api().order_by("pk")


def csv_row(partnership, context):
    data = representation.partnership_data(partnership, context)
    lead, *others = data["municipalities"]
    place = data["partner_place"]
    row = {
        "slug": data["slug"],
        "url": data["url"] or "",
        "municipality_code": lead["code"],
        "municipality": lead["name"],
        "other_municipality_codes": LIST_SEPARATOR.join(m["code"] for m in others),
        "other_municipalities": LIST_SEPARATOR.join(m["name"] for m in others),
        "partner_place": place["name"],
        "partner_place_slug": place["slug"],
        "country_code": place["country"]["code"],
        "country": place["country"]["name_sv"],
        "latitude": place["latitude"],
        "longitude": place["longitude"],
        "start_year": data["start_year"] or "",
        "end_year": data["end_year"] or "",
        "status": data["status"] or "",
        "funding_programme": (data["funding_programme"] or {}).get("slug", ""),
        "goals": LIST_SEPARATOR.join(g["code"] for g in data["goals"]),
        "description": data["description"],
        "story_ids": LIST_SEPARATOR.join(str(s["id"]) for s in data["stories"]),
    }
    return [safe_cell(row[column]) for column in CSV_COLUMNS]


def csv_lines(context, queryset=None):
    writer = csv.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for chunk in chunks(queryset if queryset is not None else export_queryset()):
        yield "".join(writer.writerow(csv_row(partnership, context)) for partnership in chunk)


def json_parts(context, queryset=None):
    yield "["
    first = True
    for chunk in chunks(queryset if queryset is not None else export_queryset()):
        parts = []
        for partnership in chunk:
            text = json.dumps(
                representation.partnership_data(partnership, context), ensure_ascii=False
            )
            parts.append(("\n" if first else ",\n") + text)
            first = False
        yield "".join(parts)
    yield "\n]\n"


def csv_response(context):
    return _download(csv_lines(context), "text/csv; charset=utf-8", "csv", FILENAME)


def json_response(context):
    return _download(json_parts(context), "application/json", "json", FILENAME)
