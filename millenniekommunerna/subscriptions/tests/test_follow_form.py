"""The follow form at /folj/: subscribing is double opt-in, says the same for known and
unknown addresses, and has the tip form's protection (CSRF, a rate limit per connection, a
honeypot, length limits) plus a limit on mails to one address."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.test import Client, override_settings

from millenniekommunerna.subscriptions.factories import FollowFactory, SubscriberFactory
from millenniekommunerna.subscriptions.models import Follow, Subscriber

pytestmark = pytest.mark.django_db

URL = "/folj/"


def form(**data):
    return {
        "email": "anna@example.se",
        "frequency": "weekly",
        "language": "sv",
        "query": "kommun=osthammar",
        "place": "",
        "webbplats": "",
        **data,
    }


def post(client, address="198.51.100.30", **data):
    return client.post(URL, form(**data), REMOTE_ADDR=address)


def test_the_form_names_what_is_followed_and_says_what_is_stored(client):
    html = client.get(URL + "?kommun=osthammar").content.decode()
    assert '<strong class="follow__target">Östhammars kommun</strong>' in html
    # Kept as the listing writes it (a municipality names its county too).
    assert 'name="query" value="lan=uppsala&amp;kommun=osthammar"' in html
    assert "Bara din e-postadress och dina val" in html
    assert "raderas efter 7 dagar" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    trap = re.search(r'<input [^>]*name="webbplats"[^>]*>', html).group(0).lower()
    assert 'autocomplete="off"' in trap and 'tabindex="-1"' in trap


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("?mal=sdg-12", "Mål 12 Hållbar konsumtion och produktion"),
        ("?lan=uppsala", "Uppsala län"),
        ("?ort=poti", "Poti, Georgien"),
        ("?q=skola&millenniekommun=ja", "Sökning: ”skola” · Millenniekommuner"),
        ("", "Alla berättelser"),
    ],
)
def test_the_form_reads_every_kind_of_follow(client, query, label):
    html = client.get(URL + query).content.decode()
    assert f'<strong class="follow__target">{label}</strong>' in html


def test_english_form(client):
    html = client.get("/en/folj/?kommun=osthammar").content.decode()
    assert "<h1>Follow by email</h1>" in html
    assert "Östhammar Municipality" in html
    assert re.search(r'<input[^>]*value="en"[^>]*checked', html)


def test_an_unknown_partner_place_is_not_found(client):
    assert client.get(URL + "?ort=finns-inte").status_code == 404


def test_subscribing_stores_the_address_unconfirmed_and_sends_only_a_confirmation(client):
    response = post(client)
    assert response.status_code == 302 and response["Location"] == "/folj/skickat/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.se"
    assert not subscriber.is_confirmed
    follow = subscriber.follows.get()
    assert follow.query == "lan=uppsala&kommun=osthammar" and not follow.is_confirmed
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"]
    assert message.subject == "Bekräfta att du vill följa berättelser – Millenniekommunerna"
    assert f"http://testserver/folj/bekrafta/{subscriber.token}/" in message.body
    assert "* Östhammars kommun" in message.body
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<http://testserver/folj/avsluta/{subscriber.token}/>"
    )
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, kind = message.alternatives[0]
    assert kind == "text/html" and f"/folj/bekrafta/{subscriber.token}/" in html
    # The address is in no link.
    assert "anna" not in " ".join(re.findall(r"https?://\S+", message.body + html))


def test_a_known_address_gets_the_same_answer_and_its_choices_are_not_changed(client):
    known = SubscriberFactory(email="anna@example.se", frequency="daily", language="en")
    response = post(client, query="mal=sdg-12", frequency="weekly", language="sv")
    assert response.status_code == 302 and response["Location"] == "/folj/skickat/"
    known.refresh_from_db()
    assert (known.frequency, known.language) == ("daily", "en")
    follow = known.follows.get()
    assert follow.query == "mal=sdg-12" and not follow.is_confirmed
    # The mail goes to the address, in its own language, asking to confirm the new follow.
    assert mail.outbox[0].subject.startswith("Confirm that you want to follow stories")


def test_the_same_follow_twice_is_stored_once(client):
    post(client)
    post(client, email="Anna@EXAMPLE.se")
    assert Subscriber.objects.count() == 1
    assert Follow.objects.count() == 1


def test_the_listing_state_is_kept_as_the_listing_reads_it(client):
    post(client, query="ordning=nyast&mal=SDG-12&kommun=osthammar&sida=3&okand=1")
    assert Follow.objects.get().query == "mal=sdg-12&lan=uppsala&kommun=osthammar"


def test_a_state_the_listing_cannot_read_is_refused_in_swedish(client):
    response = post(client, query="kommun=finns-inte")
    assert response.status_code == 400
    assert "Det du ville följa gick inte att läsa" in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_a_bad_address_is_refused_and_what_was_typed_is_kept(client):
    response = post(client, email="inte-en-adress")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Fyll i en giltig e-postadress." in html
    assert 'value="inte-en-adress"' in html
    assert not Subscriber.objects.exists()


def test_a_too_long_address_is_refused(client):
    response = post(client, email="a" * 250 + "@example.se")
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_the_honeypot_stops_the_form(client):
    response = post(client, webbplats="http://spam.example")
    assert response.status_code == 400
    assert "Lämna det här fältet tomt" in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_the_form_needs_its_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = post(client)
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


@override_settings(SUBSCRIPTIONS_RATE_LIMIT=2)
def test_too_many_forms_from_one_connection_are_refused(client):
    post(client, email="a@example.se")
    post(client, email="b@example.se")
    response = post(client, email="c@example.se")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "För många förfrågningar från din anslutning" in response.content.decode()
    assert 'value="c@example.se"' in response.content.decode()
    assert Subscriber.objects.count() == 2
    # Another connection is not affected.
    assert post(client, address="198.51.100.31", email="d@example.se").status_code == 302


@override_settings(SUBSCRIPTIONS_MAILS_PER_ADDRESS=2)
def test_one_address_gets_a_limited_number_of_confirmation_mails(client):
    for number, query in enumerate(["mal=sdg-1", "mal=sdg-2", "mal=sdg-3"]):
        post(client, address=f"198.51.100.{number + 40}", query=query)
    assert len(mail.outbox) == 2
    assert Follow.objects.count() == 3


def test_the_sent_page_says_to_check_the_inbox(client):
    html = client.get("/folj/skickat/").content.decode()
    assert "Titta i din e-post" in html


def test_follow_links_on_the_pages_that_can_be_followed(client, seed_import):
    expected = {
        "/kommuner/osthammar/": "/folj/?kommun=osthammar",
        "/mal/sdg-12/": "/folj/?mal=sdg-12",
        "/karta/orter/poti/": "/folj/?ort=poti",
        "/berattelser/?lan=uppsala&ordning=nyast": "/folj/?lan=uppsala",
        "/sok/?q=skola&mal=mdg-8": "/folj/?q=skola&amp;mal=mdg-8",
        "/en/kommuner/osthammar/": "/en/folj/?kommun=osthammar",
    }
    for page, link in expected.items():
        html = client.get(page).content.decode()
        assert f'<a href="{link}" rel="nofollow">' in html, page


def test_following_again_what_is_already_confirmed_sends_nothing(client):
    follow = FollowFactory(query="mal=sdg-12")
    response = post(client, email=follow.subscriber.email, query="mal=sdg-12")
    assert response.status_code == 302 and response["Location"] == "/folj/skickat/"
    assert not mail.outbox
    assert Follow.objects.count() == 1


def test_when_the_mail_cannot_be_sent_the_visitor_is_told_and_nothing_is_lost(client):
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("SMTP is down")
    ):
        response = post(client)
    html = response.content.decode()
    assert response.status_code == 503
    assert "E-postmeddelandet kunde inte skickas just nu" in html
    assert 'value="anna@example.se"' in html
    assert Follow.objects.filter(confirmed_at__isnull=True).count() == 1
    # Sending the form again sends the confirmation.
    post(client)
    assert len(mail.outbox) == 1
