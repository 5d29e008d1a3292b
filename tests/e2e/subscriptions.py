"""An address that follows three things, confirmed, with a known token, so that the browser
tests can open its management page. Run in the site's process: `manage.py shell -c` (see
conftest.SiteProcess.prepare)."""

SAMPLE_TOKEN = "e2e-sample-token-9N2xQ4vL7pK1mR8sT3wY6zA0bC5dE"
MANAGE_PATH = f"/folj/hantera/{SAMPLE_TOKEN}/"


def make_sample_subscriber():
    from django.utils import timezone

    from millenniekommunerna.partnerships.models import PartnerPlace
    from millenniekommunerna.subscriptions.models import Follow, Subscriber

    now = timezone.now()
    subscriber, _created = Subscriber.objects.update_or_create(
        token=SAMPLE_TOKEN,
        defaults={"email": "foljare@example.se", "frequency": "weekly", "confirmed_at": now},
    )
    subscriber.follows.all().delete()
    for query in ("lan=uppsala&kommun=osthammar", "q=skola&mal=sdg-4"):
        Follow.objects.create(subscriber=subscriber, query=query, confirmed_at=now)
    Follow.objects.create(
        subscriber=subscriber, place=PartnerPlace.objects.get(slug="poti"), confirmed_at=None
    )
