from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.FollowView.as_view(), name="follow"),
    path("skickat/", views.SentView.as_view(), name="sent"),
    path("bekrafta/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("hantera/<str:token>/", views.ManageView.as_view(), name="manage"),
    path("avsluta/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
