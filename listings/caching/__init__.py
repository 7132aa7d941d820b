"""Caches for the public pages: what each stores, for whom, and what it replays.

Three layers, each keyed by what its content depends on, so that none can show a closed
posting, a stale count, or one visitor's page to another:

1. Whole pages, for anonymous visitors (`public_page`). Keyed by path, query string, htmx
   fragment or not, and the catalogue's state: its position in the change log and how
   many postings have opened or closed by the clock since. Any change to any posting
   moves the key; the page is then rebuilt from layers 2 and 3, which mostly still hold.
   Stored only when the request carried no session or messages cookie (so the page is
   the one every anonymous visitor gets), the response is 200 or 410, it used no CSRF
   token and no CSP nonce, and it sets no cookie. Replayed: the status, Content-Type,
   body (gzipped when the client accepts it, compressed once when stored) and a weak
   ETag; Cache-Control and Vary are set afresh. Cookies and other headers never are.
2. Page content (`cached_content`): the part of a page below the header, the same for
   everyone, keyed by a signature of what it shows (posting ids and stamps, counts, the
   posting's own fields) and today's date (for "posted 3 days ago"). Signed-in visitors,
   who never get layer 1, are served from here. What few visitors share ("jobs I qualify
   for": one set of qualifying postings) is kept apart (`kept_apart`), never pushing out
   the shared pages' copies. A page whose visitors differ in one place only (a posting
   page: the save button and the checklist) is kept whole, with a slot for that place
   (`page_shell`).
3. Posting cards (`posting_cards`): one card's HTML per posting, stamp (its last change),
   day and variant. A page of results whose postings did not change is a cache read.

Every key of every layer also names the release (`KEY_VERSION`: a digest of the templates,
static files and the apps' code), so a deploy never serves what an earlier release kept.

One module a layer (`pages`, `content`, `shells`, `cards`), and what they share (`base`).
"""

from listings.caching.base import (
    KEY_VERSION,
    catalogue_state,
    forget_recent,
    request_catalogue,
    wants_fragment,
)
from listings.caching.cards import card_signature, posting_cards, row_signature
from listings.caching.content import cached_content, cached_parts, kept_apart, stored_parts
from listings.caching.pages import public_headers, public_page
from listings.caching.shells import SLOT, page_shell, stored_shell

__all__ = [
    "KEY_VERSION",
    "SLOT",
    "cached_content",
    "cached_parts",
    "card_signature",
    "catalogue_state",
    "forget_recent",
    "kept_apart",
    "page_shell",
    "posting_cards",
    "public_headers",
    "public_page",
    "request_catalogue",
    "row_signature",
    "stored_parts",
    "stored_shell",
    "wants_fragment",
]
