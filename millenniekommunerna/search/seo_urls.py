"""What search engines read: the sitemap (an index of sections, as a site with 100 000 stories
has more pages than one sitemap file may list) and robots.txt."""

from django.urls import path
from wagtail.contrib.sitemaps import views as sitemap_views

from . import seo

urlpatterns = [
    path("robots.txt", seo.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": seo.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": seo.SITEMAPS},
        name="sitemap_section",
    ),
]
