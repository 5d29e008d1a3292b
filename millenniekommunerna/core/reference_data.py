"""Loading the reference data (counties, municipalities, countries, partner places, goals) and
the page tree that hangs off it. Every step is idempotent: it creates what is missing, refreshes
reference fields, and never touches editorial fields, page titles or slugs once they exist."""

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Page, Site

from millenniekommunerna.core.text import fold_slug

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def __str__(self):
        kinds = sorted(set(self.created) | set(self.updated))
        return "\n".join(
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated" for kind in kinds
        )


def read_csv(relative_path: str) -> list[dict[str, str]]:
    with open(DATA_DIR / relative_path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(model, report, kind, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.created[kind] += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
        report.updated[kind] += 1
    return obj


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


def load_places(report: LoadReport) -> None:
    from millenniekommunerna.municipalities.models import County, Municipality
    from millenniekommunerna.partnerships.models import Country, PartnerPlace

    county_rows = read_csv("sweden/lan.csv")
    counties = {}
    for row in county_rows:
        counties[row["lanskod"]] = _upsert(
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

    websites = {row["kommunkod"]: row["url"] for row in read_csv("sweden/kommuner_webbplatser.csv")}
    rows = read_csv("sweden/kommuner.csv")
    slugs = municipality_slugs(rows, {c: r.short_name for c, r in counties.items()})
    existing_slugs = dict(Municipality.objects.values_list("code", "slug"))
    for row in rows:
        code = row["kommunkod"]
        _upsert(
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

    for row in read_csv("world/countries.csv"):
        _upsert(
            Country,
            report,
            "countries",
            {"code": row["alpha2"]},
            {
                "code_alpha3": row["alpha3"],
                "numeric_code": row["numeric"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en_cldr"] or row["name_en_iso"],
            },
        )

    names = {row["geonameid"]: row for row in read_csv("world/partner_place_names.csv")}
    countries = {c.code: c for c in Country.objects.all()}
    for row in read_csv("world/partner_places.csv"):
        editorial = names.get(row["geonameid"], {})
        name = editorial.get("name") or row["name"]
        _upsert(
            PartnerPlace,
            report,
            "partner places",
            {"geonames_id": int(row["geonameid"])},
            {
                "name": name,
                "slug": fold_slug(name),
                "country": countries[row["country_code"]],
                "kind": editorial.get("kind") or row["kind"],
                "region": row["admin1_name"],
                "latitude": float(row["lat"]),
                "longitude": float(row["lon"]),
                "aliases": ";".join(
                    a for a in (editorial.get("aliases") or "").split(";") if a.strip()
                ),
            },
        )


def load_goals(report: LoadReport) -> None:
    from millenniekommunerna.goals.models import Goal, GoalMapping

    goals = {}
    for row in read_csv("goals/goals.csv"):
        number = int(row["number"])
        goals[(row["kind"], number)] = _upsert(
            Goal,
            report,
            "goals",
            {"kind": row["kind"], "number": number},
            {
                "slug": f"{row['kind']}-{number}",
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "colour": row["colour"].upper(),
            },
        )
    for row in read_csv("goals/mdg_sdg_mapping.csv"):
        _upsert(
            GoalMapping,
            report,
            "goal mappings",
            {"mdg": goals[("mdg", int(row["mdg"]))], "sdg": goals[("sdg", int(row["sdg"]))]},
            {"note": row["note"]},
        )


def _add_child(parent: Page, report: LoadReport, kind: str, page: Page) -> Page:
    page.live = True
    parent.add_child(instance=page)
    report.created[kind] += 1
    return page


def ensure_page_tree(report: LoadReport) -> None:
    """Home page as the site root, the index pages below it, and one page per municipality and
    per goal. Existing pages are left exactly as editors left them."""
    from millenniekommunerna.api.models import OpenDataPage
    from millenniekommunerna.core.accessibility import statement_defaults
    from millenniekommunerna.core.models import AccessibilityStatementPage
    from millenniekommunerna.goals.models import Goal, GoalIndexPage, GoalPage
    from millenniekommunerna.home.models import HomePage
    from millenniekommunerna.municipalities.models import (
        Municipality,
        MunicipalityIndexPage,
        MunicipalityPage,
    )
    from millenniekommunerna.stories.models import StoryIndexPage

    locale = Locale.get_default()
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = _add_child(
            root,
            report,
            "pages",
            HomePage(
                title="Millenniekommunerna",
                slug="hem",
                locale=locale,
                intro=(
                    "<p>Det här är Millenniekommunerna: berättelser om hur Sveriges kommuner "
                    "arbetar lokalt för de globala utvecklingsmålen – från millenniemålen "
                    "2000–2015 till Agenda 2030 och de 17 globala målen.</p>"
                ),
            ),
        )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Millenniekommunerna",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Millenniekommunerna"
        site.save()
        # Wagtail's placeholder "Welcome to your new Wagtail site!" page goes.
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()

    def index_page(model, title, slug):
        page = model.objects.child_of(home).first()
        if page is None:
            page = _add_child(
                home, report, "pages", model(title=title, slug=slug, show_in_menus=True)
            )
        return page

    stories_index = index_page(StoryIndexPage, "Berättelser", "berattelser")
    municipality_index = index_page(MunicipalityIndexPage, "Kommuner", "kommuner")
    goal_index = index_page(GoalIndexPage, "Målen", "mal")
    del stories_index
    if not OpenDataPage.objects.exists():
        _add_child(home, report, "pages", OpenDataPage(title="Öppna data", slug="oppna-data"))
    if not AccessibilityStatementPage.objects.exists():
        statement = AccessibilityStatementPage(**statement_defaults())
        _add_child(home, report, "pages", statement)

    with_pages = set(MunicipalityPage.objects.values_list("municipality_id", flat=True))
    for municipality in Municipality.objects.exclude(pk__in=with_pages).order_by("code"):
        _add_child(
            municipality_index,
            report,
            "municipality pages",
            MunicipalityPage(
                title=municipality.name, slug=municipality.slug, municipality=municipality
            ),
        )

    with_pages = set(GoalPage.objects.values_list("goal_id", flat=True))
    for goal in Goal.objects.exclude(pk__in=with_pages):
        title = (
            f"Mål {goal.number}: {goal.name_sv}"
            if goal.kind == Goal.Kind.SDG
            else f"Millenniemål {goal.number}: {goal.name_sv}"
        )
        _add_child(
            goal_index, report, "goal pages", GoalPage(title=title, slug=goal.slug, goal=goal)
        )


@transaction.atomic
def load_reference_data() -> LoadReport:
    from millenniekommunerna.core.locales import ensure_locales

    report = LoadReport()
    ensure_locales()  # Swedish and English; stories may be translated (core.locales)
    load_places(report)
    load_goals(report)
    ensure_page_tree(report)
    return report
