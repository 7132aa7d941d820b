"""A fresh worker renders, to itself, the admin pages recruiters use most (the postings and
applications changelists), so that no recruiter's first request pays for the code paths,
templates and database statements they need the first time. Called by gunicorn.conf.py
after `listings.warmup`; renders for a transient site-staff user that is never saved, over
an empty result (filters nothing matches, found by index), so it reads next to nothing.
"""

import io
from typing import cast

from django.conf import settings
from django.contrib import admin
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.handlers.wsgi import WSGIRequest
from django.template.response import TemplateResponse

from accounts.models import User
from applicants.models import Application
from listings.models import JobPosting

# Filters that match nothing, answered from indexes.
NOTHING = {
    "listings.jobposting": "status__exact=draft&closed_reason__exact=expired",
    "applicants.application": "posting=0",
}


def _request(path: str, query: str) -> WSGIRequest:
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": host.lstrip("."),
            "SERVER_PORT": "443",
            "HTTP_HOST": host.lstrip("."),
            "wsgi.url_scheme": "https",
            "wsgi.input": io.BytesIO(),
        }
    )
    request.user = User(email="warm-up@invalid", is_staff=True, is_superuser=True, is_active=True)
    request.session = SessionBase()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def warm_up_admin() -> None:
    for model in (JobPosting, Application):
        model_admin = admin.site._registry[model]
        opts = model._meta
        request = _request(f"/admin/{opts.app_label}/{opts.model_name}/", NOTHING[opts.label_lower])
        response = model_admin.changelist_view(request)
        if response.status_code != 200:
            raise RuntimeError(f"The admin warm-up of {opts.label} answered {response.status_code}")
        cast(TemplateResponse, response).render()
