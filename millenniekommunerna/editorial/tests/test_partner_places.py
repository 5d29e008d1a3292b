"""Partner places that are true: the story editor offers the municipality's own partner
places first (the rest behind the search box), and warns when a story names a place the
municipality has no partnership with."""

import re

import pytest
from django.urls import reverse

from millenniekommunerna.partnerships.models import PartnerPlace, Partnership
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poti(side_a):
    place = PartnerPlace.objects.get(name="Poti")
    Partnership.objects.create(municipality=side_a.municipality, partner_place=place)
    return place


def option_attributes(html, place):
    """The checklist option's <label> tag for `place`."""
    match = re.search(
        rf'<label class="mk-checklist__option"[^>]*>\s*'
        rf'<input type="checkbox" name="partner_places" value="{place.pk}"',
        html,
    )
    assert match, place
    return match.group(0)


def test_the_municipalitys_partner_places_come_first_the_rest_behind_search(client, side_a, poti):
    client.force_login(side_a.editor)
    html = client.get(
        reverse("wagtailadmin_pages:add", args=["stories", "storypage", side_a.page.pk])
    ).content.decode()
    kampala = PartnerPlace.objects.get(name="Kampala")
    assert "data-mk-secondary" not in option_attributes(html, poti)
    assert "data-mk-secondary" in option_attributes(html, kampala)
    assert "Kommunens partnerorter visas; sök för att hitta en annan." in html


def test_a_place_without_partnership_is_warned_about(client, side_a, poti, goal):
    kampala = PartnerPlace.objects.get(name="Kampala")
    story = StoryPageFactory(parent=side_a.page, goals=[goal], partner_places=[poti, kampala])
    client.force_login(side_a.editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]), follow=True)
    shown = [str(m) for m in response.context["messages"]]
    warning = next(m for m in shown if "har inget partnerskap" in m)
    assert warning.startswith(f"{kampala}: {side_a.municipality.name} har inget partnerskap")
    assert "Poti" not in warning
    # A chosen place, even without partnership, stays visible in the list.
    assert "data-mk-secondary" not in option_attributes(response.content.decode(), kampala)
