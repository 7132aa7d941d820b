from django.urls import path

from applicants import views

app_name = "applicants"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("profile/", views.profile, name="profile"),
    path("credentials/", views.credentials, name="credentials"),
    path("photo/", views.photo, name="photo"),
    path("photos/<str:token>/", views.photo_file, name="photo_file"),
    path("resumes/", views.resumes, name="resumes"),
    path("resumes/<str:token>/delete/", views.resume_delete, name="resume_delete"),
    path("resumes/<str:token>/default/", views.resume_default, name="resume_default"),
    path("files/<str:token>/", views.download, name="download"),
    path("applications/", views.applications, name="applications"),
    path("applications/<str:reference>/", views.application, name="application"),
    path("applications/<str:reference>/sent/", views.applied, name="applied"),
    path("applications/<str:reference>/withdraw/", views.withdraw, name="withdraw"),
    path("recommended/", views.recommended, name="recommended"),
    path("saved/", views.saved_jobs, name="saved_jobs"),
    path("saved/<int:posting_id>/", views.saved_toggle, name="saved_toggle"),
    path("alerts/", views.job_alerts, name="alerts"),
    path("alerts/<int:pk>/", views.job_alert_change, name="alert_change"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/my-data.zip", views.data_export, name="data_export"),
]
