"""Faceted search over open postings: criteria in, a page of postings and counts out.

`criteria` describes what a seeker can ask; `catalogue` holds the index each process
searches; `engine` evaluates criteria over it; `keywords` matches words in the database;
`qualified` says which postings a person qualifies for; `similar` finds a posting's like.
Nothing here knows the web form, views or templates.
"""

from listings.search.catalogue import current_catalogue, forget_catalogue
from listings.search.criteria import Criteria
from listings.search.engine import PAGE_SIZE, Result, forget_results, paged, search
from listings.search.keywords import forget_recent_keywords
from listings.search.qualified import qualified_digest
from listings.search.similar import forget_similar, similar_to


def reset_catalogue() -> None:
    """Forget this process's index and everything remembered from it (tests)."""
    forget_catalogue()
    forget_recent_keywords()
    forget_similar()
    forget_results()


__all__ = [
    "PAGE_SIZE",
    "Criteria",
    "Result",
    "current_catalogue",
    "paged",
    "qualified_digest",
    "reset_catalogue",
    "search",
    "similar_to",
]
