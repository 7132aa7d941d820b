"""What a fresh worker does before its first visitor: build its search index (about a
second at 100,000 postings), load the offline ZIP data, compile the listings' templates and
have its database connection load the text-search dictionaries. Called by gunicorn.conf.py.
"""

from pathlib import Path
from typing import cast

from django.conf import settings
from django.template.loader import get_template

from listings.geo import find_place
from listings.search import current_catalogue
from listings.search.keywords import forget_recent_keywords, keyword_matches


def warm_up() -> None:
    find_place("10001")
    find_place("New York, NY")
    for folder in cast(list, settings.TEMPLATES[0]["DIRS"]):
        root = Path(folder)
        for path in [
            *root.glob("*.html"),
            *root.glob("listings/*.html"),
            *root.glob("includes/*.html"),
        ]:
            get_template(str(path.relative_to(root)))
    catalogue = current_catalogue()
    keyword_matches("occupational therapy", with_rank=True, catalogue=catalogue)
    forget_recent_keywords()
