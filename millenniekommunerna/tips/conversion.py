"""Turning a tip into a draft story under its municipality's page, in one step."""

import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.rich_text import RichText

from millenniekommunerna.core.text import excerpt, fold_slug
from millenniekommunerna.images.validators import validate_alt_text

from .models import Tip


class AlreadyConverted(Exception):
    pass


def _unique_slug(parent, title: str) -> str:
    base = fold_slug(title)[:60].strip("-") or "berattelse"
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def paragraphs_as_rich_text(text: str) -> list[tuple[str, RichText]]:
    """The tip's plain text as paragraph blocks: every character escaped, blank lines
    separating paragraphs and single line breaks kept."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text or ""):
        lines = [escape(line.strip()) for line in paragraph.strip().splitlines() if line.strip()]
        if lines:
            blocks.append(("paragraph", RichText("<p>" + "<br/>".join(lines) + "</p>")))
    return blocks


def _usable_alt_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    try:
        validate_alt_text(text)
    except ValidationError:
        return ""
    return text


def _image_from_tip(tip: Tip, user):
    from millenniekommunerna.editorial.roles import ensure_municipality_group
    from millenniekommunerna.images.models import CustomImage

    collection = ensure_municipality_group(tip.municipality).collection
    extension = "png" if tip.image_content_type == "image/png" else "jpg"
    image = CustomImage(
        title=tip.title[:255],
        description=_usable_alt_text(tip.image_description),
        collection=collection,
        uploaded_by_user=user,
    )
    image.file.save(f"tips-{tip.pk}.{extension}", ContentFile(bytes(tip.image_data)), save=False)
    image.width, image.height = tip.image_width, tip.image_height
    image._set_image_file_metadata()
    image.save()
    return image


@transaction.atomic
def convert_to_story(tip: Tip, user):
    """Create an unpublished story from the tip under its municipality's page and return it.
    The editor then adds goals and checks the text before submitting it for review."""
    from millenniekommunerna.municipalities.models import MunicipalityPage
    from millenniekommunerna.stories.models import TEASER_MAX_LENGTH, StoryPage, StoryReviewFlag

    tip = Tip.objects.select_for_update().get(pk=tip.pk)
    if tip.story_id:
        raise AlreadyConverted(tip.story_id)
    parent = MunicipalityPage.objects.get(municipality_id=tip.municipality_id)
    image = _image_from_tip(tip, user) if tip.has_image else None
    story = StoryPage(
        title=tip.title,
        slug=_unique_slug(parent, tip.title),
        teaser=excerpt(tip.text, TEASER_MAX_LENGTH),
        body=paragraphs_as_rich_text(tip.text),
        hero_image=image,
        owner=user,
        live=False,
    )
    flags = [
        StoryReviewFlag(
            kind=StoryReviewFlag.Kind.OTHER,
            note=_(
                "Made from tip no. %(number)s. Check the facts with the municipality and "
                "choose the goals before sending the story for review."
            )
            % {"number": tip.pk},
        )
    ]
    if image is not None and not image.description:
        flags.append(
            StoryReviewFlag(
                kind=StoryReviewFlag.Kind.IMAGE_ALT_TEXT,
                note=_("The image from the tip needs an alt text."),
            )
        )
    story.review_flags = flags
    parent.add_child(instance=story)
    story.save_revision(user=user, log_action=True)
    tip.story = story
    tip.status = Tip.Status.CONVERTED
    tip.save(update_fields=["story", "status"])
    log(instance=tip, action="tips.convert_to_story", user=user, data={"page_id": story.pk})
    return story
