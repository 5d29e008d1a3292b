"""The oEmbed endpoint has one address for every language: the language is the one of the
page URL it is asked about."""

from django.urls import path

from . import views

app_name = "oembed"

urlpatterns = [
    path("oembed", views.oembed, name="endpoint"),
]
