"""Writing a parsed listing into the page tree.

Everything is checked against the database first (`planning`: municipalities, lengths, the
goals file); only a listing without problems is written, in one transaction. Each card becomes
a published `StoryPage` under its municipality's page, identified by (municipality, slug of the
title), so a second import of the same file changes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction

from millenniekommunerna.core.text import excerpt
from millenniekommunerna.images.validators import looks_like_file_name
from millenniekommunerna.municipalities.models import Municipality

from ..models import StoryPage, StoryReviewFlag
from .enrichment import GoalRow
from .listing import Card, Listing, normalise_space
from .partnerships import add_partnerships, partnerships_of
from .planning import Plan, plan_import
from .source import Source, sync_source

Flag = StoryReviewFlag.Kind

MILLENNIUM_NOTE = "Berättelse på programmets webbsida (SKL:s Millenniekommunerna)"
_CAPTION_IN_NOTE = 380  # the note field holds 500 characters, the caption is free text

FLAG_LABELS = {
    Flag.IMAGE_ALT_TEXT: "bild utan alt-text",
    Flag.IMAGE_MISSING: "bild saknas",
    Flag.TEASER_INCOMPLETE: "ingressen avklippt",
    Flag.BODY_MISSING: "brödtext saknas",
}


def _caption(card: Card) -> str:
    caption = card.caption
    return caption if len(caption) <= _CAPTION_IN_NOTE else caption[: _CAPTION_IN_NOTE - 1] + "…"


def wanted_flags(card: Card) -> dict[str, str]:
    """The review flags a freshly imported card needs, with their notes for the editor."""
    flags = {}
    if card.caption and looks_like_file_name(card.caption):
        flags[Flag.IMAGE_ALT_TEXT] = (
            f"Bilden i källan hade filnamnet «{_caption(card)}» som alt-text; ladda upp bilden "
            "med en beskrivande alt-text"
        )
    elif card.caption:
        flags[Flag.IMAGE_MISSING] = (
            f"Bild i källan: «{_caption(card)}» – ladda upp bilden och använd texten som "
            "alt-text om den stämmer"
        )
    if not teaser_is_complete(card.teaser):
        flags[Flag.TEASER_INCOMPLETE] = (
            "Ingressen slutar mitt i en mening i källan; skriv klart den eller korta den till "
            "hela meningar"
        )
    flags[Flag.BODY_MISSING] = (
        "Listan i källan hade bara ingressen; lägg in berättelsens text från projektets sida"
    )
    return flags


def teaser_is_complete(teaser: str) -> bool:
    # Cards show `excerpt()` of the teaser, which adds "…" exactly when the text is cut off.
    return excerpt(teaser, limit=len(teaser)) == normalise_space(teaser)


@dataclass
class StoryResult:
    card: Card
    municipality: Municipality
    status: str = "unchanged"  # "created", "updated", "unchanged" or "kept" (editor's work)
    changes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """The source's alt text was a file name, so the importer had to leave the image out."""
        return Flag.IMAGE_ALT_TEXT in self.flags


@dataclass
class ImportReport:
    stories: list[StoryResult] = field(default_factory=list)
    partnerships_created: int = 0
    millennium_marked: list[Municipality] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for s in self.stories if s.status == status)

    @property
    def flagged(self) -> int:
        return sum(1 for s in self.stories if s.flagged)

    def summary(self) -> str:
        summary = (
            f"Skapade: {self.count('created')}, uppdaterade: {self.count('updated')}, "
            f"oförändrade: {self.count('unchanged')}, flaggade: {self.flagged}"
        )
        if self.count("kept"):
            summary += f", redigerade av redaktör (lämnade orörda): {self.count('kept')}"
        return summary


def _sync_flags(page: StoryPage, wanted: dict[str, str]) -> bool:
    """Add the flags a story needs and has not got; drop those whose problem an editor has
    since fixed (an image uploaded, the body written). Never adds a second flag of a kind."""
    existing = list(page.review_flags.all())
    kinds = {flag.kind for flag in existing}
    fixed = {
        Flag.IMAGE_ALT_TEXT: page.hero_image_id is not None,
        Flag.IMAGE_MISSING: page.hero_image_id is not None,
        Flag.TEASER_INCOMPLETE: teaser_is_complete(page.teaser),
        Flag.BODY_MISSING: bool(page.body),
    }
    changed = False
    for flag in existing:
        if fixed.get(flag.kind):
            page.review_flags.remove(flag)
            changed = True
    for kind, note in wanted.items():
        if kind not in kinds and not fixed[kind]:
            page.review_flags.add(StoryReviewFlag(kind=kind, note=note))
            changed = True
    return changed


def _add_missing(relation, wanted) -> bool:
    # `set()`, not `add()`: on a page not yet saved, modelcluster only supports `set()`.
    have = list(relation.all())
    missing = [obj for obj in wanted if obj.pk not in {h.pk for h in have}]
    if missing:
        relation.set([*have, *missing])
    return bool(missing)


def edited_by_an_editor(page: StoryPage) -> bool:
    """Whether someone has saved the story in the admin. The importer saves its revisions
    without a user, so any revision with one is an editor's work."""
    return page.revisions.exclude(user=None).exists()


def _apply_plan(plan: Plan, dry_run: bool, overwrite: bool, source: Source | None) -> StoryResult:
    card = plan.card
    result = StoryResult(card=card, municipality=plan.municipality)
    page = StoryPage.objects.child_of(plan.parent).filter(slug=card.slug).first()
    if page is None:
        result.status = "created"
        page = StoryPage(slug=card.slug)  # its text is set below, as an update's is
    elif not overwrite and edited_by_an_editor(page):
        # Running `make run` again must never lose what editors wrote.
        result.status = "kept"
        result.warnings.append(
            "har redigerats i redaktörsgränssnittet och lämnades orörd (--overwrite skriver över)"
        )
        return result
    changes = result.changes

    if page.title != card.title:
        page.title = card.title
        changes.append("titel")
    if page.teaser != card.teaser:
        page.teaser = card.teaser
        changes.append("ingress")
    if plan.goals is not None and {g.pk for g in page.goals.all()} != {g.pk for g in plan.goals}:
        page.goals.set(plan.goals)
        changes.append("mål")
    # Places and countries are only added: an editor may know of more than the teaser names.
    if _add_missing(page.partner_places, plan.places):
        changes.append("samarbetsorter")
    if _add_missing(page.countries, plan.countries):
        changes.append("länder")
    if _add_missing(page.partnerships, partnerships_of(plan)):
        changes.append("samarbeten")
    # Only an unknown status is filled in: an editor may know that the work has moved on.
    if plan.status and not page.status:
        page.status = plan.status
        changes.append("status")
    if _sync_flags(page, wanted_flags(card)):
        changes.append("granskningsflaggor")
    if sync_source(page, source or Source()):
        changes.append("källa")
    kinds = {flag.kind for flag in page.review_flags.all()}
    result.flags = [k for k in FLAG_LABELS if k in kinds] + sorted(kinds - set(FLAG_LABELS))

    if result.status == "created":
        changes.clear()
        if not dry_run:
            plan.parent.add_child(instance=page)  # logs the creation, as the admin does
            page.save_revision().publish()
        return result
    if not changes:
        return result
    result.status = "updated"
    if page.has_unpublished_changes:
        result.warnings.append(
            "hade ett opublicerat utkast; importens version sparades ovanpå (utkastet finns kvar "
            "i historiken)"
        )
    if dry_run:
        return result
    revision = page.save_revision(log_action=True)
    if page.live:
        revision.publish()
    else:
        result.warnings.append("är avpublicerad; ändringarna sparades som utkast")
    return result


def _mark_millennium(plans: list[Plan], dry_run: bool) -> list[Municipality]:
    """Taking part in the programme is what put a story on its page. Only the status and the
    reason are set; the decision and diploma dates are not in the source, so they stay empty."""
    municipalities = {plan.municipality.pk: plan.municipality for plan in plans}.values()
    marked = [
        m
        for m in sorted(municipalities, key=lambda m: m.name)
        if not m.is_millennium_municipality and not m.millennium_note
    ]
    if not dry_run:
        for municipality in marked:
            municipality.is_millennium_municipality = True
            municipality.millennium_note = MILLENNIUM_NOTE
            municipality.save(update_fields=["is_millennium_municipality", "millennium_note"])
    return marked


def import_listing(
    listing: Listing,
    goal_rows: list[GoalRow] | None = None,
    *,
    goals_source: str,
    dry_run: bool,
    mark_millennium: bool,
    overwrite: bool,
    source: Source | None,
) -> ImportReport:
    """Import every card or nothing. `goal_rows=None` leaves the stories' goals alone; `source`
    says where the listing's stories were first published (by default the Millennium
    Municipalities programme's pages, 2010–2015)."""
    report = ImportReport()
    with transaction.atomic():
        plans = plan_import(listing, goal_rows, goals_source)
        # The partnerships first, so that each story is linked to its own.
        report.partnerships_created = add_partnerships(plans, dry_run)
        # The old page listed its newest story first; creating the last card first keeps that
        # order on the site, which lists stories newest first.
        results = [_apply_plan(plan, dry_run, overwrite, source) for plan in reversed(plans)]
        report.stories = results[::-1]
        if mark_millennium:
            report.millennium_marked = _mark_millennium(plans, dry_run)
    return report
