"""Login throttling, cookies under production settings, the admin guarded by permissions
rather than by an obscure address, and the accessibility checker shown to editors."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from millenniekommunerna.core import ratelimit

from .conftest import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LOGIN_URL = "/admin/login/"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def login(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


@override_settings(LOGIN_FAILURE_LIMIT=3, LOGIN_FAILURE_PERIOD=900)
def test_login_is_throttled_per_user_and_address_with_a_swedish_message(client, a_editor):
    for _attempt in range(3):
        response = login(client, a_editor.username, "wrong password")
        assert response.status_code == 200
        assert "För många" not in response.content.decode()
    # The fourth attempt is refused even with the right password.
    response = login(client, a_editor.username, "a-long-test-password")
    html = response.content.decode()
    assert re.search(
        r"För många misslyckade inloggningsförsök\. Vänta ([1-9]|1[0-5]) minuter", html
    )
    assert "_auth_user_id" not in client.session
    # The same account from another address, and another account from this one, still work.
    assert login(client, a_editor.username, "a-long-test-password", "192.0.2.99").status_code == 302
    client.logout()
    other = make_user("karin@salem.se")
    assert login(client, other.username, "a-long-test-password").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_count(client, a_editor):
    for _attempt in range(2):
        login(client, a_editor.username, "wrong")
    assert login(client, a_editor.username, "a-long-test-password").status_code == 302
    client.logout()
    for _attempt in range(2):
        login(client, a_editor.username, "wrong")
    assert login(client, a_editor.username, "a-long-test-password").status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=100, LOGIN_FAILURE_LIMIT_PER_IP=5)
def test_one_address_trying_many_user_names_is_throttled(client, a_editor):
    for i in range(5):
        login(client, f"user{i}@example.org", "guess")
    response = login(client, a_editor.username, "a-long-test-password")
    assert "För många misslyckade inloggningsförsök" in response.content.decode()


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_address_behind_a_trusted_proxy_cannot_be_forged():
    from django.test import RequestFactory

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert ratelimit.client_ip(request) == "198.51.100.7"
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert ratelimit.client_ip(request) == "10.0.0.1"


def production_settings(**extra_env):
    """Values from settings.production, read in a fresh process as in deployment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "millenniekommunerna.settings.production",
        "SECRET_KEY": "production-test-" + "x" * 50,
        "ALLOWED_HOSTS": "millenniekommunerna.example",
        **extra_env,
    }
    code = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'SESSION_COOKIE_SECURE','SESSION_COOKIE_HTTPONLY','SESSION_COOKIE_SAMESITE',"
        "'CSRF_COOKIE_SECURE','CSRF_COOKIE_HTTPONLY','CSRF_COOKIE_SAMESITE','EMAIL_BACKEND',"
        "'EMAIL_HOST','EMAIL_PORT','EMAIL_USE_TLS','DEBUG','WAGTAILADMIN_USER_LOGIN_FORM')}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_are_secure_httponly_and_samesite():
    values = production_settings(EMAIL_HOST="smtp.example.se", EMAIL_PORT="465")
    assert values["SESSION_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["CSRF_COOKIE_SECURE"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert values["DEBUG"] is False
    # Editors' notifications go out by SMTP configured from the environment.
    assert values["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("smtp.example.se", 465)
    assert values["WAGTAILADMIN_USER_LOGIN_FORM"].endswith("ThrottledLoginForm")


def test_cookies_sent_at_login_carry_the_production_flags(client, a_editor):
    with override_settings(
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_HTTPONLY=True,
        CSRF_COOKIE_SAMESITE="Lax",
    ):
        client.get(LOGIN_URL, secure=True)
        response = login(client, a_editor.username, "a-long-test-password")
        session = response.cookies["sessionid"]
        assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
        csrf = client.cookies["csrftoken"]
        assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


def test_development_writes_mail_to_files():
    # Nothing leaves a development machine: mail goes to var/mail/ (EMAIL_BACKEND overrides).
    from millenniekommunerna.settings import dev

    assert dev.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend"
    assert str(dev.EMAIL_FILE_PATH).endswith("mail")


ADMIN_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/workflows/list/",
    "/admin/reports/site-history/",
    "/admin/snippets/tips/tip/",
]


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_asks_anonymous_visitors_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_admin_refuses_accounts_without_a_role(client, outsider, url):
    client.force_login(outsider)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith(url) or url == "/admin/"
    if response.status_code == 302:
        assert response["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize(
    "url", ["/admin/users/", "/admin/groups/", "/admin/workflows/list/", "/admin/sites/"]
)
def test_municipality_editor_cannot_manage_accounts_or_workflows(client, a_editor, url):
    client.force_login(a_editor)
    response = client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home")


def test_editors_see_the_accessibility_checker_on_pages(client, a_editor, side_a):
    """Wagtail's userbar runs its accessibility checks (axe-core) on the page, and in the
    editor's preview panel, for anyone who may use the admin; visitors get nothing of it."""
    client.force_login(a_editor)
    html = client.get(side_a.page.url).content.decode()
    assert "<wagtail-userbar" in html
    assert 'id="checker-axe-configuration"' in html
    client.logout()
    html = client.get(side_a.page.url).content.decode()
    assert "wagtail-userbar" not in html and "axe" not in html


def test_accessibility_checks_run_in_the_editors_preview(client, a_editor, side_a):
    client.force_login(a_editor)
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[side_a.page.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[side_a.page.pk])).content.decode()
    assert preview in edit  # the preview panel, where the checks run
    page = side_a.page
    posted = client.post(
        preview, {"title": page.title, "slug": page.slug, "intro": rich_text("<p>Hej</p>")}
    )
    assert posted.json()["is_valid"]
    html = client.get(preview).content.decode()
    assert 'id="checker-axe-configuration"' in html
