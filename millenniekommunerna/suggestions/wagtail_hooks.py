"""Into the story editor from this side: the stories app does not know the suggestions. The
script is added to every page editor and sets itself up only where the form has a story's
goal list; without JavaScript the editor is as it was."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_suggestion_urls():
    return [path("malforslag/", views.suggest_goals, name="goal_suggestions")]


@hooks.register("insert_editor_js")
def goal_suggestions_script():
    return format_html(
        '<link rel="stylesheet" href="{}">'
        '<script src="{}" defer data-mk-goal-suggestions="{}" data-heading="{}" '
        'data-intro="{}" data-accept="{}" data-chosen="{}" data-words="{}" data-loading="{}" '
        'data-failed="{}"></script>',
        static("suggestions/goal-suggestions.css"),
        static("suggestions/goal-suggestions.js"),
        reverse("goal_suggestions"),
        _("Suggested goals"),
        _(
            "From the text as it stands. Nothing is added until you choose it, and nothing is "
            "saved until you save the story."
        ),
        pgettext("goal suggestion", "Add"),
        pgettext("goal suggestion", "Chosen"),
        _("Words in the text:"),
        _("Looking for goals that fit the text …"),
        _("The suggestions could not be fetched. The editor works as before."),
    )
