from django.urls import path

from applicants import views

app_name = "applicants"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("credentials/", views.credentials, name="credentials"),
]
