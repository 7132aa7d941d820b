from django.urls import path

from listings import logos, preview, views
from listings.feeds import AtomPostingFeed, RssPostingFeed

app_name = "listings"

urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/", views.posting_list, name="posting_list"),
    path("jobs/feed/rss/", RssPostingFeed(), name="feed_rss"),
    path("jobs/feed/atom/", AtomPostingFeed(), name="feed_atom"),
    path("jobs/<slug:slug>/", views.posting_detail, name="posting_detail"),
    path("jobs/preview/<int:pk>/", preview.posting_preview, name="posting_preview"),
    path("employers/<slug:slug>/", views.employer_detail, name="employer_detail"),
    path("media/logos/<str:name>", logos.logo_file, name="logo"),  # = employer.logo.url
    path("guides/", views.guide_list, name="guide_list"),
    path("guides/<slug:slug>/", views.guide_detail, name="guide_detail"),
]
