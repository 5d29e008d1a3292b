"""The partner places and partnerships in the admin (wagtail_hooks.py), as the editorial
roles allow them (editorial/roles.py): a national editor keeps both lists and may delete a
partnership but not a place, which stories point at; a municipality editor has neither."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import PartnerPlace, Partnership

pytestmark = pytest.mark.django_db

PLACES = "wagtailsnippets_partnerships_partnerplace"
PARTNERSHIPS = "wagtailsnippets_partnerships_partnership"


def make_user(username, groups=()):
    user = get_user_model().objects.create_user(username=username, password="a-long-password")
    user.groups.add(*groups)
    return user


@pytest.fixture
def editorial(db):
    from millenniekommunerna.editorial.roles import ensure_editorial_setup

    return ensure_editorial_setup()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser(username="admin", password="a-long-password")


@pytest.fixture
def national_editor(editorial):
    return make_user("nina@example.org", [editorial.national_group])


@pytest.fixture
def municipality_editor(editorial):
    from millenniekommunerna.editorial.roles import ensure_municipality_group

    link = ensure_municipality_group(Municipality.objects.get(code="0382"))
    return make_user("bo@osthammar.se", [link.group])


@pytest.fixture
def kisumu():
    return PartnerPlace.objects.get(name="Kisumu")


@pytest.fixture
def partnership(kisumu):
    return Partnership.objects.create(
        municipality=Municipality.objects.get(code="0182"), partner_place=kisumu, start_year=2008
    )


def refused(response) -> bool:
    """Wagtail sends a user without permission to the dashboard, or answers 403."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def views(kisumu, partnership) -> dict[str, str]:
    return {
        "places": reverse(f"{PLACES}:list"),
        "place add": reverse(f"{PLACES}:add"),
        "place edit": reverse(f"{PLACES}:edit", args=[kisumu.pk]),
        "place delete": reverse(f"{PLACES}:delete", args=[kisumu.pk]),
        "partnerships": reverse(f"{PARTNERSHIPS}:list"),
        "partnership add": reverse(f"{PARTNERSHIPS}:add"),
        "partnership edit": reverse(f"{PARTNERSHIPS}:edit", args=[partnership.pk]),
        "partnership delete": reverse(f"{PARTNERSHIPS}:delete", args=[partnership.pk]),
    }


def test_a_superuser_opens_every_view(client, superuser, kisumu, partnership):
    client.force_login(superuser)
    for name, url in views(kisumu, partnership).items():
        assert client.get(url).status_code == 200, name


def test_the_lists_show_their_columns(client, superuser, kisumu, partnership):
    client.force_login(superuser)
    places = client.get(reverse(f"{PLACES}:list"), {"q": "Kisumu"}).content.decode()
    assert "Kisumu" in places and "Kenya" in places
    partnerships = client.get(reverse(f"{PARTNERSHIPS}:list")).content.decode()
    assert "Nacka" in partnerships and "Kisumu (KE)" in partnerships and "2008" in partnerships


def test_the_place_search_finds_a_place_by_name_or_other_name(client, superuser, kisumu):
    kisumu.aliases = "Kisumustaden"
    kisumu.save()
    client.force_login(superuser)
    url = reverse(f"{PLACES}:list")
    for words in ("Kisumu", "kisumustad"):
        response = client.get(url, {"q": words})
        assert response.status_code == 200, words
        assert [place.name for place in response.context["object_list"]] == ["Kisumu"], words


def test_a_national_editor_may_do_all_but_delete_a_place(
    client, national_editor, kisumu, partnership
):
    client.force_login(national_editor)
    for name, url in views(kisumu, partnership).items():
        response = client.get(url)
        if name == "place delete":
            assert refused(response), name
        else:
            assert response.status_code == 200, (name, response.status_code)


def test_a_national_editor_edits_a_partnership(client, national_editor, partnership):
    client.force_login(national_editor)
    url = reverse(f"{PARTNERSHIPS}:edit", args=[partnership.pk])
    response = client.post(
        url,
        {
            "municipality": partnership.municipality_id,
            "partner_place": partnership.partner_place_id,
            "start_year": "2012",
            "description": "Avfall och stadsplanering.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    partnership.refresh_from_db()
    assert (partnership.start_year, partnership.description) == (
        2012,
        "Avfall och stadsplanering.",
    )


def test_a_municipality_editor_has_no_access_to_places_or_others_partnerships(
    client, municipality_editor, kisumu, partnership
):
    """The editor of Östhammar keeps Östhammar's partnerships only (test_permissions.py);
    the partnership here is Nacka's."""
    client.force_login(municipality_editor)
    for name, url in views(kisumu, partnership).items():
        response = client.get(url)
        if name in ("partnerships", "partnership add"):
            assert response.status_code == 200, name
        else:
            assert refused(response), (name, response.status_code)
