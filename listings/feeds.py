"""RSS and Atom feeds for any listing URL: the same parameters give the same postings."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from listings.forms import ListingForm
from listings.links import absolute_url
from listings.presentation import pay_text
from listings.search import Criteria, search
from listings.text import xml_safe

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedQuery:
    # Per request: the Feed instance is shared by every thread, so nothing is kept on it.
    criteria: Criteria
    query: str


class PostingFeed(Feed):
    def get_object(self, request):
        criteria = ListingForm(request.GET).criteria()
        return FeedQuery(criteria, criteria.query())

    def title(self, obj: FeedQuery):
        summary = obj.criteria.summary()
        return xml_safe(f"OT Jobs: {summary}" if summary else "OT Jobs: newest pediatric OT jobs")

    def link(self, obj: FeedQuery):
        base = absolute_url(reverse("listings:posting_list"))
        return f"{base}?{obj.query}" if obj.query else base

    def description(self, obj: FeedQuery):
        return "Open pediatric occupational therapy postings, with pay on every one."

    def items(self, obj: FeedQuery):
        return search(obj.criteria, page_size=FEED_SIZE, with_counts=False).postings

    def item_title(self, posting):
        return xml_safe(
            f"{posting.title} at {posting.employer.name} ({posting.city}, {posting.state})"
        )

    def item_description(self, posting):
        return xml_safe(
            f"{pay_text(posting)}. {posting.get_setting_display()}. {posting.description[:400]}"
        )

    def item_link(self, posting):
        return absolute_url(posting.get_absolute_url())

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

    def subtitle(self, obj: FeedQuery):
        return self.description(obj)
