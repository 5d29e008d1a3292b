"""What a story needs before it can go for review or be published: every image it shows has an
alt text that describes it (or is marked decorative), a teaser, and at least one goal.

Drafts may be saved without these; the checks apply when an editor submits the story for
review, when a reviewer approves it, and when someone publishes it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from millenniekommunerna.images.validators import validate_alt_text


@dataclass(frozen=True)
class Problem:
    field: str  # the form field to show the message on
    message: str


def image_alt_problem(image) -> str | None:
    """Why the image's own alt text (its description) is not usable, or None."""
    if image is None or getattr(image, "is_decorative", False):
        return None
    description = (getattr(image, "description", "") or "").strip()
    if not description:
        return _(
            "The main image “%(title)s” has no alt text. Describe what the image shows in the "
            "image library, or mark it as decorative."
        ) % {"title": image.title}
    try:
        validate_alt_text(description)
    except ValidationError:
        return _(
            "The main image “%(title)s” has the alt text “%(alt)s”, which looks like a file "
            "name or a number. Describe what the image shows in the image library."
        ) % {"title": image.title, "alt": description}
    return None


def body_image_problems(body) -> list[str]:
    messages = []
    images = (block for block in body or [] if block.block_type == "image")
    # "Image 2" is the second image in the text, whatever paragraphs lie between.
    for position, block in enumerate(images, start=1):
        image = block.value.get("image") if hasattr(block.value, "get") else None
        if image is None or getattr(image, "decorative", False):
            continue
        alt = (getattr(image, "contextual_alt_text", "") or "").strip()
        problem = None
        if not alt:
            problem = _("Image %(position)s in the body has no alt text.")
        else:
            try:
                validate_alt_text(alt)
            except ValidationError:
                problem = _(
                    "Image %(position)s in the body has an alt text that looks like a file "
                    "name or a number."
                )
        if problem:
            messages.append(problem % {"position": position})
    return messages


def problems(*, teaser, goals, hero_image, body) -> list[Problem]:
    found = []
    if not (teaser or "").strip():
        found.append(
            Problem(
                "teaser",
                _("Write a teaser: one or two sentences that say what the work is about."),
            )
        )
    if not goals:
        found.append(Problem("goals", _("Choose at least one goal that the work contributes to.")))
    hero_problem = image_alt_problem(hero_image)
    if hero_problem:
        found.append(Problem("hero_image", hero_problem))
    for message in body_image_problems(body):
        found.append(Problem("body", message))
    return found
