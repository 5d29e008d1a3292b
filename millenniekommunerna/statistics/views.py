"""`/statistik/`: plain Django views rather than a Wagtail page, for the same reasons as the
maps: every number is computed, nothing is edited, and the URL is fixed in `urls.py`.

The tables are cached with the maps (see `core.derived_cache`) and invalidated with them when a
story is published, unpublished, moved or deleted."""

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from millenniekommunerna.core.derived_cache import get_or_build
from millenniekommunerna.core.navigation import lang_url, section_page_url

from .adaptations import most_reused_table
from .charts import bar_chart
from .partnerships import active_partnerships_table
from .tables import Table, all_tables, summary


def tables_for(request) -> dict:
    """The tables and headline numbers in the active language, from the cache when they are
    there."""

    def build():
        goals_base = section_page_url(request, "goals")
        tables = all_tables(lambda goal: f"{goals_base}{goal.slug}/" if goals_base else "")
        tables.append(most_reused_table())
        return {"tables": tables, "summary": summary()}

    return get_or_build(f"statistics:tables:{get_language()}", build)


def active_partnerships_for(request) -> Table:
    """Active partnerships per country and year (its own entry in the derived cache, renewed
    with the others when a partnership changes)."""
    return get_or_build(
        f"statistics:active-partnerships:{get_language()}", active_partnerships_table
    )


def statistics_page(request):
    def build():
        data = tables_for(request)
        tables = data["tables"]
        by_slug = {t.slug: t for t in tables}
        return render_to_string(
            "statistics/statistics_content.html",
            {
                "sections": [(table, bar_chart(table)) for table in tables],
                "summary": data["summary"],
                "county_coverage": by_slug["kommuner-med-berattelser"],
                "goal_tables": [by_slug["globala-malen"], by_slug["millenniemalen"]],
                "county_table": by_slug["berattelser-per-lan"],
                "home_url": lang_url("/"),
                "active_partnerships": active_partnerships_for(request),
            },
        )

    content = get_or_build(f"statistics:page:{get_language()}", build)
    # The cached HTML is our own template's output, escaped when it was rendered.
    return render(
        request,
        "statistics/statistics_page.html",
        {"content": mark_safe(content)},  # noqa: S308  # nosec B308, B703  # nosemgrep: mark-safe-on-non-literal
    )


def csv_format(language: str) -> tuple[str, str]:
    """(field delimiter, decimal mark). Excel opens a CSV file with the list separator of the
    reader's locale: a semicolon and a decimal comma in Swedish, a comma and a decimal point in
    English."""
    if (language or "sv").startswith("sv"):
        return ";", ","
    return ",", "."


def table_rows(table: Table, decimal_mark: str) -> list[list[str]]:
    """The table as the page shows it: header, rows, total row; numbers as plain digits."""

    def cell(value, column):
        if value is None:
            return ""
        if column.percent:
            return f"{value:.1f}".replace(".", decimal_mark)
        return str(value)

    lines = [[column.label for column in table.columns]]
    for row in [*table.rows, *([table.total] if table.total else [])]:
        lines.append([row.label] + [cell(row.values.get(c.key), c) for c in table.columns[1:]])
    return lines


def table_csv(request, slug):
    tables = [*tables_for(request)["tables"], active_partnerships_for(request)]
    table = next((t for t in tables if t.slug == slug), None)
    if table is None:
        raise Http404("No statistics table by that name.")
    delimiter, decimal_mark = csv_format(get_language())
    buffer = io.StringIO()
    # The byte order mark tells Excel the file is UTF-8, so "Östhammar" stays "Östhammar".
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(table_rows(table, decimal_mark))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    return response
