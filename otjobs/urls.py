from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from applicants.views import alert_unsubscribe, apply
from listings.sitemaps import SITEMAPS
from otjobs.views import robots_txt

admin.site.site_header = "OT Jobs administration"
admin.site.site_title = "OT Jobs admin"
admin.site.index_title = "Your hiring at a glance"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/invitation/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("applicants.urls")),
    path("jobs/<slug:slug>/apply/", apply, name="apply"),
    path("alerts/unsubscribe/<str:token>/", alert_unsubscribe, name="alert_unsubscribe"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("", include("listings.urls")),
]
