"""Loading the reference data (counties, municipalities, countries, partner places, goals) and
the page tree that hangs off it. Every step is idempotent: it creates what is missing, refreshes
reference fields, and never touches editorial fields, page titles or slugs once they exist.

Each app loads its own data: its `reference_data.py` registers its steps with `loader()`, and
`load_reference_data()` finds those modules (as Django's admin finds `admin.py`) and runs the
steps in their `order`. This module knows no app."""

import csv
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from wagtail.models import Page, Site

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The steps' order. Facts first, each before what refers to it; then the home page, which the
# other pages hang off; then the pages below it, in the order they are added to the home page
# (and so shown in its menus).
PLACES = 10
COUNTRIES = 20
GOALS = 30
HOME_PAGE = 100
STORY_INDEX = 110
MUNICIPALITY_PAGES = 120
GOAL_PAGES = 130
OPEN_DATA_PAGE = 140
ACCESSIBILITY_STATEMENT = 150


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def __str__(self):
        kinds = sorted(set(self.created) | set(self.updated))
        return "\n".join(
            f"{kind}: {self.created[kind]} created, {self.updated[kind]} updated" for kind in kinds
        )


_loaders: list[tuple[int, Callable[[LoadReport], None]]] = []


def loader(order: int):
    """Register `function(report)` as a step of the reference-data load."""

    def register(function):
        if (order, function) not in _loaders:
            _loaders.append((order, function))
        return function

    return register


def read_csv(relative_path: str) -> list[dict[str, str]]:
    with open(DATA_DIR / relative_path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def upsert(model, report, kind, lookup: dict, values: dict):
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


def add_child(parent: Page, report: LoadReport, kind: str, page: Page) -> Page:
    page.live = True
    parent.add_child(instance=page)
    report.created[kind] += 1
    return page


def home_page() -> Page:
    """The page every other page hangs off: the default site's root (`HOME_PAGE` makes it)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def ensure_index_page(model, title: str, slug: str, report: LoadReport) -> Page:
    """The one page of `model` below the home page, made when missing."""
    home = home_page()
    page = model.objects.child_of(home).first()
    if page is None:
        page = add_child(home, report, "pages", model(title=title, slug=slug, show_in_menus=True))
    return page


@transaction.atomic
def load_reference_data() -> LoadReport:
    from millenniekommunerna.core.locales import ensure_locales

    autodiscover_modules("reference_data")
    report = LoadReport()
    ensure_locales()  # Swedish and English; stories may be translated (core.locales)
    for _order, step in sorted(_loaders, key=lambda item: item[0]):
        step(report)
    return report


@loader(order=ACCESSIBILITY_STATEMENT)
def ensure_accessibility_statement(report: LoadReport) -> None:
    from millenniekommunerna.core.accessibility import statement_defaults
    from millenniekommunerna.core.models import AccessibilityStatementPage

    if not AccessibilityStatementPage.objects.exists():
        statement = AccessibilityStatementPage(**statement_defaults())
        add_child(home_page(), report, "pages", statement)
