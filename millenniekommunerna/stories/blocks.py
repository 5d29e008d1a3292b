from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

from millenniekommunerna.images.blocks import CaptionedImageBlock


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Who said it"))

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class FactBlock(blocks.StructBlock):
    """A key figure or fact set apart from the text: "10 ton" / "skolmat slängs varje år"."""

    value = blocks.CharBlock(max_length=40, label=_("Figure or short fact"))
    description = blocks.CharBlock(max_length=200, label=_("What it means"))
    source = blocks.CharBlock(required=False, max_length=200, label=_("Source"))

    class Meta:
        icon = "info-circle"
        label = _("Fact")
        template = "blocks/fact_block.html"


class StoryBodyBlock(blocks.StreamBlock):
    def clean(self, value):
        try:
            return super().clean(value)
        except StreamBlockValidationError as error:
            # Wagtail's message for the whole field is fixed English ("Validation error in
            # StreamBlock"); the editor sees it above the body text.
            error.message = _("Something in the body text needs fixing: see the marked parts.")
            raise

    heading = blocks.CharBlock(
        max_length=120, label=_("Subheading"), template="blocks/heading_block.html", icon="title"
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("Paragraph"),
        template="blocks/paragraph_block.html",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    fact = FactBlock()
