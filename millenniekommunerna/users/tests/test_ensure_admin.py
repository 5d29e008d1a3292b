import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db

User = get_user_model()


def ensure_admin(*args) -> str:
    out = io.StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


PASSWORD_LINE = re.compile(r"^  password: (\S+)$", re.MULTILINE)


def printed_password(output: str) -> str:
    found = PASSWORD_LINE.search(output)
    assert found, output
    return found.group(1)


def test_creates_an_administrator_and_prints_its_password_once():
    output = ensure_admin()

    admin = User.objects.get()
    assert admin.username == "admin"
    assert admin.email == "admin@example.org"
    assert admin.is_superuser and admin.is_staff and admin.is_active
    password = printed_password(output)
    assert len(password) >= 20
    assert admin.check_password(password)
    assert output.count(password) == 1


def test_takes_the_username_and_email_it_is_given():
    ensure_admin("--username", "redaktion", "--email", "redaktion@example.se")
    admin = User.objects.get()
    assert (admin.username, admin.email) == ("redaktion", "redaktion@example.se")


def test_running_it_again_changes_nothing_and_prints_no_password():
    password = printed_password(ensure_admin())
    before = User.objects.values_list("pk", "password", "last_login").get()

    again = ensure_admin()

    assert User.objects.values_list("pk", "password", "last_login").get() == before
    assert password not in again
    assert not PASSWORD_LINE.search(again)
    assert "An administrator exists (admin)" in again
    assert "manage.py changepassword admin" in again


def test_never_resets_the_password_of_an_existing_administrator():
    User.objects.create_superuser(
        username="kim", email="kim@example.se", password="kims-eget-lösen"
    )

    output = ensure_admin()

    assert User.objects.count() == 1
    assert User.objects.get().check_password("kims-eget-lösen")
    assert not PASSWORD_LINE.search(output)
    assert "An administrator exists (kim)" in output


def test_an_account_that_is_not_an_administrator_does_not_count():
    User.objects.create_user(username="admin-ej", password="ett-lösen-som-duger")

    output = ensure_admin()

    admin = User.objects.get(is_superuser=True)
    assert admin.username == "admin"
    assert admin.check_password(printed_password(output))
    assert User.objects.get(username="admin-ej").check_password("ett-lösen-som-duger")


def test_passwords_differ_between_installations():
    first = printed_password(ensure_admin())
    User.objects.all().delete()
    second = printed_password(ensure_admin())
    assert first != second
