"""Pages that exist only for the page-cache tests: a public page with a form, and one
that shows who is signed in. Both go through `public_page`, as the site's pages do."""

from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import include, path
from django.views.decorators.http import require_POST

from listings.caching import public_page

FORM = Template(
    '<form method="post" action="/test/save/">{% csrf_token %}<button>Save</button></form>'
)
WHO = Template(
    "<p>{% if user.is_authenticated %}Signed in as {{ user.email }}{% else %}Welcome{% endif %}</p>"
)


@public_page
def page_with_form(request):
    return HttpResponse(FORM.render(RequestContext(request)))


@require_POST
def save(request):
    return HttpResponse("saved")


@public_page
def page_for_whoever(request):
    return HttpResponse(WHO.render(RequestContext(request)))


urlpatterns = [
    path("test/form/", page_with_form),
    path("test/save/", save),
    path("test/who/", page_for_whoever),
    path("", include("otjobs.urls")),
]
