"""After the form: confirming (a button, so that mail scanners opening links confirm
nothing), the management page, the one-click unsubscribe, and unconfirmed addresses
deleted after 7 days."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from millenniekommunerna.partnerships.models import PartnerPlace
from millenniekommunerna.subscriptions.factories import FollowFactory, SubscriberFactory
from millenniekommunerna.subscriptions.models import Delivery, Follow, Subscriber
from millenniekommunerna.subscriptions.purge import purge_unconfirmed

pytestmark = pytest.mark.django_db


def test_subscribe_then_confirm_then_unsubscribe(client):
    client.post(
        "/folj/?kommun=osthammar",
        {"email": "anna@example.se", "frequency": "daily", "language": "sv", "query": "mal=sdg-12"},
    )
    subscriber = Subscriber.objects.get()
    confirm = f"/folj/bekrafta/{subscriber.token}/"
    assert confirm in mail.outbox[0].body

    # Opening the link (as a mail scanner does) shows a button and confirms nothing.
    page = client.get(confirm)
    assert page.status_code == 200
    assert "Mål 12 Hållbar konsumtion och produktion" in page.content.decode()
    subscriber.refresh_from_db()
    assert not subscriber.is_confirmed

    response = client.post(confirm)
    assert response.status_code == 302
    assert response["Location"] == f"/folj/hantera/{subscriber.token}/?bekraftad=1"
    subscriber.refresh_from_db()
    assert subscriber.is_confirmed and subscriber.follows.get().is_confirmed
    html = client.get(response["Location"]).content.decode()
    assert "Tack – din adress är bekräftad." in html

    response = client.post(f"/folj/avsluta/{subscriber.token}/")
    assert response.status_code == 200
    assert "Du har avslutat prenumerationen" in response.content.decode()
    assert not Subscriber.objects.exists() and not Follow.objects.exists()
    # Only the confirmation was ever sent.
    assert len(mail.outbox) == 1


def test_one_click_unsubscribe_from_the_mail_program_needs_no_csrf_token():
    subscriber = SubscriberFactory()
    FollowFactory(subscriber=subscriber)
    Delivery.objects.create(subscriber=subscriber, frequency="weekly", period_start="2026-11-23")
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/folj/avsluta/{subscriber.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Follow.objects.exists() and not Delivery.objects.exists()
    # Again: the same answer, nothing to delete.
    again = client.post(
        f"/folj/avsluta/{subscriber.token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200


def test_opening_the_unsubscribe_link_asks_before_deleting(client):
    subscriber = SubscriberFactory()
    html = client.get(f"/folj/avsluta/{subscriber.token}/").content.decode()
    assert "Avsluta och radera min adress" in html
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_the_management_page_lists_and_changes_the_choices(client):
    subscriber = SubscriberFactory(email="anna@example.se", frequency="weekly", language="sv")
    municipality = FollowFactory(subscriber=subscriber, query="lan=uppsala&kommun=osthammar")
    FollowFactory(subscriber=subscriber, query="", place=PartnerPlace.objects.get(slug="poti"))
    FollowFactory(subscriber=subscriber, query="mal=sdg-12", confirmed_at=None)
    url = f"/folj/hantera/{subscriber.token}/"

    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>anna@example.se</strong>" in html
    assert '<a href="/berattelser/?lan=uppsala&amp;kommun=osthammar" rel="nofollow">' in html
    assert '<a href="/karta/orter/poti/" rel="nofollow">Poti, Georgien</a>' in html
    assert "(inte bekräftad)" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert response["Cache-Control"].startswith("max-age=0")

    response = client.post(url, {"action": "choices", "frequency": "daily", "language": "en"})
    assert response.status_code == 302 and response["Location"] == url + "?sparat=1"
    subscriber.refresh_from_db()
    assert (subscriber.frequency, subscriber.language) == ("daily", "en")

    response = client.post(url, {"action": "remove", "follow": municipality.pk})
    assert response.status_code == 302
    assert not Follow.objects.filter(pk=municipality.pk).exists()
    assert subscriber.follows.count() == 2


def test_the_management_page_refuses_bad_choices_in_swedish(client):
    subscriber = SubscriberFactory(frequency="weekly")
    url = f"/folj/hantera/{subscriber.token}/"
    response = client.post(url, {"action": "choices", "frequency": "hourly", "language": "sv"})
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.frequency == "weekly"


def test_one_subscriber_cannot_remove_anothers_follow(client):
    mine = SubscriberFactory()
    theirs = FollowFactory()
    client.post(f"/folj/hantera/{mine.token}/", {"action": "remove", "follow": theirs.pk})
    assert Follow.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("path", ["bekrafta", "hantera"])
def test_an_unknown_or_old_link_says_so(client, path):
    response = client.get(f"/folj/{path}/finns-inte/")
    assert response.status_code == 404
    assert "Länken fungerar inte längre" in response.content.decode()


def test_unconfirmed_addresses_are_deleted_after_seven_days():
    now = timezone.now()
    old = SubscriberFactory(confirmed_at=None, created_at=now - timedelta(days=7, minutes=1))
    FollowFactory(subscriber=old, confirmed_at=None)
    recent = SubscriberFactory(confirmed_at=None, created_at=now - timedelta(days=6, hours=23))
    confirmed = SubscriberFactory(created_at=now - timedelta(days=30))
    kept = FollowFactory(subscriber=confirmed)
    stale = FollowFactory(
        subscriber=confirmed,
        query="mal=sdg-1",
        confirmed_at=None,
        created_at=now - timedelta(days=8),
    )

    assert purge_unconfirmed(now) == (1, 1)
    assert set(Subscriber.objects.all()) == {recent, confirmed}
    assert list(Follow.objects.all()) == [kept]
    assert not Follow.objects.filter(pk=stale.pk).exists()


def test_the_purge_command_and_the_send_command_both_purge():
    old = timezone.now() - timedelta(days=8)
    SubscriberFactory(confirmed_at=None, created_at=old)
    out = StringIO()
    call_command("purge_unconfirmed_subscriptions", stdout=out)
    assert "Deleted 1 unconfirmed addresses" in out.getvalue()
    SubscriberFactory(confirmed_at=None, created_at=old)
    call_command("send_digests", stdout=StringIO())
    assert not Subscriber.objects.exists()


def test_the_management_page_costs_at_most_a_query_more_per_follow(count_queries):
    subscriber = SubscriberFactory()
    for number in range(1, 4):
        FollowFactory(subscriber=subscriber, query=f"mal=sdg-{number}")
    _response, with_three = count_queries(f"/folj/hantera/{subscriber.token}/")
    for number in range(4, 11):
        FollowFactory(subscriber=subscriber, query=f"q=skola&mal=sdg-{number}")
    response, with_ten = count_queries(f"/folj/hantera/{subscriber.token}/")
    assert response.status_code == 200
    # Each follow's filters are looked up once (here its goal); at most 50 follows an address.
    assert with_ten - with_three <= 7
