"""A story's images as open data: alt text, caption, credit and the renditions the site shows."""

import logging

from wagtail.images.models import SourceImageIOError

from .context import IMAGE_FORMAT, rendition_specs

logger = logging.getLogger(__name__)


def image_data(image, context, *, role, alt, decorative, caption=""):
    renditions = []
    try:
        found = image.get_renditions(*rendition_specs())
    except (SourceImageIOError, OSError):
        # The original file is missing (a database copied without its media): the image is
        # still described, with no files to point at.
        logger.warning("Image %s has no original file; no renditions in the API.", image.pk)
        found = {}
    for rendition in found.values():
        renditions.append(
            {
                "url": context.absolute(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "format": IMAGE_FORMAT,
            }
        )
    renditions.sort(key=lambda r: r["width"])
    return {
        "role": role,
        "alt": alt,  # empty for a decorative image (CustomImage.default_alt_text, ImageBlock)
        "decorative": bool(decorative),
        "caption": caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def story_images(story, context):
    images = []
    hero = story.hero_image
    if hero is not None:
        images.append(
            image_data(
                hero,
                context,
                role="main",
                alt=hero.default_alt_text,
                decorative=hero.is_decorative,
            )
        )
    for block in story.body or []:
        if block.block_type != "image":
            continue
        image = block.value.get("image")
        if image is None:
            continue
        # Wagtail's ImageBlock gives a decorative image an empty alt text.
        images.append(
            image_data(
                image,
                context,
                role="body",
                alt=image.contextual_alt_text or "",
                decorative=bool(image.decorative),
                caption=block.value.get("caption") or "",
            )
        )
    return images
