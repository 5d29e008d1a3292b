import factory
import wagtail_factories

from .models import CustomImage


class CustomImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Bild {n}")
    description = "Elever sorterar matrester i skolans matsal"

    class Meta:
        model = CustomImage
