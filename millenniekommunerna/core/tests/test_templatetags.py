import pytest
from django.db import connection
from django.template import Context, Template
from django.template.loader import get_template, render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from millenniekommunerna.core.templatetags.site_tags import (
    excerpt,
    full_excerpt,
    lang_url,
    website_host,
)
from millenniekommunerna.goals.models import Goal
from millenniekommunerna.images.factories import CustomImageFactory
from millenniekommunerna.municipalities.models import Municipality
from millenniekommunerna.stories.factories import StoryPageFactory
from millenniekommunerna.stories.models import StoryPage

CUT_TEASER = (
    "När kostavdelningen uppmärksammade att mycket skolmat slängs, runt 10 ton varje år, "
    "bestämde kommunen att göra något åt saken och"
)


def render(source, request=None, **context):
    """Render without context processors, so that query counts are the template's own."""
    template = Template("{% load site_tags %}" + source)
    ctx = Context(context)
    ctx.request = request
    return template.render(ctx)


# Text filters


def test_excerpt_cuts_long_text_at_a_word_and_says_so():
    text = "Ord " * 100
    result = excerpt(text, 50)
    assert len(result) <= 51
    assert result.endswith("Ord…")


def test_excerpt_keeps_a_complete_short_sentence():
    assert excerpt("Gnosjö bytte 3200 gatulampor.") == "Gnosjö bytte 3200 gatulampor."


def test_excerpt_filter_takes_a_limit_in_templates():
    html = render("{{ text|excerpt:40 }}", text=CUT_TEASER)
    assert html == "När kostavdelningen uppmärksammade att…"


def test_full_excerpt_keeps_the_whole_text_and_marks_a_cut_off_sentence():
    long_cut = CUT_TEASER + " " + "mer text " * 30 + "och"
    assert len(long_cut) > 300
    assert full_excerpt(long_cut) == long_cut + "…"
    assert full_excerpt(CUT_TEASER).endswith("göra något åt saken och…")
    assert full_excerpt("En hel mening.") == "En hel mening."
    assert full_excerpt("") == ""


def test_website_host_is_short_and_readable():
    assert website_host("https://www.osthammar.se/") == "osthammar.se"
    assert website_host("https://kommun.example.org/sv/") == "kommun.example.org"


# URLs


def test_lang_url_leaves_swedish_alone_and_prefixes_english():
    assert lang_url("/kommuner/osthammar/") == "/kommuner/osthammar/"
    with translation.override("en"):
        assert lang_url("/kommuner/osthammar/") == "/en/kommuner/osthammar/"
        assert lang_url("/") == "/en/"
        assert lang_url("https://www.geonames.org/") == "https://www.geonames.org/"
        assert lang_url("") == ""


@pytest.mark.django_db
def test_municipality_and_goal_urls_cost_one_query_per_request():
    request = RequestFactory().get("/")
    osthammar = Municipality.objects.get(code="0382")
    kalix = Municipality.objects.get(code="2514")
    goal = Goal.objects.get(slug="sdg-12")
    source = "{% municipality_url a %} {% municipality_url b %} {% goal_url g %}"
    render(source, request, a=osthammar, b=kalix, g=goal)  # the first use looks the sections up
    with CaptureQueriesContext(connection) as queries:
        html = render(source, request, a=osthammar, b=kalix, g=goal)
    assert html.split() == ["/kommuner/osthammar/", "/kommuner/kalix/", "/mal/sdg-12/"]
    assert len(queries) == 0


@pytest.mark.django_db
def test_goal_url_uses_an_already_loaded_goal_page():
    goal = Goal.objects.select_related("page").get(slug="mdg-7")
    goal.page.url_path = "/hem/mal/millenniemal-7/"  # as if an editor had renamed it
    request = RequestFactory().get("/")
    assert render("{% goal_url g %}", request, g=goal) == "/mal/millenniemal-7/"


@pytest.mark.django_db
def test_urls_follow_the_active_language():
    request = RequestFactory().get("/en/")
    with translation.override("en"):
        html = render(
            "{% municipality_url m %}|{% section_url 'stories' %}",
            request,
            m=Municipality.objects.get(code="0382"),
        )
    assert html == "/en/kommuner/osthammar/|/en/berattelser/"


def test_content_lang_marks_swedish_content_in_the_english_interface():
    assert render("<h1{% content_lang %}>") == "<h1>"
    with translation.override("en"):
        assert render("<h1{% content_lang %}>") == '<h1 lang="sv">'


def test_page_number_url_keeps_other_parameters_and_drops_page_one():
    request = RequestFactory().get("/berattelser/", {"q": "vatten", "sida": "3"})
    assert render("{% page_number_url 2 %}", request) == "/berattelser/?q=vatten&amp;sida=2"
    assert render("{% page_number_url 1 %}", request) == "/berattelser/?q=vatten"
    bare = RequestFactory().get("/berattelser/", {"sida": "2"})
    assert render("{% page_number_url 1 %}", bare) == "/berattelser/"


def test_page_range_elides_long_runs():
    from django.core.paginator import Paginator

    page = Paginator(range(300), 10).page(15)
    html = render("{% page_range p as numbers %}{{ numbers|join:',' }}", p=page)
    assert html == "1,…,14,15,16,…,30"
    assert render("{% page_range p as n %}{{ n|length }}", p=None) == "0"


@pytest.mark.django_db
def test_language_links_point_to_the_same_page_in_each_language():
    request = RequestFactory().get("/en/kommuner/osthammar/?sida=2")
    with translation.override("en"):
        html = render(
            "{% language_links as links %}{% for l in links %}"
            "{{ l.code }}={{ l.url }}{% if l.current %}*{% endif %};{% endfor %}",
            request,
        )
    assert html == "sv=/kommuner/osthammar/?sida=2;en=/en/kommuner/osthammar/?sida=2*;"


@pytest.mark.django_db
def test_breadcrumbs_go_from_home_to_the_parent(municipality_index):
    story = StoryPageFactory(municipality_code="0382", title="Räddningstjänst i Poti")
    request = RequestFactory().get(story.url)
    html = render(
        "{% breadcrumbs p as crumbs %}{% for c in crumbs %}{{ c.title }}={{ c.url }};{% endfor %}",
        request,
        p=story,
    )
    assert html == "Hem=/;Kommuner=/kommuner/;Östhammar=/kommuner/osthammar/;"
    assert render("{% breadcrumbs p as c %}{{ c|length }}", request, p=story.get_parent()) == "2"
    home = municipality_index.get_parent()
    assert render("{% breadcrumbs p as c %}{{ c|length }}", request, p=home) == "0"


@pytest.mark.django_db
def test_meta_description_prefers_the_search_description(home_page):
    story = StoryPageFactory(teaser=CUT_TEASER)
    assert render("{% meta_description p %}", p=story).endswith("saken och…")
    story.search_description = "Skolor i Kristinehamn slänger mindre mat."
    assert render("{% meta_description p %}", p=story) == story.search_description
    assert "Millenniekommunerna" in render("{% meta_description p %}", p=home_page)
    assert render("{% meta_description p %}", p=None) == ""


# Components


@pytest.mark.django_db
def test_story_cards_run_no_queries():
    image = CustomImageFactory(description="Elever sorterar matrester i skolans matsal")
    goals = list(Goal.objects.filter(slug__in=["sdg-12", "mdg-7"]))
    StoryPageFactory(municipality_code="1781", teaser=CUT_TEASER, goals=goals, hero_image=image)
    StoryPageFactory(municipality_code="0182", goals=goals[:1])
    request = RequestFactory().get("/")
    source = (
        "{% for s in stories %}"
        '{% include "components/story_card.html" with story=s only %}{% endfor %}'
    )
    render(source, request, stories=StoryPage.objects.for_listing())  # makes the renditions
    stories = list(StoryPage.objects.for_listing())
    render("{% section_url 'municipalities' %}", request)  # one lookup per request, up front
    with CaptureQueriesContext(connection) as queries:
        html = render(source, request, stories=stories)
    assert queries.captured_queries == []
    assert html.count('<article class="story-card') == 2
    assert html.count('class="story-card') == 2
    assert "Läs mer om projektet" in html
    assert '<span class="visually-hidden">: ' in html
    assert 'href="/kommuner/kristinehamn/"' in html
    assert "Kristinehamns kommun" in html
    assert "göra något åt saken och…" in html
    assert 'href="/mal/sdg-12/"' in html
    assert ">Mål 12<" in html
    assert 'alt="Elever sorterar matrester i skolans matsal"' in html
    assert 'loading="lazy"' in html
    assert "srcset=" in html
    assert "format-webp" in html
    assert "story-card--no-image" in html


@pytest.mark.django_db
def test_goal_badge_names_the_goal_for_screen_readers():
    goal = Goal.objects.get(slug="sdg-13")
    html = render_to_string("components/goal_badge.html", {"goal": goal})
    assert 'class="goal-badge"' in html
    assert f"background:{goal.badge_background};color:{goal.badge_text}" in html
    assert ">Mål 13<" in html
    assert f'<span class="visually-hidden">: {goal.name_sv}</span>' in html
    with translation.override("en"):
        html = render_to_string("components/goal_badge.html", {"goal": goal})
    assert ">SDG 13<" in html and goal.name_en in html


@pytest.mark.django_db
def test_pagination_links_use_the_sida_parameter():
    from django.core.paginator import Paginator

    request = RequestFactory().get("/berattelser/", {"q": "vatten", "sida": "2"})
    page = Paginator(range(40), 12).page(2)
    html = render(
        '{% include "components/pagination.html" with page_obj=page_obj only %}',
        request,
        page_obj=page,
    )
    assert 'href="/berattelser/?q=vatten" rel="prev nofollow"' in html
    assert 'href="/berattelser/?q=vatten&amp;sida=3" rel="next nofollow"' in html
    assert 'aria-current="page"' in html
    single = Paginator(range(3), 12).page(1)
    assert "pagination" not in render(
        '{% include "components/pagination.html" with page_obj=p only %}', request, p=single
    )


def test_error_page_renders_without_request_or_database():
    # No django_db mark: any query would fail the test.
    html = get_template("500.html").render()
    assert '<html lang="sv">' in html
    assert "Något gick fel" in html
    assert "<link" not in html and "src=" not in html  # self-contained


@pytest.mark.django_db
def test_pages_show_translated_interface_in_english(client):
    StoryPageFactory(municipality_code="0382", title="Vatten i Östhammar")
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Read more about the project" in html
    assert 'href="/en/kommuner/osthammar/vatten-i-osthammar/"' in html
    assert 'href="/" lang="sv" hreflang="sv">Svenska</a>' in html
    swedish = client.get("/").content.decode()
    assert '<html lang="sv">' in swedish
    assert "Läs mer om projektet" in swedish
    assert 'href="/en/" lang="en" hreflang="en">English</a>' in swedish


@pytest.mark.django_db
def test_base_template_has_landmarks_title_and_credits(client):
    story = StoryPageFactory(municipality_code="0382", title="Räddningstjänst i Poti")
    html = client.get(story.url).content.decode()
    assert "<title>Räddningstjänst i Poti – Millenniekommunerna</title>" in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert '<link rel="canonical" href="http://testserver/kommuner/osthammar/' in html
    assert '<meta name="description"' in html
    assert "GeoNames" in html and "CC BY 4.0" in html and "Natural Earth" in html
    assert 'aria-current="true"' in html  # the Kommuner section in the main menu
    assert '<nav class="breadcrumbs"' in html


# The English interface


@pytest.mark.django_db
def test_municipality_and_county_names_follow_the_interface_language():
    osthammar = Municipality.objects.select_related("county").get(code="0382")
    source = "{{ m|municipality_name }}|{{ m.county|county_name }}"
    assert render(source, m=osthammar) == "Östhammars kommun|Uppsala län"
    with translation.override("en"):
        assert render(source, m=osthammar) == "Östhammar Municipality|Uppsala County"
    assert render(source, m=None) == "|"


@pytest.mark.django_db
def test_section_pages_have_english_names_and_other_titles_are_marked_swedish(
    municipality_index,
):
    osthammar = municipality_index.get_children().get(slug="osthammar")
    source = "<h1{% title_lang p %}>{% page_title p %}</h1>"
    assert render(source, p=municipality_index) == "<h1>Kommuner</h1>"
    assert render(source, p=osthammar) == "<h1>Östhammar</h1>"
    with translation.override("en"):
        assert render(source, p=municipality_index) == "<h1>Municipalities</h1>"
        assert render(source, p=osthammar) == '<h1 lang="sv">Östhammar</h1>'


@pytest.mark.django_db
def test_breadcrumbs_in_english_name_the_sections_in_english(municipality_index):
    story = StoryPageFactory(municipality_code="0382", title="Räddningstjänst i Poti")
    request = RequestFactory().get("/en" + story.url)
    source = (
        "{% breadcrumbs p as crumbs %}{% for c in crumbs %}"
        "{{ c.title }}={{ c.url }}({{ c.lang }});{% endfor %}"
    )
    with translation.override("en"):
        html = render(source, request, p=story)
    assert html == (
        "Home=/en/();Municipalities=/en/kommuner/();Östhammar=/en/kommuner/osthammar/(sv);"
    )


@pytest.mark.django_db
def test_document_title_uses_the_seo_title_in_swedish_and_the_section_name_in_english(
    story_index,
):
    story_index.seo_title = "Alla berättelser"
    assert render("{% document_title p %}", p=story_index) == "Alla berättelser"
    with translation.override("en"):
        assert render("{% document_title p %}", p=story_index) == "Stories"


@pytest.mark.django_db
def test_canonical_url_is_the_page_in_the_active_language(client):
    story = StoryPageFactory(municipality_code="0382", title="Vatten i Östhammar")
    swedish = client.get(story.url).content.decode()
    english = client.get("/en" + story.url).content.decode()
    assert f'<link rel="canonical" href="http://testserver{story.url}">' in swedish
    assert f'<link rel="canonical" href="http://testserver/en{story.url}">' in english


@pytest.mark.django_db
def test_english_story_page_says_the_story_is_only_in_swedish(client):
    story = StoryPageFactory(municipality_code="0382", title="Vatten i Östhammar")
    english = client.get("/en" + story.url).content.decode()
    assert "This story is only available in Swedish." in english
    assert f'<a href="{story.url}" hreflang="sv">Read it on the Swedish site</a>' in english
    assert '<h1 lang="sv">Vatten i Östhammar</h1>' in english
    swedish = client.get(story.url).content.decode()
    assert "language-notice" not in swedish
    assert "<h1>Vatten i Östhammar</h1>" in swedish


@pytest.mark.django_db
def test_english_menu_and_home_page_are_in_english(client):
    html = client.get("/en/").content.decode()
    for label in ("Stories", "Municipalities", "Goals"):
        assert f">{label}</a>" in html
    assert "Stories from Sweden’s municipalities" in html
    assert "Berättelser från Sveriges kommuner" not in html
    assert ">Accessibility statement</a>" in html
    swedish = client.get("/").content.decode()
    assert ">Kommuner</a>" in swedish and ">Tillgänglighetsredogörelse</a>" in swedish
