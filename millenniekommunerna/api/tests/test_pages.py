"""The open data page, `/oppna-data/`."""

import pytest
from django.core.management import call_command

from millenniekommunerna.api.exports import CSV_COLUMNS
from millenniekommunerna.api.models import FIELD_DESCRIPTIONS, OpenDataPage
from millenniekommunerna.goals.models import GoalIndexPage
from millenniekommunerna.home.models import HomePage
from millenniekommunerna.municipalities.models import MunicipalityPage
from millenniekommunerna.stories.factories import StoryPageFactory

pytestmark = pytest.mark.django_db


def test_open_data_page_is_created_once_by_the_reference_data_load():
    page = OpenDataPage.objects.get()
    assert page.url == "/oppna-data/"
    assert page.live and not page.show_in_menus
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OpenDataPage.objects.count() == 1


def test_open_data_page_belongs_only_under_the_home_page():
    assert OpenDataPage.allowed_parent_page_models() == [HomePage]
    assert OpenDataPage.allowed_subpage_models() == []
    assert not OpenDataPage.can_create_at(HomePage.objects.get())  # max_count reached
    assert not OpenDataPage.can_create_at(GoalIndexPage.objects.get())
    assert not OpenDataPage.can_create_at(MunicipalityPage.objects.first())


def test_open_data_page_states_licence_fields_frequency_and_links(client):
    response = client.get("/oppna-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Öppna data</h1>" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert "CC BY 4.0" in html
    for link in (
        "/api/v1/docs",
        "/api/v1/openapi.json",
        "/api/v1/exports/stories.csv",
        "/api/v1/exports/stories.json",
        "/api/v1/stories",
        "/api/v1/municipalities",
        "/flode/berattelser.atom",
    ):
        assert f'href="{link}"' in html, link
    for column in CSV_COLUMNS:
        # A field name may break after an underscore on a narrow screen (`<wbr>`).
        assert f"<code>{column.replace('_', '_<wbr>')}</code>" in html
    assert "GeoNames" in html
    assert "Uppdateras" in html or "uppdateras" in html


def test_open_data_page_documents_every_export_column():
    assert tuple(FIELD_DESCRIPTIONS) == CSV_COLUMNS


def test_licence_is_configurable(client, settings):
    settings.OPEN_DATA_LICENCE_NAME = "CC0 1.0"
    settings.OPEN_DATA_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
    html = client.get("/oppna-data/").content.decode()
    licence = html[html.index('id="licence-heading"') : html.index('id="downloads-heading"')]
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/" rel="license"' in licence
    assert "CC0 1.0</a>" in licence
    assert "CC BY 4.0</a>" not in licence


def test_open_data_page_in_english(client):
    html = client.get("/en/oppna-data/").content.decode()
    assert "Download all stories" in html
    assert 'lang="sv"' in html  # the editors' Swedish title is marked as Swedish


def test_open_data_page_query_count_is_small_and_steady(count_queries, make_stories):
    _, before = count_queries("/oppna-data/")
    make_stories(5)
    response, after = count_queries("/oppna-data/")
    assert response.status_code == 200
    assert after == before
    assert after <= 12


def test_every_page_links_to_the_open_data_page_in_its_footer(client):
    story = StoryPageFactory()
    for url in ("/", "/kommuner/", story.url):
        html = client.get(url).content.decode()
        footer = html[html.index('<footer class="site-footer"') :]
        assert 'href="/oppna-data/"' in footer, url
