from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Page
from wagtail.permissions import policy_registry

from millenniekommunerna.stories.models import StoryPage

from .models import story_problems


def _problem_list(found):
    return format_html_join("", "<li>{}</li>", ((problem.message,) for problem in found))


@hooks.register("before_edit_page")
def show_what_stops_the_story_from_review(request, page):
    """Tell the editor up front what must be fixed before the story can be sent for review
    (and tell a reviewer why there is no approve button)."""
    if request.method != "GET":
        return None
    found = story_problems(page.specific.get_latest_revision_as_object())
    if found:
        messages.warning(
            request,
            format_html(
                "{}<ul>{}</ul>",
                _("Before this story can be sent for review or published:"),
                _problem_list(found),
            ),
        )
    return None


# Editor actions that send a story for review (stories.forms checks the story first).
_REVIEW_ACTIONS = ("action-submit", "action-restart-workflow")


@hooks.register("before_edit_page")
def save_the_draft_when_only_the_checks_stop_it(request, page):
    """An editor who sends an incomplete story for review gets an honest answer: what they
    wrote is saved as a draft (as "Spara utkast" would), and the page says it was not sent
    and lists what stops it — not Wagtail's "could not be saved" beside an autosaved draft.
    Anything else that is wrong (a missing title, a locked page) takes Wagtail's usual path."""
    if request.method != "POST" or not any(request.POST.get(a) for a in _REVIEW_ACTIONS):
        return None
    specific = page.specific
    if not isinstance(specific, StoryPage):
        return None
    permissions = page.permissions_for_user(request.user)
    lock = page.get_lock()
    if not permissions.can_edit() or (lock is not None and lock.for_user(request.user)):
        return None
    latest = specific.get_latest_revision_as_object()
    form_class = specific.get_edit_handler().get_form_class()

    def form(data, instance):
        return form_class(
            data,
            request.FILES,
            instance=instance,
            parent_page=page.get_parent(),
            for_user=request.user,
        )

    if form(request.POST, latest).is_valid():
        return None  # nothing stops it: Wagtail sends it for review
    as_draft = request.POST.copy()
    for action in _REVIEW_ACTIONS:
        as_draft.pop(action, None)
    draft_form = form(as_draft, specific.get_latest_revision_as_object())
    if not draft_form.is_valid():
        return None  # more is wrong than the checks: Wagtail shows it field by field
    draft = draft_form.save(commit=False)
    draft.save_revision(user=request.user, log_action=True)
    messages.warning(
        request,
        _(
            "Your changes are saved as a draft, but the story was not sent for review. Fix "
            "what is listed here, then send it again."
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_edit_page")
def show_the_reviewers_request(request, page):
    """When a reviewer has asked for changes, the editor opening the story sees who asked,
    when, and the comment in full — first thing, not behind the status panel's details."""
    if request.method != "GET":
        return None
    from wagtail.models import TaskState, WorkflowState

    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    rejected = (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    if rejected is None:
        return None
    reviewer = rejected.finished_by
    name = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else _("a reviewer")
    when = date_format(localtime(rejected.finished_at), "j F Y H:i")
    comment = (rejected.comment or "").strip()
    messages.warning(
        request,
        format_html(
            "<strong>{}</strong> {}",
            _("Changes requested by %(name)s, %(when)s.") % {"name": name, "when": when},
            _("“%(comment)s”") % {"comment": comment}
            if comment
            else _("No comment was written; ask the reviewer what to change."),
        ),
    )
    return None


@hooks.register("after_edit_page")
def say_published_with_the_link(request, page):
    """Approving in the review publishes the story: say so, with the address readers use,
    instead of only Wagtail's "has been updated"."""
    approving = request.POST.get("action-workflow-action") and (
        request.POST.get("workflow-action-name") == "approve"
    )
    if not approving:
        return None
    page = page.specific_class.objects.get(pk=page.pk)
    if not page.live or page.has_unpublished_changes:
        return None
    from millenniekommunerna.core import public_url

    address = public_url.absolute(page.get_url(request), request)
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("“%(title)s” is published:") % {"title": page.get_admin_display_title()},
            address,
            address,
        ),
    )
    return None


@hooks.register("before_edit_page")
def warn_of_places_without_a_partnership(request, page):
    """A story that names a partner place its municipality has no partnership with is
    probably wrong (a place picked from the whole list): say so, and how to put it right."""
    if request.method != "GET" or not isinstance(page.specific, StoryPage):
        return None
    story = page.specific.get_latest_revision_as_object()
    if story.is_translation or story.municipality_id is None:
        return None
    from millenniekommunerna.partnerships.models import Partnership

    partners = set(
        Partnership.objects.filter(municipality_id=story.municipality_id).values_list(
            "partner_place_id", flat=True
        )
    )
    strangers = [place for place in story.partner_places.all() if place.pk not in partners]
    if strangers:
        messages.warning(
            request,
            _(
                "%(places)s: %(municipality)s has no partnership with this place. Is it right? "
                "If the work is a partnership, ask a national editor to add it; otherwise "
                "remove the place, or propose a new one under Partnerships."
            )
            % {
                "places": ", ".join(str(place) for place in strangers),
                "municipality": story.municipality.name,
            },
        )
    return None


@hooks.register("before_edit_page")
def say_which_story_a_translation_translates(request, page):
    """The editor of a translation sees what it is a translation of, with a link to the
    Swedish story, and where its goals, partners, years and main image are edited."""
    if request.method != "GET" or not getattr(page.specific, "is_translation", False):
        return None
    from django.urls import reverse

    from .translation import language_name

    translated = page.specific
    original = translated.original
    messages.info(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _(
                "This is the %(language)s translation of a Swedish story. Its goals, partner "
                "places, years and main image are the Swedish story's and are edited there:"
            )
            % {"language": language_name(translated.language)},
            reverse("wagtailadmin_pages:edit", args=[original.pk]),
            original.title,
        ),
    )
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_incomplete_stories(request, action_type, objects, action_class):
    if action_type != "publish":
        return None
    incomplete = []
    for obj in objects:
        latest = obj.specific.get_latest_revision_as_object()
        if story_problems(latest):
            incomplete.append(latest.title)
    if not incomplete:
        return None
    messages.error(
        request,
        format_html(
            "{}<ul>{}</ul>",
            _(
                "Nothing was published: these stories lack alt text, a teaser or goals. Open "
                "each one to see what is missing."
            ),
            format_html_join("", "<li>{}</li>", ((title,) for title in incomplete)),
        ),
    )
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_explore_root")


@hooks.register("before_move_page")
def check_move_permission_before_confirming(request, page_to_move, destination):
    """Wagtail's move confirmation page checks permissions only when the move is posted, so
    it would show any page's title to anyone who guesses its id."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_drafts_the_user_cannot_edit(pages, request):
    """The page chooser (links, page fields) lists every page by default, drafts included; a
    municipality editor must not see another municipality's unpublished stories there."""
    user = request.user
    if user.is_superuser:
        return pages
    editable = policy_registry.get_by_type(Page).instances_user_has_any_permission_for(
        user, ["add", "change", "publish"]
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


@hooks.register("register_admin_urls")
def register_editorial_admin_urls():
    from django.urls import include, path

    from .views import TranslateStoryView
    from .worklist import WorkListView

    return [
        path(
            "redaktion/",
            include(
                (
                    [
                        path(
                            "oversattning/<int:page_id>/<str:language>/",
                            TranslateStoryView.as_view(),
                            name="translate_story",
                        ),
                        path("att-atgarda/", WorkListView.as_view(), name="worklist"),
                        path(
                            "att-atgarda/resultat/",
                            WorkListView.as_view(results_only=True),
                            name="worklist_results",
                        ),
                    ],
                    "editorial_admin",
                ),
                namespace="editorial_admin",
            ),
        )
    ]


def _translate_buttons(page, user, priority):
    from django.urls import reverse
    from wagtail.admin import widgets

    from .translation import (
        existing_translation,
        language_name,
        translation_languages,
        user_can_translate,
    )

    if not user_can_translate(user, page):
        return
    for language in translation_languages():
        name = language_name(language)
        existing = existing_translation(page, language)
        if existing is not None:
            label = _("Edit the translation into %(language)s") % {"language": name}
            url = reverse("wagtailadmin_pages:edit", args=[existing.pk])
        else:
            label = _("Translate into %(language)s") % {"language": name}
            url = reverse("editorial_admin:translate_story", args=[page.pk, language])
        yield widgets.Button(label, url, icon_name="globe", priority=priority)


@hooks.register("register_page_header_buttons")
def translate_story_header_buttons(page, user, view_name=None, next_url=None):
    """A Swedish story's editor menu offers its English translation: to create or to edit."""
    yield from _translate_buttons(page, user, priority=60)


@hooks.register("register_page_listing_more_buttons")
def translate_story_listing_buttons(page, user, next_url=None):
    yield from _translate_buttons(page, user, priority=60)


@hooks.register("register_reports_menu_item")
def register_worklist_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    from .worklist import user_has_stories

    class WorkListMenuItem(MenuItem):
        def is_shown(self, request):
            return user_has_stories(request.user)

    return WorkListMenuItem(
        _("To do"), reverse("editorial_admin:worklist"), icon_name="tasks", order=10
    )


@hooks.register("construct_homepage_panels")
def add_worklist_panel(request, panels):
    from .worklist import WorkListPanel, user_has_stories

    if user_has_stories(request.user):
        panels.append(WorkListPanel(request))


@hooks.register("construct_homepage_panels")
def show_the_review_queue_with_municipality_and_waiting_time(request, panels):
    from wagtail.admin.views.home import WorkflowObjectsToModeratePanel

    from .review_queue import ReviewQueuePanel

    panels[:] = [
        ReviewQueuePanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]
