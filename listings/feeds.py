"""RSS and Atom feeds for any listing URL: the same parameters give the same postings.

Feed readers render an item's description (RSS) and summary (Atom, type="html") as HTML,
so a summary is plain text, escaped: the posting's Markdown reduced to its words
(`markdown_to_text`), cut at a word boundary, never markup, not even the allowed kind.
Every text is stripped of the characters XML 1.0 cannot carry.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from listings.forms import ListingForm
from listings.links import absolute_url
from listings.markdown import markdown_to_text
from listings.presentation import pay_text
from listings.search import Criteria, search
from listings.text import xml_safe

FEED_SIZE = 50
SUMMARY_WORDS = 60
TAG_DATE = "2026"  # when the board's address began minting ids (RFC 4151)


@dataclass(frozen=True)
class FeedQuery:
    # Per request: the Feed instance is shared by every thread, so nothing is kept on it.
    criteria: Criteria
    query: str


def posting_tag(posting_id: int) -> str:
    """A permanent id for a posting's entries (RFC 4287 4.2.6): a tag: URI, unchanged by
    edits to the title, text or slug."""
    return f"tag:{urlsplit(absolute_url('/')).hostname},{TAG_DATE}:posting:{posting_id}"


class PostingFeed(Feed):
    url_name: str  # the feed's own URL, for its self link

    def get_object(self, request):
        criteria = ListingForm(request.GET).criteria()
        return FeedQuery(criteria, criteria.query())

    def title(self, obj: FeedQuery):
        summary = obj.criteria.summary()
        return xml_safe(f"OT Jobs: {summary}" if summary else "OT Jobs: newest pediatric OT jobs")

    def link(self, obj: FeedQuery):
        return self._with_query(reverse("listings:posting_list"), obj)

    def feed_url(self, obj: FeedQuery):
        """The feed's own address with its filters, so subscribing keeps them."""
        return self._with_query(reverse(self.url_name), obj)

    @staticmethod
    def _with_query(path: str, obj: FeedQuery) -> str:
        base = absolute_url(path)
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
        text = Truncator(markdown_to_text(posting.description)).words(SUMMARY_WORDS, truncate="…")
        summary = f"{pay_text(posting)}. {posting.get_setting_display()}. {text}"
        return escape(xml_safe(summary))

    def item_link(self, posting):
        return absolute_url(posting.get_absolute_url())

    def item_author_name(self, posting):
        return xml_safe(posting.employer.name)

    def item_pubdate(self, posting):
        return posting.published_at

    def item_updateddate(self, posting):
        return posting.updated_at

    def item_guid(self, posting):
        return posting_tag(posting.pk)

    item_guid_is_permalink = False


class RssPostingFeed(PostingFeed):
    url_name = "listings:feed_rss"


class AtomPostingFeed(PostingFeed):
    feed_type = Atom1Feed
    url_name = "listings:feed_atom"

    def subtitle(self, obj: FeedQuery):
        return self.description(obj)
