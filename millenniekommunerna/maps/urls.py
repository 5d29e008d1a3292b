from django.urls import path

from . import views

app_name = "maps"

urlpatterns = [
    path("", views.map_page, name="index"),
    path("orter/<slug:slug>/", views.place_page, name="place"),
]
