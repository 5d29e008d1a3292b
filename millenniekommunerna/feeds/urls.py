from django.urls import path

from .feeds import feed_class

app_name = "feeds"

urlpatterns = [
    path("berattelser.atom", feed_class("all", atom=True)(), name="stories-atom"),
    path("berattelser.rss", feed_class("all", atom=False)(), name="stories-rss"),
]
for kind, prefix in (("municipality", "kommuner"), ("county", "lan"), ("goal", "mal")):
    urlpatterns += [
        path(f"{prefix}/<slug:slug>.atom", feed_class(kind, atom=True)(), name=f"{kind}-atom"),
        path(f"{prefix}/<slug:slug>.rss", feed_class(kind, atom=False)(), name=f"{kind}-rss"),
    ]
