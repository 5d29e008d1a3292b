# ruff: noqa: F811 (the fixtures imported from test_admin are arguments here)
"""A municipality editor keeps the partnerships their municipality takes part in (as the lead
or among the other municipalities) and no others; the funding programmes are the national
editors' list; another municipality's stories (and so their results) stay closed to them."""

import pytest
from django.urls import reverse

from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.partnerships.models import FundingProgramme, PartnerPlace, Partnership

from .test_admin import (  # noqa: F401 (fixtures)
    editorial,
    make_user,
    municipality_editor,
    national_editor,
    refused,
)

pytestmark = pytest.mark.django_db

PARTNERSHIPS = "wagtailsnippets_partnerships_partnership"
PROGRAMMES = "wagtailsnippets_partnerships_fundingprogramme"


@pytest.fixture
def osthammar():
    return Municipality.objects.get(code="0382")


@pytest.fixture
def nacka():
    return Municipality.objects.get(code="0182")


@pytest.fixture
def own(osthammar):
    return Partnership.objects.create(
        municipality=osthammar, partner_place=PartnerPlace.objects.get(name="Poti")
    )


@pytest.fixture
def others(nacka):
    return Partnership.objects.create(
        municipality=nacka, partner_place=PartnerPlace.objects.get(name="Kisumu")
    )


@pytest.fixture
def joint(nacka, osthammar):
    partnership = Partnership.objects.create(
        municipality=nacka, partner_place=PartnerPlace.objects.get(name="Kampala")
    )
    partnership.other_municipalities.add(osthammar)
    return partnership


def form_data(partnership, **extra):
    others = partnership.other_municipalities.all() if partnership.pk else []
    return {
        "municipality": partnership.municipality_id,
        "other_municipalities": [m.pk for m in others],
        "partner_place": partnership.partner_place_id,
        "start_year": "2015",
        "end_year": "",
        "status": "ongoing",
        "funding_programme": FundingProgramme.objects.get(slug="icld").pk,
        "description": "Räddningstjänst och skolor.",
        **extra,
    }


def test_an_editor_lists_only_partnerships_their_municipality_takes_part_in(
    client, municipality_editor, own, others, joint
):
    client.force_login(municipality_editor)
    response = client.get(reverse(f"{PARTNERSHIPS}:list"))
    assert response.status_code == 200
    assert {p.pk for p in response.context["object_list"]} == {own.pk, joint.pk}


def test_an_editor_cannot_open_edit_or_delete_another_municipalitys_partnership(
    client, municipality_editor, others
):
    client.force_login(municipality_editor)
    edit = reverse(f"{PARTNERSHIPS}:edit", args=[others.pk])
    delete = reverse(f"{PARTNERSHIPS}:delete", args=[others.pk])
    assert refused(client.get(edit))
    assert refused(client.post(edit, form_data(others, description="Ändrat")))
    assert refused(client.get(delete))
    assert refused(client.post(delete))
    others.refresh_from_db()
    assert others.description == ""


def test_an_editor_edits_and_deletes_their_municipalitys_partnership(
    client, municipality_editor, own
):
    client.force_login(municipality_editor)
    edit = reverse(f"{PARTNERSHIPS}:edit", args=[own.pk])
    assert client.get(edit).status_code == 200
    response = client.post(edit, form_data(own))
    assert response.status_code == 302, response.content.decode()[:2000]
    own.refresh_from_db()
    assert (own.start_year, own.status, own.funding_programme.slug) == (2015, "ongoing", "icld")
    response = client.post(reverse(f"{PARTNERSHIPS}:delete", args=[own.pk]))
    assert response.status_code == 302
    assert not Partnership.objects.filter(pk=own.pk).exists()


def test_a_partner_municipalitys_editor_edits_a_joint_partnership(
    client, municipality_editor, joint, nacka
):
    client.force_login(municipality_editor)
    response = client.post(reverse(f"{PARTNERSHIPS}:edit", args=[joint.pk]), form_data(joint))
    assert response.status_code == 302, response.content.decode()[:2000]
    joint.refresh_from_db()
    assert joint.municipality == nacka and joint.start_year == 2015


def test_an_editor_cannot_add_a_partnership_for_another_municipality(
    client, municipality_editor, nacka
):
    client.force_login(municipality_editor)
    place = PartnerPlace.objects.get(name="Voi")
    data = form_data(Partnership(municipality=nacka, partner_place=place), other_municipalities=[])
    response = client.post(reverse(f"{PARTNERSHIPS}:add"), data)
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not Partnership.objects.filter(partner_place=place).exists()


def test_an_editor_cannot_leave_their_own_municipality_out(
    client, municipality_editor, joint, osthammar
):
    """Taking Östhammar off a joint partnership would take it out of the editor's hands:
    refused with a Swedish message, and nothing changes."""
    client.force_login(municipality_editor)
    response = client.post(
        reverse(f"{PARTNERSHIPS}:edit", args=[joint.pk]),
        form_data(joint, other_municipalities=[], description="Ändrat"),
    )
    assert response.status_code == 200
    assert "Din kommun måste vara med i samarbetet" in response.content.decode()
    joint.refresh_from_db()
    assert list(joint.other_municipalities.all()) == [osthammar]
    assert joint.description == ""


def test_a_national_editor_keeps_every_partnership(client, national_editor, others):
    client.force_login(national_editor)
    edit = reverse(f"{PARTNERSHIPS}:edit", args=[others.pk])
    response = client.post(edit, form_data(others, other_municipalities=[]))
    assert response.status_code == 302, response.content.decode()[:2000]
    others.refresh_from_db()
    assert others.status == "ongoing"


def test_the_list_shows_the_new_columns_and_filters(client, national_editor, own, others):
    own.start_year, own.end_year, own.status = 2008, 2014, "completed"
    own.funding_programme = FundingProgramme.objects.get(slug="icld")
    own.save()
    client.force_login(national_editor)
    url = reverse(f"{PARTNERSHIPS}:list")
    html = client.get(url).content.decode()
    assert "2008–2014" in html and "ICLD" in html and "avslutat" in html
    filtered = client.get(url, {"status": "completed"}).context["object_list"]
    assert [p.pk for p in filtered] == [own.pk]
    by_programme = client.get(url, {"funding_programme": own.funding_programme_id})
    assert [p.pk for p in by_programme.context["object_list"]] == [own.pk]
    by_country = client.get(url, {"partner_place__country": others.partner_place.country_id})
    assert [p.pk for p in by_country.context["object_list"]] == [others.pk]
    for words in ("Östhammar", "poti"):
        found = client.get(url, {"q": words}).context["object_list"]
        assert [p.pk for p in found] == [own.pk], words


def test_only_national_editors_keep_the_funding_programmes(
    client, municipality_editor, national_editor
):
    icld = FundingProgramme.objects.get(slug="icld")
    edit = reverse(f"{PROGRAMMES}:edit", args=[icld.pk])
    data = {"name": "ICLD", "slug": "icld", "url": "", "description": "Ändrat"}
    client.force_login(municipality_editor)
    assert refused(client.get(reverse(f"{PROGRAMMES}:list")))
    assert refused(client.get(edit))
    assert refused(client.post(edit, data))
    icld.refresh_from_db()
    assert icld.description != "Ändrat"
    client.force_login(national_editor)
    assert client.get(reverse(f"{PROGRAMMES}:list")).status_code == 200
    assert client.post(edit, data).status_code == 302
    icld.refresh_from_db()
    assert icld.description == "Ändrat"


def test_an_editor_cannot_edit_another_municipalitys_story_or_its_results(
    client, municipality_editor
):
    """Results are part of the story page (StoryResult, an inline of StoryPage): the page
    permissions on the municipality's page decide who edits them."""
    from millenniekommunerna.stories.factories import StoryPageFactory

    mine = StoryPageFactory(municipality_code="0382")
    theirs = StoryPageFactory(municipality_code="0182")
    theirs.results.create(
        indicator="Insamlat avfall",
        unit="ton",
        baseline_value=5,
        baseline_year=2015,
        latest_value=12,
        latest_year=2020,
    )
    theirs.save_revision().publish()
    client.force_login(municipality_editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[mine.pk])).status_code == 200
    edit = reverse("wagtailadmin_pages:edit", args=[theirs.pk])
    assert refused(client.get(edit))
    response = client.post(
        edit,
        {
            "title": theirs.title,
            "slug": theirs.slug,
            "results-TOTAL_FORMS": "1",
            "results-INITIAL_FORMS": "0",
            "results-MIN_NUM_FORMS": "0",
            "results-MAX_NUM_FORMS": "1000",
            "results-0-indicator": "Ändrat",
            "results-0-latest_value": "99",
        },
    )
    assert refused(response)
    assert [r.indicator for r in theirs.results.all()] == ["Insamlat avfall"]


def test_setup_gives_groups_made_earlier_the_partnership_permissions(editorial):
    from django.contrib.auth.models import Permission

    from millenniekommunerna.editorial.roles import (
        ensure_editorial_setup,
        ensure_municipality_group,
    )

    group = ensure_municipality_group(Municipality.objects.get(code="0382")).group
    partnership_permissions = Permission.objects.filter(
        content_type__app_label="partnerships", codename__endswith="_partnership"
    )
    group.permissions.remove(*partnership_permissions)
    ensure_editorial_setup()
    assert set(group.permissions.filter(content_type__app_label="partnerships")) >= set(
        partnership_permissions
    )
    assert not group.permissions.filter(codename__endswith="_fundingprogramme").exists()


def test_the_policy_answers_for_each_partnership_as_the_views_do(
    municipality_editor, national_editor, own, others, joint
):
    """Wagtail asks the permission policy about single partnerships outside the edit and
    delete views too (the listing's buttons, the history and usage views): the answers are
    the same."""
    from django.contrib.auth.models import Permission

    from millenniekommunerna.partnerships.permissions import PartnershipPermissionPolicy

    policy = PartnershipPermissionPolicy(Partnership)
    for action in ("change", "delete"):
        assert policy.user_has_permission_for_instance(municipality_editor, action, own)
        assert policy.user_has_permission_for_instance(municipality_editor, action, joint)
        assert not policy.user_has_permission_for_instance(municipality_editor, action, others)
        assert policy.user_has_permission_for_instance(national_editor, action, others)
    both = ["change", "delete"]
    assert policy.user_has_any_permission_for_instance(municipality_editor, both, joint)
    assert not policy.user_has_any_permission_for_instance(municipality_editor, both, others)
    assert set(policy.instances_user_has_permission_for(municipality_editor, "change")) == {
        own,
        joint,
    }
    assert set(policy.instances_user_has_permission_for(national_editor, "delete")) == {
        own,
        others,
        joint,
    }

    # An editor whose group has lost a permission keeps nothing of it, not even for their own.
    group = municipality_editor.groups.get()
    group.permissions.remove(Permission.objects.get(codename="delete_partnership"))
    user = type(municipality_editor).objects.get(pk=municipality_editor.pk)  # no cached perms
    assert policy.user_has_permission_for_instance(user, "change", own)
    assert not policy.user_has_permission_for_instance(user, "delete", own)
    assert policy.user_has_any_permission_for_instance(user, ["delete", "change"], own)
    assert not policy.user_has_any_permission_for_instance(user, ["delete"], own)
    assert not policy.instances_user_has_permission_for(user, "delete").exists()
