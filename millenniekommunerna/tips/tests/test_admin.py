import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from millenniekommunerna.editorial.roles import ensure_editorial_setup, ensure_municipality_group
from millenniekommunerna.editorial.tests.conftest import make_user
from millenniekommunerna.editorial.tests.helpers import active_content
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.tips.factories import TipFactory
from millenniekommunerna.tips.models import Tip
from millenniekommunerna.tips.permissions import TipPermissionPolicy

pytestmark = pytest.mark.django_db


@pytest.fixture
def salem_editor(db):
    ensure_editorial_setup()
    link = ensure_municipality_group(Municipality.objects.get(code="0128"))
    return make_user("anna@salem.se", [link.group])


def test_municipality_editor_sees_own_municipalitys_tips_only(client, salem_editor):
    TipFactory(municipality_code="0128", title="Tips om Salem")
    TipFactory(municipality_code="0382", title="Tips om Östhammar")
    client.force_login(salem_editor)
    html = client.get(reverse("wagtailsnippets_tips_tip:list")).content.decode()
    assert "Tips om Salem" in html
    assert "Tips om Östhammar" not in html
    # A tip's title opens the tip itself (sender, image), not the form for its status.
    salem_tip = Tip.objects.get(title="Tips om Salem")
    assert f'href="{reverse("wagtailsnippets_tips_tip:inspect", args=[salem_tip.pk])}"' in html
    # The menu shows the tips to them.
    assert reverse("wagtailsnippets_tips_tip:list") in client.get("/admin/").content.decode()


def test_tip_is_shown_escaped_to_editors_with_the_sender(client, salem_editor):
    tip = TipFactory(
        municipality_code="0128",
        text="<script>alert(1)</script> <img src=x onerror=alert(2)>",
        email="karin@example.org",
        with_image=True,
    )
    client.force_login(salem_editor)
    html = client.get(reverse("wagtailsnippets_tips_tip:inspect", args=[tip.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "onerror=alert(2)>" not in html
    assert "karin@example.org" in html
    assert reverse("tips_admin:image", args=[tip.pk]) in html
    assert not [x for x in active_content(html) if "alert" in x]


def test_tip_image_is_served_only_to_editors_and_safely(client, salem_editor):
    tip = TipFactory(municipality_code="0128", with_image=True)
    url = reverse("tips_admin:image", args=[tip.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(salem_editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response.content[:3] == b"\xff\xd8\xff"


def test_tip_label_in_the_audit_log_holds_no_personal_data():
    tip = TipFactory(name="Karin Andersson", title="Karins hemliga tips")
    assert str(tip) == f"Tips nr {tip.pk}"


def test_factory_builds_a_valid_tip():
    tip = TipFactory(with_image=True)
    tip.full_clean()
    assert tip.has_image and tip.municipality.code == "0382"


def test_municipality_editor_may_neither_see_anothers_tip_nor_change_their_own(
    client, salem_editor
):
    own = TipFactory(municipality_code="0128")
    other = TipFactory(municipality_code="0382")
    client.force_login(salem_editor)
    assert client.get(reverse("wagtailsnippets_tips_tip:inspect", args=[own.pk])).status_code == 200
    for view in ("inspect", "edit", "delete"):
        response = client.get(reverse(f"wagtailsnippets_tips_tip:{view}", args=[other.pk]))
        assert response.status_code in (302, 403, 404), view
    for view in ("edit", "delete"):
        response = client.get(reverse(f"wagtailsnippets_tips_tip:{view}", args=[own.pk]))
        assert response.status_code in (302, 403), view


def test_who_sees_which_tips(salem_editor):
    salem = TipFactory(municipality_code="0128")
    osthammar = TipFactory(municipality_code="0382")
    superuser = make_user("admin@example.org", is_superuser=True)
    inactive_superuser = make_user("old@example.org", is_superuser=True, is_active=False)
    assert set(Tip.objects.visible_to(salem_editor)) == {salem}
    assert set(Tip.objects.visible_to(superuser)) == {salem, osthammar}
    assert not Tip.objects.visible_to(inactive_superuser).exists()
    assert not Tip.objects.visible_to(AnonymousUser()).exists()
    assert not Tip.objects.visible_to(None).exists()


def test_an_inactive_editor_has_no_permission_on_tips(salem_editor):
    policy = TipPermissionPolicy(Tip)
    tip = TipFactory(municipality_code="0128")
    assert policy.user_has_permission(salem_editor, "view")
    assert policy.user_has_permission_for_instance(salem_editor, "view", tip)
    salem_editor.is_active = False
    salem_editor.save()
    fresh = type(salem_editor).objects.get(pk=salem_editor.pk)
    assert not policy.user_has_permission(fresh, "view")
    assert not policy.user_has_permission_for_instance(fresh, "view", tip)
    assert not policy.user_has_permission(AnonymousUser(), "view")


def test_a_municipality_editor_may_see_their_tip_but_not_change_or_delete_it(salem_editor):
    # What the tip listing's buttons follow.
    policy = TipPermissionPolicy(Tip)
    tip = TipFactory(municipality_code="0128")
    assert policy.user_has_permission_for_instance(salem_editor, "view", tip)
    assert not policy.user_has_permission_for_instance(salem_editor, "change", tip)
    assert not policy.user_has_permission_for_instance(salem_editor, "delete", tip)


def test_the_policy_lists_the_tips_a_user_may_act_on(salem_editor):
    """What Wagtail lists for an action (choosers, bulk actions): a municipality editor may
    view their municipality's tips but change none; a national editor both, of every tip."""
    policy = TipPermissionPolicy(Tip)
    salem = TipFactory(municipality_code="0128")
    osthammar = TipFactory(municipality_code="0382")
    national = make_user("nina@example.org", groups=[ensure_editorial_setup().national_group])
    assert set(policy.instances_user_has_any_permission_for(salem_editor, ["view"])) == {salem}
    assert set(policy.instances_user_has_any_permission_for(salem_editor, ["view", "change"])) == {
        salem
    }
    assert not policy.instances_user_has_any_permission_for(salem_editor, ["change"]).exists()
    assert not policy.instances_user_has_any_permission_for(salem_editor, ["delete"]).exists()
    assert set(policy.instances_user_has_any_permission_for(national, ["change"])) == {
        salem,
        osthammar,
    }
    assert not policy.instances_user_has_any_permission_for(AnonymousUser(), ["view"]).exists()
