"""The 21 counties and 290 municipalities (SCB codes, names, label points, websites), the
municipality index page and one page per municipality."""

from collections import Counter

from millenniekommunerna.core import reference_data
from millenniekommunerna.core.text import fold_slug

from .models import County, Municipality, MunicipalityIndexPage, MunicipalityPage


def municipality_slugs(rows: list[dict[str, str]], counties: dict[str, str]) -> dict[str, str]:
    """Slug per SCB code: the folded name, or name + county where two names fold alike."""
    folded = {row["kommunkod"]: fold_slug(row["kommun"]) for row in rows}
    clashes = {slug for slug, n in Counter(folded.values()).items() if n > 1}
    return {
        code: f"{slug}-{fold_slug(counties[code[:2]])}" if slug in clashes else slug
        for code, slug in folded.items()
    }


def official_name(name: str, listed: str) -> str:
    """The municipality's name with "kommun". The source adds a genitive s even after x
    ("Kalixs kommun"); Swedish takes none after s, x or z: "Kalix kommun", "Borås kommun"."""
    if name[-1:].lower() in {"s", "x", "z"} and listed == f"{name}s kommun":
        return f"{name} kommun"
    return listed


@reference_data.loader(order=reference_data.PLACES)
def load_counties_and_municipalities(report: reference_data.LoadReport) -> None:
    county_rows = reference_data.read_csv("sweden/lan.csv")
    counties = {}
    for row in county_rows:
        counties[row["lanskod"]] = reference_data.upsert(
            County,
            report,
            "counties",
            {"code": row["lanskod"]},
            {
                "name": row["lan"],
                "short_name": row["lan_kort"],
                "slug": fold_slug(row["lan_kort"]),
                "label_lat": float(row["etikett_lat"]),
                "label_lon": float(row["etikett_lon"]),
            },
        )

    websites = {
        row["kommunkod"]: row["url"]
        for row in reference_data.read_csv("sweden/kommuner_webbplatser.csv")
    }
    rows = reference_data.read_csv("sweden/kommuner.csv")
    slugs = municipality_slugs(rows, {c: r.short_name for c, r in counties.items()})
    existing_slugs = dict(Municipality.objects.values_list("code", "slug"))
    for row in rows:
        code = row["kommunkod"]
        reference_data.upsert(
            Municipality,
            report,
            "municipalities",
            {"code": code},
            {
                "name": row["kommun"],
                "official_name": official_name(row["kommun"], row["kommun_namn"]),
                # A slug, once given, is kept: URLs must not change under readers' bookmarks.
                "slug": existing_slugs.get(code) or slugs[code],
                "county": counties[row["lanskod"]],
                "label_lat": float(row["etikett_lat"]),
                "label_lon": float(row["etikett_lon"]),
                "website": websites.get(code, ""),
            },
        )


@reference_data.loader(order=reference_data.MUNICIPALITY_PAGES)
def ensure_municipality_pages(report: reference_data.LoadReport) -> None:
    index = reference_data.ensure_index_page(MunicipalityIndexPage, "Kommuner", "kommuner", report)
    with_pages = set(MunicipalityPage.objects.values_list("municipality_id", flat=True))
    for municipality in Municipality.objects.exclude(pk__in=with_pages).order_by("code"):
        reference_data.add_child(
            index,
            report,
            "municipality pages",
            MunicipalityPage(
                title=municipality.name, slug=municipality.slug, municipality=municipality
            ),
        )
