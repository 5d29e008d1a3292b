import io

import factory
from PIL import Image

from millenniekommunerna.municipalities.models import Municipality

from .models import Tip


def jpeg_bytes(width=40, height=30, colour=(200, 120, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


class TipFactory(factory.django.DjangoModelFactory):
    """A tip from a visitor; `municipality_code=` picks the municipality (default Östhammar)."""

    municipality = factory.LazyAttribute(
        lambda o: Municipality.objects.get(code=o.municipality_code)
    )
    name = factory.Faker("name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"tipsare{n}@example.org")
    title = factory.Sequence(lambda n: f"Matsvinn i skolan {n}")
    text = "Skolorna väger matsvinnet varje dag.\n\nSvinnet har halverats på två år."
    consent = True

    class Meta:
        model = Tip

    class Params:
        municipality_code = "0382"
        with_image = factory.Trait(
            image_data=factory.LazyFunction(jpeg_bytes),
            image_content_type="image/jpeg",
            image_width=40,
            image_height=30,
            image_description="Elever väger matrester i skolans matsal",
        )
