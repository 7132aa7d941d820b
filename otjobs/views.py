from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from listings.links import absolute_url


def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /jobs/feed/",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
