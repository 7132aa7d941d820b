"""The listings app's models, a module per concern; every name is importable from here."""

from listings.models.employers import Employer, Membership, zip_validator
from listings.models.postings import DEFAULT_POSTING_LIFETIME, InvalidTransition, JobPosting
from listings.models.search_tables import CatalogueChange, PostingSearch

__all__ = [
    "DEFAULT_POSTING_LIFETIME",
    "CatalogueChange",
    "Employer",
    "InvalidTransition",
    "JobPosting",
    "Membership",
    "PostingSearch",
    "zip_validator",
]
