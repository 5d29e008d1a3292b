from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminPageForm

from . import quality
from .results_display import EMAIL, URL

# Editor actions that send a story for review or make it public. Saving a draft, cancelling a
# workflow and requesting changes are not among them: those must always work.
_CHECKED_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class StoryPageForm(WagtailAdminPageForm):
    """The story editor's form: refuses to submit, approve or publish a story that fails the
    quality checks, with the reason beside the field concerned; and accepts only images the
    editor may choose (their municipality's collection), since the image choosers' form
    fields would otherwise take any image's id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The checklist names each place with its country's code (one query, not one a
        # place) and offers the municipality's own partner places first.
        if "partner_places" in self.fields:
            field = self.fields["partner_places"]
            field.queryset = field.queryset.select_related("country")
            partners = self.partner_place_ids()
            if partners:
                field.widget.primary_values = partners
                field.widget.secondary_hint = _(
                    "Your municipality's partner places are listed; search to find another."
                )
        if getattr(self.instance, "is_translation", False):
            # A translation holds text only: goals, partners, years and the main image are
            # the Swedish story's (StoryPage.STRUCTURAL_FIELDS), so they are not asked for
            # here. Wagtail hides a panel whose field the form does not have.
            for name in self.instance.STRUCTURAL_FIELDS:
                self.fields.pop(name, None)

    def municipality(self):
        """The municipality the story belongs to: its own, or its parent page's when new."""
        if getattr(self.instance, "municipality_id", None):
            return self.instance.municipality
        parent = getattr(self, "parent_page", None)
        return getattr(getattr(parent, "specific", None), "municipality", None)

    def partner_place_ids(self) -> set[int]:
        from millenniekommunerna.partnerships.models import Partnership

        municipality = self.municipality()
        if municipality is None:
            return set()
        return set(
            Partnership.objects.filter(municipality=municipality).values_list(
                "partner_place_id", flat=True
            )
        )

    def _choosable_image_ids(self):
        from wagtail.images import get_image_model
        from wagtail.permissions import policy_registry

        if not hasattr(self, "_choosable"):
            policy = policy_registry.get_by_type(get_image_model())
            user = self.for_user
            choosable = (
                policy.instances_user_has_any_permission_for(user, ["choose"])
                if user is not None
                else get_image_model().objects.none()
            )
            self._choosable = set(choosable.values_list("pk", flat=True))
        return self._choosable

    def _images_already_used(self):
        """Images the story already had: keeping them is always allowed."""
        if not self.instance.pk:
            return set()
        previous = self.instance.get_latest_revision_as_object()
        used = {previous.hero_image_id} | {
            block.value["image"].pk
            for block in previous.body
            if block.block_type == "image" and block.value.get("image") is not None
        }
        return used - {None}

    def clean_images(self, cleaned_data):
        if self.for_user is None or self.for_user.is_superuser:
            return
        chosen = []
        if cleaned_data.get("hero_image") is not None:
            chosen.append(("hero_image", cleaned_data["hero_image"].pk))
        for block in cleaned_data.get("body") or []:
            if block.block_type == "image" and block.value.get("image") is not None:
                chosen.append(("body", block.value["image"].pk))
        allowed = self._choosable_image_ids() | self._images_already_used()
        for field, image_id in chosen:
            if image_id not in allowed:
                self.add_error(
                    field,
                    _("You can only use images from your municipality's image collection."),
                )

    def is_going_for_review_or_live(self) -> bool:
        if self.is_deferred_validation:  # saving a draft
            return False
        if any(self.data.get(name) for name in _CHECKED_ACTIONS):
            return True
        return bool(self.data.get("action-workflow-action")) and (
            self.data.get("workflow-action-name") == "approve"
        )

    def clean_contact(self, cleaned_data):
        """A contact is a role and an organisation: readers reach them through the site, and
        an address on a public page would be harvested."""
        for name in ("contact_role", "contact_organisation"):
            value = cleaned_data.get(name) or ""
            if EMAIL.search(value):
                self.add_error(
                    name,
                    _(
                        "Give a role or an organisation, not an e-mail address: readers reach "
                        "the municipality through the site."
                    ),
                )
            elif URL.search(value):
                self.add_error(name, _("Give a role or an organisation, not a web address."))

    def clean(self):
        cleaned_data = super().clean()
        self.clean_images(cleaned_data)
        self.clean_contact(cleaned_data)
        # A feature checks the fields it gives meaning to (reuse: `adapted_from`), drafts too.
        for check in hooks.get_hooks("clean_story_form"):
            check(self, cleaned_data)
        if not self.is_going_for_review_or_live():
            return cleaned_data
        if getattr(self.instance, "is_translation", False):
            story = self.instance.original
            goals, hero_image = list(story.goals.all()), story.hero_image
        else:
            goals, hero_image = cleaned_data.get("goals"), cleaned_data.get("hero_image")
        found = quality.problems(
            teaser=cleaned_data.get("teaser"),
            goals=goals,
            hero_image=hero_image,
            body=cleaned_data.get("body"),
        )
        if not found:
            return cleaned_data
        self.add_error(
            None,
            _(
                "The story cannot be sent for review or published yet. Fix what is marked "
                "below; you can save it as a draft in the meantime."
            ),
        )
        for problem in found:
            field = problem.field if problem.field in self.fields else None
            if field and field in self.errors and problem.field in ("teaser", "body"):
                continue  # the field's own validation has already said what is wrong
            self.add_error(field, problem.message)
        return cleaned_data
