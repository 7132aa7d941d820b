"""The project's URLs plus a bare view: the benchmark's yardstick, served by the same gunicorn."""

from django.http import HttpResponse
from django.urls import path

from otjobs.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *project_urlpatterns]
