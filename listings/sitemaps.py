from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from listings.guides import GUIDES
from listings.links import absolute_url
from listings.models import Employer, JobPosting


class SiteSitemap(Sitemap):
    """Entries on SITE_URL's host and scheme, whatever Host the request came with."""

    def get_domain(self, site=None):
        return urlsplit(absolute_url("/")).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(absolute_url("/")).scheme


class PostingSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.8
    limit = 10_000

    def items(self):
        return JobPosting.objects.open().only("slug", "updated_at").order_by("id")

    def lastmod(self, posting):
        return posting.updated_at


class EmployerSitemap(SiteSitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = 10_000

    def items(self):
        open_ids = JobPosting.objects.open().values("employer_id")
        return Employer.objects.filter(id__in=open_ids).only("slug", "updated_at").order_by("id")

    def lastmod(self, employer):
        return employer.updated_at


class PageSitemap(SiteSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return ["listings:home", "listings:posting_list", "listings:guide_list"] + [
            ("listings:guide_detail", guide.slug) for guide in GUIDES
        ]

    def location(self, item):
        if isinstance(item, tuple):
            return reverse(item[0], kwargs={"slug": item[1]})
        return reverse(item)


SITEMAPS = {"postings": PostingSitemap, "employers": EmployerSitemap, "pages": PageSitemap}
