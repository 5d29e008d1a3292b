"""The Content-Security-Policy and Permissions-Policy of every page type (core.csp,
settings.base; docs/security.md): the public site allows scripts only from its own files, the
admin has its own, looser policy, and framing follows X-Frame-Options."""

import base64
import hashlib
import re

import pytest
from django.conf import settings
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db

STORY = "/kommuner/osthammar/raddningstjanst-i-poti-och-osthammar/"
PUBLIC_PAGES = {
    "home": "/",
    "home-en": "/en/",
    "story-index": "/berattelser/",
    "story": STORY,
    "municipality-index": "/kommuner/",
    "municipality": "/kommuner/osthammar/",
    "goal-index": "/mal/",
    "goal": "/mal/sdg-12/",
    "partner-place": "/karta/orter/poti/",
    "map": "/karta/",
    "statistics": "/statistik/",
    "search": "/sok/?q=skola",
    "tip-form": "/tipsa/",
    "open-data": "/oppna-data/",
    "api": "/api/v1/municipalities",
    "api-docs": "/api/v1/docs",
    "feed": "/flode/berattelser.atom",
    "sitemap": "/sitemap.xml",
    "robots": "/robots.txt",
    "not-found": "/finns-inte/",
}


def policy(response, header="Content-Security-Policy") -> dict[str, list[str]]:
    """The directives of a policy header, name: sources."""
    assert header in response, f"no {header}"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def script_sources(directives) -> list[str]:
    return directives.get("script-src", directives["default-src"])


class TestPublicPages:
    @pytest.fixture(autouse=True)
    def _seed(self, seeded):
        pass

    @pytest.mark.parametrize("page_type", PUBLIC_PAGES)
    def test_scripts_only_from_the_site_itself(self, client, page_type):
        response = client.get(PUBLIC_PAGES[page_type])
        assert response.status_code == (404 if page_type == "not-found" else 200)
        directives = policy(response)
        assert script_sources(directives) == ["'self'"]
        assert directives["default-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        for name, sources in directives.items():
            assert "'unsafe-eval'" not in sources, name
            assert not any(s.startswith(("http:", "https:", "*")) for s in sources), name
        # <style> elements only with a known hash; style attributes are allowed on their own.
        assert "'unsafe-inline'" not in directives["style-src"]
        assert directives["style-src-attr"] == ["'unsafe-inline'"]

    @pytest.mark.parametrize("page_type", PUBLIC_PAGES)
    def test_powerful_features_are_refused(self, client, page_type):
        response = client.get(PUBLIC_PAGES[page_type])
        features = dict(
            item.strip().split("=", 1) for item in response["Permissions-Policy"].split(",")
        )
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert features[feature] == "()", feature

    @pytest.mark.parametrize("page_type", ["story", "map", "tip-form"])
    def test_pages_hold_no_inline_script_or_style_element(self, client, page_type):
        html = client.get(PUBLIC_PAGES[page_type]).content.decode()
        for attributes in re.findall(r"<script\b([^>]*)>", html):
            # Data blocks (JSON, JSON-LD) are not scripts and need nothing from the policy.
            assert "src=" in attributes or re.search(r'type="application/(ld\+)?json"', attributes)
        assert "<style" not in html
        assert not re.search(r"\son[a-z]+=", html)

    def test_a_page_from_the_page_cache_has_the_policy_too(self, client, settings):
        settings.PAGE_CACHE_SECONDS = 60
        first = client.get("/mal/")
        again = client.get("/mal/")
        assert first["Content-Security-Policy"] == again["Content-Security-Policy"]
        assert "Permissions-Policy" in again

    def test_the_api_docs_may_show_swagger_uis_data_images_and_nothing_else_may(self, client):
        assert policy(client.get("/api/v1/docs"))["img-src"] == ["'self'", "data:"]
        assert policy(client.get("/"))["img-src"] == ["'self'"]

    def test_pages_cannot_be_framed(self, client):
        response = client.get(STORY)
        assert response["X-Frame-Options"] == "DENY"
        assert policy(response)["frame-ancestors"] == ["'none'"]


def test_the_error_pages_style_element_is_the_one_the_policy_allows():
    html = render_to_string("500.html")
    (style,) = re.findall(r"<style>(.*?)</style>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.ERROR_PAGE_STYLE_HASH
    assert (
        settings.ERROR_PAGE_STYLE_HASH
        in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    )


def test_static_files_carry_the_policy(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert script_sources(policy(response)) == ["'self'"]


class TestAdmin:
    @pytest.fixture
    def editor(self, client, django_user_model):
        user = django_user_model.objects.create_superuser("admin", "admin@example.com", "pw")
        client.force_login(user)
        return client

    def test_the_login_page_has_the_admins_policy(self, client):
        response = client.get("/admin/login/")
        assert response.status_code == 200
        directives = policy(response)
        assert directives == policy_of(settings.CONTENT_SECURITY_POLICY_ADMIN, framing="'none'")

    def test_the_page_editor_has_the_admins_policy(self, editor, home_page):
        response = editor.get(f"/admin/pages/{home_page.pk}/edit/")
        assert response.status_code == 200
        directives = policy(response)
        assert "'unsafe-inline'" in directives["script-src"]
        assert directives["frame-src"] == ["'self'"]
        assert directives["img-src"] == ["'self'", "data:", "blob:"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert "Permissions-Policy" in response

    def test_the_preview_may_be_framed_by_the_admin_only(self, editor, home_page):
        response = editor.get(f"/admin/pages/{home_page.pk}/edit/preview/")
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert policy(response)["frame-ancestors"] == ["'self'"]

    def test_a_draft_shown_in_the_admin_has_the_admins_policy(self, editor, home_page):
        """Wagtail renders it by passing a request for the page's own address through the
        middleware, inside the admin's request: the public policy that inner pass writes is
        replaced, or the preview panel's frame would be refused."""
        response = editor.get(f"/admin/pages/{home_page.pk}/view_draft/")
        assert response.status_code == 200
        assert policy(response) == policy_of(settings.CONTENT_SECURITY_POLICY_ADMIN, "'none'")


def policy_of(setting, framing):
    directives = {name: list(sources) for name, sources in setting["DIRECTIVES"].items()}
    directives["frame-ancestors"] = [framing]
    return directives
