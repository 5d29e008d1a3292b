import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import translation

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import Country, PartnerPlace, Partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenya():
    return Country.objects.get(code="KE")


@pytest.fixture
def place(kenya):
    return PartnerPlace.objects.create(
        name="Nyandoro",
        slug="nyandoro",
        country=kenya,
        latitude=-0.5,
        longitude=34.5,
        aliases="Nyandoro town; ; Nyandoro stad ",
    )


def test_a_country_is_named_in_the_interface_language(kenya):
    with translation.override("sv"):
        assert str(kenya) == kenya.name == "Kenya"
    india = Country.objects.get(code="IN")
    with translation.override("sv"):
        assert str(india) == "Indien"
    with translation.override("en"):
        assert str(india) == "India"


def test_countries_are_ordered_by_swedish_name():
    names = list(Country.objects.values_list("name_sv", flat=True))
    assert names == sorted(names)
    assert len(names) > 100


def test_a_country_code_is_two_capital_letters(kenya):
    for code in ("ke", "KEN", "K1"):
        kenya.code = code
        with pytest.raises(ValidationError) as error:
            kenya.full_clean()
        assert "code" in error.value.error_dict


def test_a_place_shows_its_country_code_and_all_its_names(place):
    assert str(place) == "Nyandoro (KE)"
    assert place.names == ["Nyandoro", "Nyandoro town", "Nyandoro stad"]


def test_a_place_without_other_names_has_only_its_own():
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    kisumu.aliases = ""
    assert kisumu.names == ["Kisumu"]


def test_a_place_has_coordinates_on_the_globe(place):
    for field, value in (("latitude", 90.5), ("latitude", -91), ("longitude", 181)):
        setattr(place, field, value)
        with pytest.raises(ValidationError) as error:
            place.full_clean()
        assert field in error.value.error_dict
        place.refresh_from_db()


def test_places_are_ordered_by_name():
    names = list(PartnerPlace.objects.values_list("name", flat=True))
    assert names == sorted(names)


def test_a_country_with_places_cannot_be_deleted(kenya, place):
    with pytest.raises(ProtectedError):
        kenya.delete()


def test_a_partnership_names_both_sides(place):
    nacka = Municipality.objects.get(code="0182")
    partnership = Partnership.objects.create(municipality=nacka, partner_place=place)
    assert str(partnership) == f"{nacka} – Nyandoro (KE)"


def test_a_municipality_has_one_partnership_with_a_place(place):
    nacka = Municipality.objects.get(code="0182")
    Partnership.objects.create(municipality=nacka, partner_place=place, start_year=2010)
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(municipality=nacka, partner_place=place)
    Partnership.objects.create(
        municipality=Municipality.objects.get(code="0382"), partner_place=place
    )
    assert place.partnerships.count() == 2


def test_a_start_year_is_a_plausible_year(place):
    partnership = Partnership(
        municipality=Municipality.objects.get(code="0182"), partner_place=place, start_year=1899
    )
    with pytest.raises(ValidationError) as error:
        partnership.full_clean()
    assert "start_year" in error.value.error_dict


def test_partnerships_are_ordered_by_municipality_then_place(kenya):
    Partnership.objects.all().delete()
    places = {
        name: PartnerPlace.objects.create(
            name=name, slug=name.lower(), country=kenya, latitude=0, longitude=35
        )
        for name in ("Bbb", "Aaa")
    }
    nacka, kalix = Municipality.objects.get(code="0182"), Municipality.objects.get(code="2514")
    for municipality in (nacka, kalix):
        for place in places.values():
            Partnership.objects.create(municipality=municipality, partner_place=place)
    order = [(p.municipality.name, p.partner_place.name) for p in Partnership.objects.all()]
    assert order == [
        (kalix.name, "Aaa"),
        (kalix.name, "Bbb"),
        (nacka.name, "Aaa"),
        (nacka.name, "Bbb"),
    ]


def test_partnerships_go_with_their_place(place):
    nacka = Municipality.objects.get(code="0182")
    Partnership.objects.create(municipality=nacka, partner_place=place)
    place.delete()
    assert not nacka.partnerships.exists()
