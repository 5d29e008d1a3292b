import pytest

from millenniekommunerna.subscriptions.factories import FollowFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_factories_build_valid_confirmed_objects():
    follow = FollowFactory()
    follow.full_clean()
    follow.subscriber.full_clean()
    assert follow.is_confirmed and follow.subscriber.is_confirmed
    assert len(follow.subscriber.token) >= 40


def test_every_subscriber_gets_its_own_token():
    assert SubscriberFactory().token != SubscriberFactory().token
