"""Included under /accounts/invitation/ (otjobs/urls.py, before allauth's URLs)."""

from django.urls import path

from accounts.views import accept_invitation_view

app_name = "accounts"

urlpatterns = [
    path("<str:uidb64>/<str:token>/", accept_invitation_view, name="accept_invitation"),
]
