"""Django admin for listings, one module a concern."""

from listings.admin import employers, postings

__all__ = ["employers", "postings"]
