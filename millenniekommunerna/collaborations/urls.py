from django.urls import path

from . import views

app_name = "collaborations"

urlpatterns = [
    path("", views.partnership_index, name="index"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
]
