"""Proposed partner places: a municipality editor proposes a place missing from the list for
their own municipality; a national editor confirms it, which adds the place and the
partnership, or declines it. Bad input gets a clear Swedish error and stores nothing."""

import pytest
from django.urls import reverse

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import (
    Country,
    PartnerPlace,
    PartnerPlaceProposal,
    Partnership,
)

from .test_admin import editorial, make_user, national_editor  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ADD = reverse("wagtailsnippets_partnerships_partnerplaceproposal:add")
INDEX = reverse("wagtailsnippets_partnerships_partnerplaceproposal:list")


@pytest.fixture
def osthammar_editor(editorial):  # noqa: F811
    from millenniekommunerna.editorial.roles import ensure_municipality_group

    link = ensure_municipality_group(Municipality.objects.get(code="0382"))
    return make_user("bo@osthammar.se", [link.group])


def proposal_data(**extra):
    return {
        "municipality": Municipality.objects.get(code="0382").pk,
        "name": "Mwanza",
        "country": Country.objects.get(code="TZ").pk,
        "latitude": "-2.516",
        "longitude": "32.917",
        "geonames_id": "",
        "note": "Skolutbyte sedan 2019.",
        **extra,
    }


def test_a_municipality_editor_proposes_a_place_for_their_municipality(client, osthammar_editor):
    client.force_login(osthammar_editor)
    response = client.post(ADD, proposal_data(status="confirmed"))
    assert response.status_code == 302
    proposal = PartnerPlaceProposal.objects.get()
    assert proposal.status == "proposed", "an editor cannot confirm their own proposal"
    assert not PartnerPlace.objects.filter(name="Mwanza").exists()


def test_an_editor_cannot_propose_for_another_municipality(client, osthammar_editor):
    client.force_login(osthammar_editor)
    other = Municipality.objects.get(code="0128")
    response = client.post(ADD, proposal_data(municipality=other.pk))
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not PartnerPlaceProposal.objects.exists()


def test_an_editor_sees_only_their_municipalitys_proposals(client, osthammar_editor):
    PartnerPlaceProposal.objects.create(
        municipality=Municipality.objects.get(code="0128"),
        name="Annanstans",
        country=Country.objects.get(code="KE"),
        latitude=0,
        longitude=35,
    )
    mine = PartnerPlaceProposal.objects.create(
        municipality=Municipality.objects.get(code="0382"),
        name="Mwanza",
        country=Country.objects.get(code="TZ"),
        latitude=-2.5,
        longitude=32.9,
    )
    client.force_login(osthammar_editor)
    html = client.get(INDEX).content.decode()
    assert "Mwanza" in html and "Annanstans" not in html
    other = PartnerPlaceProposal.objects.exclude(pk=mine.pk).get()
    edit = reverse("wagtailsnippets_partnerships_partnerplaceproposal:edit", args=[other.pk])
    assert client.get(edit).status_code in (302, 403)


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"latitude": "", "longitude": ""}, "latitude", "koordinater eller dess GeoNames-id"),
        ({"longitude": ""}, "longitude", "både latitud och longitud"),
        ({"latitude": "95"}, "latitude", "90"),
    ],
)
def test_bad_places_are_refused_in_swedish(client, osthammar_editor, extra, field, message):
    client.force_login(osthammar_editor)
    response = client.post(ADD, proposal_data(**extra))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not PartnerPlaceProposal.objects.exists()


def test_a_place_already_in_the_list_is_not_proposed_again(client, osthammar_editor):
    client.force_login(osthammar_editor)
    kisumu = PartnerPlace.objects.get(name="Kisumu")
    response = client.post(ADD, proposal_data(name="kisumu", country=kisumu.country_id))
    assert response.status_code == 200
    assert "finns redan som partnerort" in response.content.decode()


def test_a_national_editor_confirms_and_the_place_and_partnership_appear(
    client,
    national_editor,  # noqa: F811
):
    proposal = PartnerPlaceProposal.objects.create(
        **{
            "municipality": Municipality.objects.get(code="0382"),
            "name": "Mwanza",
            "country": Country.objects.get(code="TZ"),
            "latitude": -2.516,
            "longitude": 32.917,
            "note": "Skolutbyte sedan 2019.",
        }
    )
    client.force_login(national_editor)
    edit = reverse("wagtailsnippets_partnerships_partnerplaceproposal:edit", args=[proposal.pk])
    data = proposal_data(status="confirmed")
    response = client.post(edit, data)
    assert response.status_code == 302
    place = PartnerPlace.objects.get(name="Mwanza")
    assert place.country.code == "TZ" and place.slug == "mwanza"
    partnership = Partnership.objects.get(partner_place=place)
    assert partnership.municipality.code == "0382"
    assert partnership.description == "Skolutbyte sedan 2019."
    proposal.refresh_from_db()
    assert proposal.place == place
