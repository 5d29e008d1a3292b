"""The public tip form at /tipsa/: what a visitor can send, and everything an attacker might
send refused or neutralised with a clear Swedish message and nothing else stored."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from PIL import Image

from millenniekommunerna.editorial.tests.helpers import active_content
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.tips.forms import TipForm
from millenniekommunerna.tips.models import Tip

from .conftest import image_file, png_bomb, valid_data

pytestmark = pytest.mark.django_db

URL = "/tipsa/"


def post(client, address="198.51.100.20", **data):
    return client.post(URL, valid_data(**data), REMOTE_ADDR=address)


def test_form_renders_in_swedish_with_labels_and_no_active_content(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tipsa om en berättelse</h1>" in html
    for label in ("Kommun", "Vad handlar berättelsen om?", "Berätta mer", "Ditt namn"):
        assert label in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert active_content(html) == []
    # The bot trap is out of sight, out of the tab order and not filled in by the browser
    # (a filled-in trap refuses the tip).
    assert '<div class="form-field" hidden>' in html
    trap = re.search(r'<input [^>]*name="webbplats"[^>]*>', html).group(0).lower()
    assert 'autocomplete="off"' in trap and 'tabindex="-1"' in trap  # HTML ignores the case


@override_settings(TIPS_IMAGE_MAX_BYTES=5 * 1024 * 1024, TIPS_RETENTION_DAYS=90)
def test_form_tells_the_visitor_the_limits_and_how_long_a_tip_is_kept(client):
    html = client.get(URL).content.decode()
    assert (
        "Vad görs, vilka deltar, vilka mål bidrar arbetet till och var kan vi läsa mer? "
        "Högst 5000 tecken."
    ) in html
    assert (
        "JPEG, PNG, WebP eller GIF, högst 5 MB. Skicka bara bilder som du själv har tagit "
        "eller får dela. Platsuppgifter i bilden tas bort."
    ) in html
    assert (
        "Redaktionen får kontakta mig om tipset och spara det jag har skrivit i högst 90 dagar."
    ) in html


def test_form_lists_municipalities_by_county_after_an_empty_choice(client):
    html = client.get(URL).content.decode()
    assert '<option value="" selected>Välj en kommun</option>' in html
    blekinge = html[html.index('<optgroup label="Blekinge län">') :]
    blekinge = blekinge[: blekinge.index("</optgroup>")]
    names = re.findall(r'<option value="\d{4}"[^>]*>([^<]+)</option>', blekinge)
    assert names == ["Karlshamn", "Karlskrona", "Olofström", "Ronneby", "Sölvesborg"]
    assert html.index('<optgroup label="Blekinge län">') < html.index(
        '<optgroup label="Dalarnas län">'
    )
    assert "En kort rubrik, högst 120 tecken." in html


def test_form_preselects_a_municipality_from_the_address(client):
    html = client.get(URL + "?kommun=0128").content.decode()
    assert '<option value="0128" selected>Salem</option>' in html


def test_form_page_query_count_is_small_and_fixed(count_queries):
    _response, queries = count_queries(URL)
    assert queries <= 4


def test_a_tip_with_an_image_is_stored_and_the_visitor_thanked(client):
    response = post(client, image=image_file(), image_description="Elever väger matrester")
    assert response.status_code == 302
    assert response["Location"] == "/tipsa/tack/"
    tip = Tip.objects.get()
    assert tip.municipality.code == "0128"
    assert tip.email == "karin@example.org"
    assert tip.status == Tip.Status.NEW and tip.consent
    assert tip.image_content_type == "image/jpeg" and bytes(tip.image_data)[:3] == b"\xff\xd8\xff"
    assert (tip.image_width, tip.image_height) == (320, 240)
    thanks = client.get(response["Location"])
    assert "Tack för ditt tips" in thanks.content.decode()


def test_english_form_posts_to_the_english_address(client):
    html = client.get("/en/tipsa/").content.decode()
    assert 'action="/en/tipsa/"' in html
    assert "Suggest a story" in html


HOSTILE_TEXT = {
    "script tag": "<script>alert('x')</script>",
    "closing and reopening tags": "Bra</textarea><script>alert(1)</script>",
    "event handler": '<img src=x onerror="alert(1)">',
    "event handler without tag": 'x" onmouseover="alert(1)',
    "javascript link": "Läs mer: javascript:alert(document.cookie)",
    "spaced javascript link": "java script:alert(1)",
    "html link": '<a href="https://example.org">klicka</a>',
    "svg": "<svg/onload=alert(1)>",
    "data url": "data:text/html;base64,PHNjcmlwdD4=",
}


@pytest.mark.parametrize("field", ["title", "text", "name", "image_description"])
@pytest.mark.parametrize("payload", HOSTILE_TEXT)
def test_markup_and_script_are_refused_with_a_swedish_message(client, field, payload):
    response = post(client, **{field: HOSTILE_TEXT[payload]})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Skriv med vanlig text, utan HTML-kod eller skript" in html
    assert "Tipset skickades inte" in html
    assert active_content(html) == []  # the echoed value is escaped
    assert not Tip.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        "'); DROP TABLE tips_tip; --",
        "1' OR '1'='1",
        "Robert'); DELETE FROM auth_user WHERE ('1'='1",
        '" UNION SELECT password FROM auth_user --',
    ],
)
def test_sql_fragments_are_stored_as_plain_text_and_harm_nothing(client, payload):
    response = post(client, title=f"Titel {payload}"[:120], text=f"Text {payload}")
    assert response.status_code == 302
    tip = Tip.objects.get()
    assert tip.text == f"Text {payload}"
    assert "tips_tip" in connection.introspection.table_names()
    assert Tip.objects.count() == 1


@pytest.mark.parametrize(
    "field, length, message",
    [
        ("title", 121, "Säkerställ att detta värde har som mest 120 tecken (den har 121)."),
        ("text", 5001, "Säkerställ att detta värde har som mest 5000 tecken (den har 5001)."),
        ("name", 101, "Säkerställ att detta värde har som mest 100 tecken (den har 101)."),
        (
            "image_description",
            251,
            "Säkerställ att detta värde har som mest 250 tecken (den har 251).",
        ),
    ],
)
def test_length_limits(client, field, length, message):
    response = post(client, **{field: "a" * length})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Tip.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"webbplats": "http://spam.example"}, "fältet ”Lämna det här fältet tomt” var ifyllt"),
        ({"consent": ""}, "Kryssa i rutan så att redaktionen får kontakta dig"),
        ({"municipality": "9999"}, "Välj ett giltigt alternativ"),
        ({"municipality": "' OR 1=1 --"}, "Välj ett giltigt alternativ"),
        ({"email": "inte-en-adress"}, "giltig e-postadress"),
        ({"title": "   "}, "Det här fältet är obligatoriskt"),
        (
            {"text": "https://a.example https://b.example https://c.example www.d.example"},
            "Texten får innehålla högst 3 länkar",
        ),
    ],
)
def test_invalid_tips_are_refused_with_a_swedish_message(client, overrides, message):
    response = post(client, **overrides)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Tip.objects.exists()


def test_a_municipality_gone_while_the_form_is_checked_is_refused_with_a_message():
    # The choices are read when the form is made; should the municipality be gone (or its code
    # changed) before the form is checked, the visitor is asked to choose again.
    form = TipForm(data=valid_data(municipality="0128"))
    Municipality.objects.filter(code="0128").update(code="9998")
    assert not form.is_valid()
    assert form.errors["municipality"] == ["Välj en kommun i listan."]


def test_a_field_with_an_error_points_a_screen_reader_at_its_hint_and_then_the_error(client):
    html = post(client, text="<script>alert(1)</script>").content.decode()
    field = re.search(r'<textarea [^>]*name="text"[^>]*>', html).group(0)
    assert 'aria-describedby="id_text_helptext id_text_error"' in field.lower()
    assert 'id="id_text_helptext"' in html and 'id="id_text_error"' in html
    # A field without a hint points at its error alone.
    html = post(client, name="<b>Karin</b>").content.decode()
    field = re.search(r'<input [^>]*name="name"[^>]*>', html).group(0)
    assert 'aria-describedby="id_name_error"' in field.lower()


def test_control_characters_are_removed(client):
    post(client, text="Rad ett\x00\x07\u200b\r\nRad två")
    assert Tip.objects.get().text == "Rad ett\nRad två"


def test_a_lone_carriage_return_is_a_line_break(client):
    post(client, text="Rad ett\rRad två")
    assert Tip.objects.get().text == "Rad ett\nRad två"


def test_three_links_are_allowed(client):
    response = post(client, text="https://a.example https://b.example www.c.example")
    assert response.status_code != 400
    assert Tip.objects.exists()


def test_post_without_csrf_token_is_refused(client):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, valid_data(), REMOTE_ADDR="198.51.100.21")
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert "misslyckades" in response.content.decode()
    assert not Tip.objects.exists()
    # With the token from the form it goes through.
    strict.get(URL)
    token = strict.cookies["csrftoken"].value
    ok = strict.post(URL, valid_data(csrfmiddlewaretoken=token), REMOTE_ADDR="198.51.100.21")
    assert ok.status_code == 302


@pytest.fixture
def steady_clock(monkeypatch):
    """The rate limit counts in fixed windows of the clock; fifty posts on a busy machine may
    straddle the end of one. The limiter's clock stands still in the middle of a window."""
    import types

    import django_ratelimit.core

    monkeypatch.setattr(
        django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: 1.8e9 + 30)
    )


@override_settings(TIPS_RATE_LIMIT=3, TIPS_RATE_PERIOD=3600)
def test_one_address_is_stopped_after_the_limit(client, steady_clock):
    statuses = [post(client, title=f"Tips {i}").status_code for i in range(50)]
    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert Tip.objects.count() == 3
    response = post(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Du har skickat många tips på kort tid. Vänta" in html
    # Another address is not affected.
    assert post(client, address="203.0.113.5").status_code == 302


@override_settings(TIPS_RATE_LIMIT=3)
def test_invalid_attempts_count_toward_the_limit_too(client):
    for _ in range(3):
        assert post(client, consent="").status_code == 400
    assert post(client).status_code == 429
    assert not Tip.objects.exists()


@override_settings(TIPS_IMAGE_MAX_BYTES=50_000)
def test_oversized_image_is_refused(client):
    noise = Image.effect_noise((400, 400), 100).convert("RGB")  # does not compress
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    big = SimpleUploadedFile("stor.png", buffer.getvalue(), content_type="image/png")
    assert big.size > 50_000
    response = post(client, image=big)
    assert response.status_code == 400
    # Under the image field, the size alone: not what the cut-off start of the file (here
    # nothing at all) would say.
    assert image_error(response) == "Bilden är för stor. Den får vara högst 0 MB."
    assert not Tip.objects.exists()


@override_settings(TIPS_IMAGE_MAX_BYTES=100_000)
def test_an_image_over_the_limit_by_less_than_it_is_long_is_refused_too(client):
    # The file arrives cut off after the chunks within the limit (64 kB each), so the start of
    # it is there; it is refused for its size all the same.
    noise = Image.effect_noise((400, 400), 100).convert("RGB")
    buffer = io.BytesIO()
    noise.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 2 * 65_536  # more than one chunk past the limit
    big = SimpleUploadedFile("stor.png", buffer.getvalue(), content_type="image/png")
    response = post(client, image=big)
    assert response.status_code == 400
    assert image_error(response) == "Bilden är för stor. Den får vara högst 0,1 MB."
    assert not Tip.objects.exists()


def image_error(response):
    """The error text under the image field."""
    html = response.content.decode()
    found = re.search(r'<p class="form-field__error" id="id_image_error">(.*?)</p>', html, re.S)
    assert found, "no error under the image field"
    text = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", found.group(1)).strip()
    return text


@pytest.mark.parametrize(
    "name, content, content_type",
    [
        ("bild.jpg", b"Det har ar ingen bild, bara text.\n" * 20, "image/jpeg"),
        ("bild.png", b"<?php echo 'hej'; ?>", "image/png"),
        ("bild.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "image/jpeg"),  # JPEG header, no image
        (
            "bild.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "image/svg+xml",
        ),
        ("bild.html", b"<html><script>alert(1)</script></html>", "image/jpeg"),
        ("bild.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        ("tom.jpg", b"", "image/jpeg"),
    ],
)
def test_files_that_are_not_images_are_refused(client, name, content, content_type):
    response = post(client, image=SimpleUploadedFile(name, content, content_type=content_type))
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Filen är inte en bild som vi kan använda" in html or "Den skickade filen är tom." in html
    )
    assert not Tip.objects.exists()


@pytest.mark.parametrize("side", [10_000, 20_000])
def test_decompression_bomb_is_refused_before_decoding(client, side):
    bomb = SimpleUploadedFile("bomb.png", png_bomb(side, side), content_type="image/png")
    assert bomb.size < 200_000  # a small file ...
    response = post(client, image=bomb)
    assert response.status_code == 400
    assert "Bilden har fler pixlar än vi tar emot" in response.content.decode()
    assert not Tip.objects.exists()


def test_email_is_never_shown_publicly(client):
    post(client, email="hemlig.adress@example.org")
    for url in ("/", "/tipsa/", "/tipsa/tack/", "/berattelser/", "/kommuner/salem/"):
        assert "hemlig.adress" not in client.get(url).content.decode()
