"""`/kontakta/<id>/`: a visitor writes to a story's municipality. The message reaches the
municipality's editors (or the national editors) by mail with the sender as Reply-To; their
addresses never reach the page, and abuse is refused with a Swedish message, nothing lost."""

import re
import types

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings

from millenniekommunerna.editorial.roles import ensure_municipality_group, ensure_national_group
from millenniekommunerna.editorial.tests.helpers import active_content
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.reuse.forms import MESSAGE_MAX_LENGTH, NAME_MAX_LENGTH
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db

OSTHAMMAR_EDITOR = "redaktor@osthammar.example.se"
OTHER_EDITOR = "redaktor@salem.example.se"
NATIONAL_EDITOR = "nationell@millenniekommunerna.example.se"


def editor(name, group):
    email = name if "@" in name else ""
    user = get_user_model().objects.create_user(username=name, email=email, password="x")
    user.groups.add(group)
    return user


@pytest.fixture
def story():
    return StoryPageFactory(title="Räddningstjänst i Poti och Östhammar", municipality_code="0382")


@pytest.fixture
def editors():
    """An editor of Östhammar, one of Salem and a national editor."""
    editor(OSTHAMMAR_EDITOR, ensure_municipality_group(Municipality.objects.get(code="0382")).group)
    editor(OTHER_EDITOR, ensure_municipality_group(Municipality.objects.get(code="0128")).group)
    editor(NATIONAL_EDITOR, ensure_national_group())


def url(story):
    return f"/kontakta/{story.pk}/"


def valid_data(**overrides):
    data = {
        "name": "Karin Andersson",
        "email": "karin@example.org",
        "message": "Hej! Hur organiserade ni utbildningen? Vi vill göra något liknande i Salem.",
        "webbplats": "",
    }
    data.update(overrides)
    return data


def post(client, story, address="198.51.100.20", **data):
    return client.post(url(story), valid_data(**data), REMOTE_ADDR=address)


def errors(response) -> str:
    return response.content.decode()


def test_the_story_page_links_to_the_form(client, story):
    html = client.get(story.url).content.decode()
    assert f'rel="nofollow" href="/kontakta/{story.pk}/">Kontakta kommunen om projektet</a>' in html
    html = client.get("/en" + story.url).content.decode()
    assert f'href="/en/kontakta/{story.pk}/">Contact the municipality about the project</a>' in html


def test_the_form_renders_in_swedish_and_shows_no_address(client, story, editors):
    response = client.get(url(story))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kontakta Östhammar om projektet</h1>" in html
    for label in ("Ditt namn", "Din e-postadress", "Ditt meddelande"):
        assert label in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert f'href="{story.url}">Räddningstjänst i Poti och Östhammar</a>' in html
    assert active_content(html) == []
    assert '<div class="form-field" hidden>' in html
    trap = re.search(r'<input [^>]*name="webbplats"[^>]*>', html).group(0).lower()
    assert 'autocomplete="off"' in trap and 'tabindex="-1"' in trap
    for address in (OSTHAMMAR_EDITOR, OTHER_EDITOR, NATIONAL_EDITOR, "@osthammar", "mailto:"):
        assert address not in html
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_the_english_form_posts_to_the_english_address(client, story):
    html = client.get(f"/en/kontakta/{story.pk}/").content.decode()
    assert f'action="/en/kontakta/{story.pk}/"' in html
    assert "Contact Östhammar about the project" in html


def test_a_message_goes_to_the_municipality_editors_with_the_sender_as_reply_to(
    client, story, editors
):
    response = post(client, story)
    assert response.status_code == 302
    assert response["Location"] == f"/kontakta/{story.pk}/tack/"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [OSTHAMMAR_EDITOR]
    assert sent.reply_to == ["karin@example.org"]
    assert sent.subject == "Fråga om ”Räddningstjänst i Poti och Östhammar” – Millenniekommunerna"
    assert sent.content_subtype == "plain" and not getattr(sent, "alternatives", None)
    assert "Karin Andersson (karin@example.org) har skrivit till er kommun" in sent.body
    assert "Räddningstjänst i Poti och Östhammar\nhttp://testserver" + story.url in sent.body
    assert "Vi vill göra något liknande i Salem." in sent.body
    # Post, redirect, get: the thank-you page names the municipality and leads back.
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    html = thanks.content.decode()
    assert "Ditt meddelande har skickats" in html
    assert "Östhammar svarar till e-postadressen du angav" in html
    assert OSTHAMMAR_EDITOR not in html


def test_without_municipality_editors_the_national_editors_get_the_message(client, story):
    editor(OTHER_EDITOR, ensure_municipality_group(Municipality.objects.get(code="0128")).group)
    editor(NATIONAL_EDITOR, ensure_national_group())
    # An Östhammar editor without an email address cannot be written to.
    editor("utan-adress", ensure_municipality_group(Municipality.objects.get(code="0382")).group)
    assert post(client, story).status_code == 302
    assert [m.to for m in mail.outbox] == [[NATIONAL_EDITOR]]


def test_inactive_editors_get_nothing(client, story, editors):
    get_user_model().objects.filter(email=OSTHAMMAR_EDITOR).update(is_active=False)
    assert post(client, story).status_code == 302
    assert mail.outbox[0].to == [NATIONAL_EDITOR]


def test_with_nobody_to_write_to_the_form_says_so_and_keeps_the_message(client, story):
    response = post(client, story)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Meddelandet kunde inte skickas just nu. Försök igen om några minuter." in html
    assert "Vi vill göra något liknande i Salem." in html
    assert 'value="karin@example.org"' in html
    assert mail.outbox == []


def test_a_failing_mail_server_loses_nothing(client, story, editors, settings, monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailMessage, "send", refuse)
    response = post(client, story)
    assert response.status_code == 503
    assert "Vi vill göra något liknande i Salem." in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Skriv ditt namn."),
        ({"message": ""}, "Skriv ett meddelande."),
        ({"message": "   \n  "}, "Skriv ett meddelande."),
        ({"email": ""}, "Skriv din e-postadress, så att kommunen kan svara."),
        ({"email": "karin"}, "Skriv en hel e-postadress, till exempel namn@exempel.se."),
        ({"email": "karin@example.org\nBcc: x@example.org"}, "Skriv en hel e-postadress"),
        ({"message": "<script>alert(1)</script> hej hej"}, "Skriv med vanlig text"),
        ({"message": "a http://a.se http://b.se http://c.se http://d.se"}, "högst 3 länkar"),
        ({"name": "x" * (NAME_MAX_LENGTH + 1)}, "Skriv högst 100 tecken (nu 101)."),
        ({"message": "x" * (MESSAGE_MAX_LENGTH + 1)}, "Skriv högst 3000 tecken (nu 3001)."),
        ({"message": "Hej"}, "Skriv minst 10 tecken (nu 3)."),
        ({"webbplats": "https://spam.example"}, "fältet ”Lämna det här fältet tomt” var ifyllt"),
    ],
)
def test_bad_input_is_refused_in_swedish_and_nothing_is_lost(
    client, story, editors, overrides, message
):
    response = post(client, story, **overrides)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Meddelandet skickades inte" in html
    assert message in html
    assert mail.outbox == []
    # What was typed is still there (escaped), to correct and send again.
    if "message" not in overrides:
        assert "Vi vill göra något liknande i Salem." in html
    if "name" not in overrides:
        assert 'value="Karin Andersson"' in html
    assert "<script>alert" not in html


def test_post_without_csrf_token_is_refused(story, editors):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url(story), valid_data(), REMOTE_ADDR="198.51.100.21")
    assert response.status_code == 403
    assert mail.outbox == []
    strict.get(url(story))
    token = strict.cookies["csrftoken"].value
    ok = strict.post(url(story), valid_data(csrfmiddlewaretoken=token), REMOTE_ADDR="198.51.100.21")
    assert ok.status_code == 302
    assert len(mail.outbox) == 1


@pytest.fixture
def steady_clock(monkeypatch):
    """The limiter's clock stands still in the middle of a window (see tips' tests)."""
    import django_ratelimit.core

    monkeypatch.setattr(
        django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1.8e9 + 30)
    )


@override_settings(CONTACT_RATE_LIMIT=3, CONTACT_RATE_PERIOD=3600)
def test_one_address_is_stopped_after_the_limit(client, story, editors, steady_clock):
    statuses = [post(client, story).status_code for _ in range(10)]
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3
    response = post(client, story)
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Du har skickat många meddelanden på kort tid. Vänta" in html
    # What was typed is kept.
    assert "Vi vill göra något liknande i Salem." in html
    assert post(client, story, address="203.0.113.5").status_code == 302


@override_settings(CONTACT_RATE_LIMIT=2)
def test_invalid_attempts_count_toward_the_limit_too(client, story, editors, steady_clock):
    for _ in range(2):
        assert post(client, story, email="").status_code == 400
    assert post(client, story).status_code == 429
    assert mail.outbox == []


@override_settings(CONTACT_MESSAGES_PER_MUNICIPALITY=2)
def test_one_municipality_gets_at_most_so_many_messages_a_day(client, story, editors, steady_clock):
    other = StoryPageFactory(title="Solceller", municipality_code="0382")
    addresses = ["198.51.100.1", "198.51.100.2", "198.51.100.3"]
    assert post(client, story, address=addresses[0]).status_code == 302
    assert post(client, other, address=addresses[1]).status_code == 302
    response = post(client, story, address=addresses[2])
    assert response.status_code == 429
    html = response.content.decode()
    assert "Kommunen har fått många meddelanden via webbplatsen i dag." in html
    assert "Vi vill göra något liknande i Salem." in html
    assert len(mail.outbox) == 2
    # Another municipality is not affected.
    salem = StoryPageFactory(title="Vattenskolan", municipality_code="0128")
    assert post(client, salem, address=addresses[2]).status_code == 302


def test_unknown_or_unpublished_stories_are_not_found(client, story, editors):
    draft = StoryPageFactory(title="Utkast", municipality_code="0382")
    draft.unpublish()
    for path in (
        f"/kontakta/{draft.pk}/",
        f"/kontakta/{draft.pk}/tack/",
        "/kontakta/999999999/",
        "/kontakta/99999999999999999999999/",
        "/kontakta/abc/",
        f"/kontakta/{story.get_parent().pk}/",
    ):
        assert client.get(path).status_code == 404, path
    assert post(client, draft).status_code == 404
    assert mail.outbox == []


def test_the_form_is_never_kept_by_the_page_cache(client, story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get(url(story))
    response = client.get(url(story))
    assert "X-Page-Cache" not in response
    assert "X-Accel-Expires" not in response
