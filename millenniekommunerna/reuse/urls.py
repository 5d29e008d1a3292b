from django.urls import path

from . import views

app_name = "reuse"

urlpatterns = [
    path("<int:story_id>/", views.ContactView.as_view(), name="contact"),
    path("<int:story_id>/tack/", views.SentView.as_view(), name="sent"),
]
