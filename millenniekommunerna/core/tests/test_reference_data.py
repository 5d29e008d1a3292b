import pytest
from django.core.management import call_command

from millenniekommunerna.goals.models import Goal, GoalMapping, GoalPage
from millenniekommunerna.municipalities.models import County, Municipality, MunicipalityPage
from millenniekommunerna.partnerships.models import Country, PartnerPlace

pytestmark = pytest.mark.django_db


def test_all_counties_and_municipalities_are_loaded():
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    osthammar = Municipality.objects.get(code="0382")
    assert osthammar.name == "Östhammar"
    assert osthammar.official_name == "Östhammars kommun"
    assert osthammar.county.code == "03"
    assert osthammar.county.name == "Uppsala län"
    assert osthammar.slug == "osthammar"
    assert osthammar.website == "https://www.osthammar.se/"
    assert 59 < osthammar.label_lat < 61
    assert 17 < osthammar.label_lon < 19


def test_municipality_codes_are_four_digit_strings_with_leading_zeros():
    assert Municipality.objects.get(name="Upplands Väsby").code == "0114"
    assert all(len(code) == 4 for code in Municipality.objects.values_list("code", flat=True))


def test_every_municipality_has_a_distinct_folded_slug_and_a_live_page():
    slugs = list(Municipality.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 290
    assert all(slug.isascii() and slug == slug.lower() for slug in slugs)
    assert Municipality.objects.get(name="Håbo").slug == "habo-uppsala"
    assert Municipality.objects.get(name="Habo").slug == "habo-jonkoping"
    pages = MunicipalityPage.objects.live()
    assert pages.count() == 290
    assert {p.slug for p in pages} == set(slugs)
    assert MunicipalityPage.objects.get(municipality__code="0382").url == "/kommuner/osthammar/"


def test_goals_and_editorial_mapping():
    assert Goal.objects.filter(kind="mdg").count() == 8
    assert Goal.objects.filter(kind="sdg").count() == 17
    sdg13 = Goal.objects.get(slug="sdg-13")
    assert (sdg13.name_sv, sdg13.name_en, sdg13.colour) == (
        "Bekämpa klimatförändringarna",
        "Climate action",
        "#3F7E44",
    )
    mdg7 = Goal.objects.get(slug="mdg-7")
    assert set(mdg7.successors.values_list("number", flat=True)) == {6, 11, 12, 13, 14, 15}
    assert mdg7 in sdg13.predecessors.all()
    assert GoalMapping.objects.count() == 17
    assert GoalPage.objects.live().count() == 25
    assert GoalPage.objects.get(goal=mdg7).url == "/mal/mdg-7/"


def test_countries_and_partner_places():
    assert Country.objects.count() == 250
    assert Country.objects.get(code="KE").name_sv == "Kenya"
    assert Country.objects.get(code="ZA").name_sv == "Sydafrika"
    assert PartnerPlace.objects.count() == 9
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    assert kisumu.country.code == "KE"
    assert kisumu.latitude == pytest.approx(-0.10221)
    assert "Kisumus" in kisumu.names
    ucayali = PartnerPlace.objects.get(geonames_id=3693345)
    assert ucayali.name == "Ucayali"
    assert ucayali.kind == PartnerPlace.Kind.REGION_CAPITAL
    assert "Shipibo-Conibo" in ucayali.names


def test_loading_twice_changes_nothing_and_keeps_editorial_fields(capsys):
    osthammar = Municipality.objects.get(code="0382")
    osthammar.is_millennium_municipality = True
    osthammar.millennium_note = "Beslut i kommunfullmäktige"
    osthammar.save()
    page = MunicipalityPage.objects.get(municipality=osthammar)
    page.title = "Östhammar – kommunen vid kusten"
    page.save()
    page_count = MunicipalityPage.objects.count()

    call_command("load_reference_data")

    out = capsys.readouterr().out
    assert "Nothing to do." in out
    osthammar.refresh_from_db()
    assert osthammar.is_millennium_municipality
    assert osthammar.millennium_note == "Beslut i kommunfullmäktige"
    page.refresh_from_db()
    assert page.title == "Östhammar – kommunen vid kusten"
    assert MunicipalityPage.objects.count() == page_count


def test_loading_restores_changed_reference_fields_but_not_slugs():
    municipality = Municipality.objects.get(code="0382")
    Municipality.objects.filter(pk=municipality.pk).update(
        name="Fel namn", slug="eget-slug", website=""
    )
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    municipality.refresh_from_db()
    assert municipality.name == "Östhammar"
    assert municipality.website == "https://www.osthammar.se/"
    assert municipality.slug == "eget-slug"


def test_official_names_take_no_genitive_s_after_s_or_x():
    names = dict(Municipality.objects.values_list("code", "official_name"))
    assert names["2514"] == "Kalix kommun"
    assert names["2513"] == "Överkalix kommun"
    assert names["1490"] == "Borås kommun"
    assert names["0382"] == "Östhammars kommun"
