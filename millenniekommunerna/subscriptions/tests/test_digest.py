"""The digest on a frozen clock: a known set of publications around one week and one day,
what each follow lists, in Swedish and English, and that no period is sent twice."""

from datetime import date, datetime
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from millenniekommunerna.goals.models import Goal
from millenniekommunerna.partnerships.models import PartnerPlace
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage
from millenniekommunerna.subscriptions import digest
from millenniekommunerna.subscriptions.factories import FollowFactory, SubscriberFactory
from millenniekommunerna.subscriptions.models import Delivery, Frequency

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("public_root")]

STOCKHOLM = ZoneInfo("Europe/Stockholm")
ROOT = "https://millenniekommunerna.example"
# The week Monday 23 – Sunday 29 November 2026; the digest of it goes out on Monday the 30th.
MONDAY_AFTER = "2026-11-30"
# The usual line between a mail and its signature: two dashes and a space.
SIGNATURE = "-- "


@pytest.fixture
def public_root():
    with override_settings(PUBLIC_ROOT_URL=ROOT):
        yield


def at(day, hour=10):
    return datetime(2026, 11, day, hour, tzinfo=STOCKHOLM)


def story(title, first, last=None, **kwargs):
    page = StoryPageFactory(title=title, **kwargs)
    StoryPage.objects.filter(pk=page.pk).update(
        first_published_at=first, last_published_at=last or first
    )
    return page


@pytest.fixture
def publications():
    """Stories published and updated before, in and after the week; one draft."""
    sdg12 = Goal.objects.get(slug="sdg-12")
    poti = PartnerPlace.objects.get(slug="poti")
    return {
        "new": story("Solceller på alla skolor", at(24)),
        "updated": story("Matsvinnet halverat", datetime(2026, 10, 1, tzinfo=STOCKHOLM), at(26)),
        "before": story("Cykelvägar i Öregrund", at(22, 23)),
        "after": story("Vinterväghållning", at(30, 0)),
        "elsewhere": story(
            "Återbruk i Kalix och Poti",
            at(29, 23),
            municipality_code="2514",
            goals=[sdg12],
            partner_places=[poti],
        ),
        "draft": story("Ett utkast", at(25), live=False),
    }


def follows(subscriber):
    for query in ("kommun=osthammar", "mal=sdg-12", "q=återbruk"):
        FollowFactory(subscriber=subscriber, query=query)
    FollowFactory(subscriber=subscriber, query="", place=PartnerPlace.objects.get(slug="poti"))


def send(today=MONDAY_AFTER, **options):
    out = StringIO()
    call_command("send_digests", today=today, stdout=out, **options)
    return out.getvalue()


def test_periods_are_yesterday_and_last_week_from_monday_to_sunday():
    assert digest.period_before(Frequency.DAILY, date(2026, 12, 1)) == digest.Period(
        "daily", date(2026, 11, 30), date(2026, 12, 1)
    )
    for today in ("2026-11-30", "2026-12-03", "2026-12-06"):
        period = digest.period_before(Frequency.WEEKLY, date.fromisoformat(today))
        assert (period.start, period.last_day) == (date(2026, 11, 23), date(2026, 11, 29))
    start, end = digest.period_before(Frequency.WEEKLY, date(2026, 11, 30)).bounds
    assert start == datetime(2026, 11, 23, tzinfo=STOCKHOLM)
    assert end == datetime(2026, 11, 30, tzinfo=STOCKHOLM)


def test_the_weekly_digest_of_a_known_week(publications):
    subscriber = SubscriberFactory(email="anna@example.se", confirmed_at=at(2))
    follows(subscriber)

    output = send()

    assert "weekly 2026-11-23–2026-11-29: 1 sent" in output
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anna@example.se"]
    assert message.subject == "Veckans nya berättelser, 23–29 november 2026 – Millenniekommunerna"
    assert message.body == EXPECTED_SWEDISH.replace("TOKEN", subscriber.token).replace(
        "NEW", publications["new"].url
    ).replace("UPDATED", publications["updated"].url).replace(
        "ELSEWHERE", publications["elsewhere"].url
    )
    assert message.extra_headers["List-Unsubscribe"] == f"<{ROOT}/folj/avsluta/{subscriber.token}/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, kind = message.alternatives[0]
    assert kind == "text/html"
    assert '<html lang="sv">' in html
    assert f'<a href="{ROOT}{publications["new"].url}"' in html
    for left_out in ("before", "after", "draft"):
        assert publications[left_out].title not in message.body + html
    delivery = Delivery.objects.get()
    assert (delivery.period_start, delivery.story_count) == (date(2026, 11, 23), 5)
    assert delivery.sent_at is not None


EXPECTED_SWEDISH = f"""\
Millenniekommunerna: nya och uppdaterade berättelser, 23–29 november 2026


== Östhammars kommun ==

Ny: Solceller på alla skolor (Östhammars kommun)
{ROOT}NEW

Uppdaterad: Matsvinnet halverat (Östhammars kommun)
{ROOT}UPDATED

Alla: {ROOT}/berattelser/?lan=uppsala&kommun=osthammar


== Mål 12 Hållbar konsumtion och produktion ==

Ny: Återbruk i Kalix och Poti (Kalix kommun)
{ROOT}ELSEWHERE

Alla: {ROOT}/berattelser/?mal=sdg-12


== Sökning: ”återbruk” ==

Ny: Återbruk i Kalix och Poti (Kalix kommun)
{ROOT}ELSEWHERE

Alla: {ROOT}/sok/?q=%C3%A5terbruk


== Poti, Georgien ==

Ny: Återbruk i Kalix och Poti (Kalix kommun)
{ROOT}ELSEWHERE

Alla: {ROOT}/karta/orter/poti/


{SIGNATURE}
Du får det här mejlet varje vecka det finns nya berättelser i det du följer.
Ändra vad du följer, hur ofta eller språket: {ROOT}/folj/hantera/TOKEN/
Avsluta: {ROOT}/folj/avsluta/TOKEN/
Millenniekommunerna – {ROOT}/"""


def test_the_digest_in_english(publications):
    subscriber = SubscriberFactory(language="en", confirmed_at=at(2))
    FollowFactory(subscriber=subscriber, query="kommun=osthammar")
    send()
    message = mail.outbox[0]
    assert message.subject == "New stories this week, 23–29 November 2026 – Millenniekommunerna"
    assert "== Östhammar Municipality ==" in message.body
    assert "New: Solceller på alla skolor (Östhammar Municipality)" in message.body
    assert "Updated: Matsvinnet halverat" in message.body
    assert f"{ROOT}/en{publications['new'].url}" in message.body
    assert f"All of them: {ROOT}/en/berattelser/?lan=uppsala&kommun=osthammar" in message.body
    assert f"{ROOT}/en/folj/hantera/{subscriber.token}/" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="en">' in html
    # The story's title is Swedish: marked so inside the English mail.
    assert 'lang="sv">Solceller på alla skolor</a>' in html


def test_the_daily_digest_lists_yesterday(publications):
    subscriber = SubscriberFactory(frequency=Frequency.DAILY, confirmed_at=at(2))
    FollowFactory(subscriber=subscriber, query="kommun=osthammar")
    output = send(today="2026-11-25", frequency="daily")
    assert "daily 2026-11-24–2026-11-24: 1 sent" in output
    message = mail.outbox[0]
    assert message.subject == "Nya berättelser 24 november 2026 – Millenniekommunerna"
    assert "Solceller på alla skolor" in message.body
    assert "Matsvinnet halverat" not in message.body


def test_no_mail_twice_for_the_same_period(publications):
    subscriber = SubscriberFactory(confirmed_at=at(2))
    follows(subscriber)
    send()
    output = send()
    later_in_the_week = send(today="2026-12-02")
    assert "0 sent, 0 without new stories, 1 already sent" in output
    assert "1 already sent" in later_in_the_week
    assert len(mail.outbox) == 1
    assert Delivery.objects.count() == 1


def test_a_failed_mail_is_tried_again_on_the_next_run(publications):
    subscriber = SubscriberFactory(confirmed_at=at(2))
    follows(subscriber)
    out = StringIO()
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("SMTP is down")
        ),
        pytest.raises(CommandError, match="1 digests could not be sent"),
    ):
        call_command("send_digests", today=MONDAY_AFTER, stdout=out)
    assert "0 sent" in out.getvalue() and "1 failed" in out.getvalue()
    assert not Delivery.objects.exists()
    send()
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_nothing_new_was_followed(publications):
    subscriber = SubscriberFactory(confirmed_at=at(2))
    FollowFactory(subscriber=subscriber, query="kommun=arjeplog")
    output = send()
    assert "0 sent, 1 without new stories" in output
    assert not mail.outbox
    assert Delivery.objects.get().story_count == 0


def test_nothing_before_confirmation(publications):
    unconfirmed = SubscriberFactory(confirmed_at=None)
    FollowFactory(subscriber=unconfirmed, confirmed_at=None)
    # Confirmed after the week ended: its first digest is the next week's.
    late = SubscriberFactory(confirmed_at=at(30, 8))
    FollowFactory(subscriber=late)
    # A confirmed address whose new follow is not confirmed yet gets only what it confirmed.
    partly = SubscriberFactory(confirmed_at=at(2))
    FollowFactory(subscriber=partly, query="mal=sdg-12")
    FollowFactory(subscriber=partly, query="kommun=osthammar", confirmed_at=None)
    send()
    assert [message.to for message in mail.outbox] == [[partly.email]]
    assert "Östhammars kommun" not in mail.outbox[0].body
    assert "Återbruk i Kalix och Poti" in mail.outbox[0].body


def test_a_dry_run_sends_and_records_nothing(publications):
    subscriber = SubscriberFactory(confirmed_at=at(2))
    follows(subscriber)
    output = send(dry_run=True)
    assert "1 sent" in output and "(dry run)" in output
    assert not mail.outbox and not Delivery.objects.exists()


@override_settings(EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
def test_the_file_backend_writes_the_digest(publications, tmp_path):
    subscriber = SubscriberFactory(confirmed_at=at(2))
    follows(subscriber)
    with override_settings(EMAIL_FILE_PATH=str(tmp_path)):
        send()
        send()  # nothing to send: no empty file either
    (written,) = tmp_path.iterdir()
    text = written.read_text()
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in text
    assert "Solceller p=C3=A5 alla skolor" in text or "Solceller på alla skolor" in text


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        send(today="30/11/2026")
