from django.urls import path

from . import views

app_name = "tips"

urlpatterns = [
    path("", views.TipView.as_view(), name="submit"),
    path("tack/", views.ThanksView.as_view(), name="thanks"),
]
