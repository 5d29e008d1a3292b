import pytest
from django.core.exceptions import ValidationError

from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.images.validators import looks_like_file_name, validate_alt_text

FILE_NAMES = [
    "DSCN0010_webb",
    "11020",
    "IMG_1234.jpg",
    "2009_0213_100_webb_290_2",
    "DSC00042",
    "P1010203.JPG",
    "bild.png",
    "Skärmavbild 2014-03-02 kl. 10.11.12",
    "  11020  ",
    "2012-05-03",
    "photo_2.jpeg",
]

REAL_ALT_TEXTS = [
    "Växjö budgeterar CO2",
    "Fairtrade City",
    "Anna Ågerfalk, kommunalråd i Örebro kommun",
    "Elever i Kalix äter lokalproducerad lunch",
    "Brandmän i Poti provar en ny brandbil 2012",
    "Karta över Kisumu",
    "E.ON:s biogasmack i Älmhult",
    "Gatlampor längs Storgatan i Gnosjö",
]


@pytest.mark.parametrize("text", FILE_NAMES)
def test_file_names_and_numbers_are_refused(text):
    assert looks_like_file_name(text)
    with pytest.raises(ValidationError) as error:
        validate_alt_text(text)
    assert "ser ut som ett filnamn" in str(error.value.messages[0])


GENERIC_ALT_TEXTS = ["bild", "Foto", "image", "en bild", "logga", "Logo", "Bild på", "Photo of"]


@pytest.mark.parametrize("text", GENERIC_ALT_TEXTS)
def test_words_that_only_name_the_medium_are_refused(text):
    with pytest.raises(ValidationError) as error:
        validate_alt_text(text)
    message = str(error.value.messages[0])
    assert "säger bara att det är en bild" in message
    assert "Elever sorterar matrester i skolmatsalen" in message, "the worked example is shown"


@pytest.mark.parametrize("text", ["Karta", "Kisumu", "Skola"])
def test_a_single_word_is_too_short_to_describe_an_image(text):
    with pytest.raises(ValidationError) as error:
        validate_alt_text(text)
    assert "för kort" in str(error.value.messages[0])


@pytest.mark.django_db
def test_a_generic_alt_text_is_refused_on_the_image_but_a_decorative_image_needs_none():
    image = CustomImageFactory.build(description="logga")
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "description" in error.value.message_dict
    CustomImageFactory.build(description="logga", is_decorative=True).clean()


@pytest.mark.parametrize("text", REAL_ALT_TEXTS)
def test_real_alt_texts_pass(text):
    assert not looks_like_file_name(text)
    validate_alt_text(text)


@pytest.mark.django_db
class TestCustomImage:
    def test_file_name_alt_text_is_refused_on_the_model(self):
        image = CustomImageFactory.build(description="DSCN0010_webb")
        with pytest.raises(ValidationError) as error:
            image.full_clean()
        assert "description" in error.value.message_dict

    def test_empty_alt_text_is_refused_unless_decorative(self):
        image = CustomImageFactory.build(description="")
        with pytest.raises(ValidationError) as error:
            image.full_clean()
        assert "alt-text" in " ".join(error.value.message_dict["description"])

    def test_decorative_image_may_have_empty_alt_text(self):
        image = CustomImageFactory(description="", is_decorative=True)
        image.full_clean()
        assert image.default_alt_text == ""

    def test_decorative_image_never_exposes_its_description_as_alt(self):
        image = CustomImageFactory(description="Ett mönster", is_decorative=True)
        assert image.default_alt_text == ""

    def test_good_alt_text_is_the_default_alt(self):
        image = CustomImageFactory(description="Fairtrade City")
        image.full_clean()
        assert image.default_alt_text == "Fairtrade City"
        rendition = image.get_rendition("width-400")
        assert 'alt="Fairtrade City"' in rendition.img_tag()


@pytest.mark.django_db
def test_image_block_refuses_file_name_as_contextual_alt_text():
    from wagtail.blocks.struct_block import StructBlockValidationError

    from millenniekommunerna.images.blocks import DescribedImageBlock

    block = DescribedImageBlock()
    image = CustomImageFactory()
    value = block.to_python({"image": image.pk, "decorative": False, "alt_text": "IMG_1234.jpg"})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "alt_text" in error.value.block_errors
    ok = block.to_python(
        {"image": image.pk, "decorative": False, "alt_text": "Barn planterar träd"}
    )
    assert block.clean(ok).contextual_alt_text == "Barn planterar träd"


def test_an_empty_alt_text_is_not_a_file_name():
    assert not looks_like_file_name("")
    assert not looks_like_file_name("   ")
    validate_alt_text("")


def test_one_word_with_an_underscore_is_a_file_name():
    assert looks_like_file_name("skolgard_sommar")
    assert not looks_like_file_name("Skolgården")


def test_the_refusal_quotes_the_alt_text():
    with pytest.raises(ValidationError) as refused:
        validate_alt_text(" DSCN0010_webb ")
    assert "”DSCN0010_webb” ser ut som ett filnamn" in refused.value.messages[0]


@pytest.mark.parametrize(
    ("text", "also"),
    [("DSCN0010.jpg", ""), ("En bild", ""), ("Kisumu", "2")],
)
def test_each_refusal_names_the_alt_text_it_refuses(text, also):
    """The editor reads which text was refused (and, for one too short, how many words it
    takes), never a placeholder."""
    with pytest.raises(ValidationError) as refused:
        validate_alt_text(text)
    (message,) = refused.value.messages
    assert f"{text}”" in message and "%(" not in message
    assert also in message
