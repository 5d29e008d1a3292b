"""Accounts are kept in Wagtail's user admin, on the project's own user model: an
administrator lists, creates and edits them and gives them their groups (roles)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from millenniekommunerna.users.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "ett-långt-lösenord-för-test"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser(username="admin", password=PASSWORD))
    return client


@pytest.fixture
def editors():
    return Group.objects.create(name="Redaktörer Salem")


def new_account(**changes):
    data = {
        "username": "anna",
        "email": "anna@salem.se",
        "first_name": "Anna",
        "last_name": "Berg",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(changes)
    return data


def test_the_list_shows_the_accounts_by_name_and_username(admin_client):
    anna = User.objects.create_user(username="anna", first_name="Anna", last_name="Berg")
    html = admin_client.get(reverse("wagtailusers_users:index")).content.decode()
    edit = reverse("wagtailusers_users:edit", args=[anna.pk])
    row = html[html.index(f'<a href="{edit}">') :]
    name = row[: row.index("</a>")].removeprefix(f'<a href="{edit}">')
    username = row[row.index('<td class="username">') :].removeprefix('<td class="username">')
    assert name.strip() == "Anna Berg"
    assert username[: username.index("</td>")].strip() == "anna"


def test_an_administrator_creates_an_account_with_its_role(admin_client, editors):
    response = admin_client.post(
        reverse("wagtailusers_users:add"), new_account(groups=[editors.pk])
    )
    assert response.status_code == 302
    anna = User.objects.get(username="anna")
    assert (anna.email, anna.get_full_name()) == ("anna@salem.se", "Anna Berg")
    assert list(anna.groups.all()) == [editors]
    assert anna.check_password(PASSWORD) and PASSWORD not in anna.password
    assert anna.is_active and not anna.is_superuser and not anna.is_staff


def test_passwords_that_differ_create_nothing(admin_client):
    response = admin_client.post(
        reverse("wagtailusers_users:add"), new_account(password2="något-annat-lösenord")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password2"]
    assert not User.objects.filter(username="anna").exists()


def test_a_username_already_taken_is_refused_and_the_account_kept(admin_client):
    anna = User.objects.create_user(username="anna", email="anna@salem.se", password=PASSWORD)
    response = admin_client.post(
        reverse("wagtailusers_users:add"), new_account(email="annan@example.org")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    anna.refresh_from_db()
    assert anna.email == "anna@salem.se" and anna.check_password(PASSWORD)
    assert User.objects.filter(username="anna").count() == 1


def test_editing_an_account_without_a_password_keeps_its_password(admin_client, editors):
    anna = User.objects.create_user(username="anna", email="anna@salem.se", password=PASSWORD)
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[anna.pk]),
        new_account(
            email="anna.berg@salem.se",
            password1="",
            password2="",
            groups=[editors.pk],
            is_active="on",
        ),
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.email == "anna.berg@salem.se"
    assert anna.check_password(PASSWORD)
    assert list(anna.groups.all()) == [editors]


def test_an_account_can_be_switched_off_without_losing_it(admin_client):
    anna = User.objects.create_user(username="anna", email="anna@salem.se", password=PASSWORD)
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[anna.pk]),
        new_account(password1="", password2=""),  # is_active left out: unticked
    )
    assert response.status_code == 302
    anna.refresh_from_db()
    assert not anna.is_active and anna.check_password(PASSWORD)
