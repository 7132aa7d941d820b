"""RSS and Atom feeds for any listing URL: the same parameters give the same postings."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from listings.filters import PostingFilter
from listings.presentation import describe_criteria, pay_text
from listings.search import search

FEED_SIZE = 50


class PostingFeed(Feed):
    description_template = None

    def get_object(self, request):
        self.query = request.GET.urlencode()
        return PostingFilter(request.GET).criteria()

    def title(self, criteria):
        summary = describe_criteria(criteria)
        return f"OT Jobs: {summary}" if summary else "OT Jobs: newest pediatric OT postings"

    def link(self, criteria):
        base = reverse("listings:posting_list")
        return f"{base}?{self.query}" if self.query else base

    def description(self, criteria):
        return "Open pediatric occupational therapy postings, with pay on every one."

    def items(self, criteria):
        return search(criteria, page_size=FEED_SIZE, counts=False).postings

    def item_title(self, posting):
        return f"{posting.title} at {posting.employer.name} ({posting.city}, {posting.state})"

    def item_description(self, posting):
        return f"{pay_text(posting)}. {posting.get_setting_display()}. {posting.description[:400]}"

    def item_pubdate(self, posting):
        return posting.published_at

    def item_updateddate(self, posting):
        return posting.updated_at

    def item_guid(self, posting):
        return f"otjobs-posting-{posting.pk}"

    item_guid_is_permalink = False


class RssPostingFeed(PostingFeed):
    pass


class AtomPostingFeed(PostingFeed):
    feed_type = Atom1Feed

    def subtitle(self, criteria):
        return self.description(criteria)
