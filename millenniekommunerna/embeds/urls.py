"""Under the language prefix, as every page (`/en/inbaddning/…` is the English embed)."""

from django.urls import path

from . import views

app_name = "embeds"

urlpatterns = [
    path("inbaddning/<path:path>", views.frame, name="frame"),
    path("badda-in/<path:path>", views.embed_page, name="page"),
]
