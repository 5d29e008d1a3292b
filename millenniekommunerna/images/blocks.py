from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

from .validators import validate_alt_text


class DescribedImageBlock(ImageBlock):
    """Wagtail's ImageBlock (alt text or decorative) plus our rule that the alt text must not
    be a file name or a number."""

    def clean(self, value):
        value = super().clean(value)
        if value and not value.decorative and value.contextual_alt_text:
            try:
                validate_alt_text(value.contextual_alt_text)
            except ValidationError as error:
                raise StructBlockValidationError(block_errors={"alt_text": error}) from error
        return value


class CaptionedImageBlock(blocks.StructBlock):
    image = DescribedImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/captioned_image_block.html"
