"""What a site archive holds, and what counts as an empty database to restore it into.

Every model is in the archive unless it is named below, so that a model added later is backed
up without anyone remembering to list it. The lists name models by label: this module sits in
the site layer and knows every app, but it needs none of their code."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models

# Not in the archive, ever, and why.
LEFT_OUT = {
    # Made by `migrate` in every database; rows elsewhere point at them by natural key
    # (app label and model name; codename), never by their database-specific ids.
    "contenttypes.contenttype": "made by migrate",
    "auth.permission": "made by migrate",
    # Log-ins, not content.
    "sessions.session": "log-ins",
    # Rebuilt after an import: `update_index` and `rebuild_references_index`.
    "wagtailsearch.indexentry": "rebuilt",
    "wagtailsearch.sqliteftsindexentry": "rebuilt",
    "wagtailcore.referenceindex": "rebuilt",
    # Made again from the originals when a page asks for them.
    "images.customrendition": "made again",
    "wagtailimages.rendition": "made again",
    # Editors' open forms, autosaved state and uploads not yet saved as images or documents.
    "wagtailadmin.editingsession": "passing state",
    "wagtailadmin.formstate": "passing state",
    "wagtailcore.uploadedfile": "passing state",
    # oEmbed answers, fetched again.
    "wagtailembeds.embed": "a cache",
}

# In the archive only when asked: visitors' names and e-mail addresses — their tips and their
# follow-by-email subscriptions (--with-tips) — and credentials (--with-passwords; without it
# the users' password hashes are left out too).
TIPS = {
    "tips.tip",
    "subscriptions.subscriber",
    "subscriptions.follow",
    "subscriptions.delivery",
}
SECRETS = {"wagtailcore.apitoken"}

# What `migrate`, `load_reference_data` and `setup_editorial` make: a database holding only
# these is empty, and the archive replaces them (the page tree's root and home page, the default
# site and locales, the root collection, Wagtail's and the project's groups, workflows and
# tasks, and the reference data). Every other model must have no rows. Pages are counted by
# their specific type (a story is a StoryPage row as well as a Page row), so the Page table
# itself is not counted; a page an editor made or changed has a revision, and revisions count.
SCAFFOLDING = {
    "wagtailcore.page",
    "wagtailcore.locale",
    "wagtailcore.site",
    "wagtailcore.collection",
    "wagtailcore.grouppagepermission",
    "wagtailcore.groupcollectionpermission",
    "wagtailcore.workflow",
    "wagtailcore.workflowpage",
    "wagtailcore.workflowtask",
    "wagtailcore.task",
    "wagtailcore.groupapprovaltask",
    "editorial.nationalreviewtask",
    "auth.group",
    "municipalities.county",
    "municipalities.municipality",
    "goals.goal",
    "goals.goalmapping",
    "partnerships.country",
    "partnerships.partnerplace",
    "partnerships.fundingprogramme",
    "home.homepage",
    "stories.storyindexpage",
    "municipalities.municipalityindexpage",
    "municipalities.municipalitypage",
    "goals.goalindexpage",
    "goals.goalpage",
    "api.opendatapage",
    "core.accessibilitystatementpage",
}
# Scaffolding only in part: the page log's entries without a user are the pages' creation by
# `load_reference_data`; an entry with a user is an editor's doing.
PARTLY_SCAFFOLDING = {"wagtailcore.pagelogentry": models.Q(user__isnull=True)}


def label(model) -> str:
    return model._meta.label_lower


def stored_models(include_auto_created=False):
    """Every model with a table of its own, in the order of INSTALLED_APPS."""
    return [
        model
        for model in apps.get_models(include_auto_created=include_auto_created)
        if model._meta.managed and not model._meta.proxy
    ]


@dataclass(frozen=True)
class Selection:
    with_passwords: bool = False
    with_tips: bool = False

    def includes(self, model) -> bool:
        name = label(model)
        if name in LEFT_OUT:
            return False
        if name in TIPS:
            return self.with_tips
        if name in SECRETS:
            return self.with_passwords
        return True

    def models(self):
        return [model for model in stored_models() if self.includes(model)]


def replaced_models():
    """What an import empties before it loads the archive: every table an archive may fill,
    their many-to-many tables, and the derived tables that would point at what is gone."""
    keep = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    return [
        model
        for model in stored_models(include_auto_created=True)
        if label(model) not in keep and model._meta.app_label != "wagtailsearch"
    ]


def content_counts(using="default") -> dict:
    """{model: rows} of what makes a database not empty: rows of any model an archive holds
    that migrations and the reference data do not make."""
    everything = Selection(with_passwords=True, with_tips=True)
    found = {}
    for model in everything.models():
        name = label(model)
        if name in SCAFFOLDING:
            continue
        rows = model._base_manager.using(using).all()
        if name in PARTLY_SCAFFOLDING:
            rows = rows.exclude(PARTLY_SCAFFOLDING[name])
        count = rows.count()
        if count:
            found[model] = count
    return found


def file_fields(model):
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and field.model is model
    ]
