from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from millenniekommunerna.core import views as core_views
from millenniekommunerna.core.health import HealthView
from millenniekommunerna.core.media import serve_media

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("", include("millenniekommunerna.api.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("millenniekommunerna.search.seo_urls")),  # sitemap.xml, robots.txt
    path("flode/", include("millenniekommunerna.feeds.urls")),
    path("", include("millenniekommunerna.embeds.oembed_urls")),
    path("healthz", HealthView.as_view(), name="healthz"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development and browser tests only; in production the web server serves MEDIA_ROOT.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

# Swedish is the default language and has no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path("sok/", include("millenniekommunerna.search.urls")),
    path("karta/", include("millenniekommunerna.maps.urls")),
    path("samarbeten/", include("millenniekommunerna.collaborations.urls")),
    path("statistik/", include("millenniekommunerna.statistics.urls")),
    path("tipsa/", include("millenniekommunerna.tips.urls")),
    path("kontakta/", include("millenniekommunerna.reuse.urls")),
    path("", include("millenniekommunerna.embeds.urls")),
    path("folj/", include("millenniekommunerna.subscriptions.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = core_views.page_not_found
handler500 = core_views.server_error
