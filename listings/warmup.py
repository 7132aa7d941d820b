"""What a fresh worker does before its first visitor: build its search index (about a
second at 100,000 postings), load the ZIP table, compile the templates, have its database
connection load the text-search dictionaries, and serve itself one listing page so that
the first visitor pays for no lazy import or first connection. Called by gunicorn.conf.py.
"""

import ctypes
import io
from pathlib import Path
from typing import cast

from django.conf import settings
from django.template.loader import get_template

from listings.geo import find_place
from listings.search import current_catalogue
from listings.search.keywords import forget_recent_keywords, keyword_matches

# A page no visitor asks for (pay-sorted, deep): it runs the whole listing path without
# warming the caches of the pages people open first.
WARM_UP_PATH = "/jobs/"
WARM_UP_QUERY = "sort=pay&page=7&posted=30"


ADMIN_TEMPLATES = [
    f"admin/{name}.html"
    for name in (
        "base",
        "index",
        "app_list",
        "nav_sidebar",
        "color_theme_toggle",
        "change_list",
        "change_list_object_tools",
        "change_list_results",
        "pagination",
        "search_form",
        "date_hierarchy",
        "filter",
        "actions",
        "change_form",
        "change_form_object_tools",
        "submit_line",
        "prepopulated_fields_js",
        "includes/fieldset",
        "includes/object_delete_summary",
        "widgets/related_widget_wrapper",
        "widgets/foreign_key_raw_id",
        "widgets/clearable_file_input",
    )
]
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt() parameters


def keep_memory_returnable() -> None:
    """Have glibc give large blocks their own mappings, returned to the system when freed.

    Each refresh of the search index replaces arrays of 100 KB to 1 MB. By default glibc
    raises its mapping threshold after the first such block is freed, and later arrays
    then come from the heap, which only grows: a worker's memory would creep with every
    edit. A fixed threshold keeps it flat. (Other C libraries: nothing to do.)
    """
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 64 * 1024)
        libc.mallopt(M_TRIM_THRESHOLD, 256 * 1024)
    except (OSError, AttributeError):
        pass


def warm_up(application=None) -> None:
    keep_memory_returnable()
    find_place("10001")
    find_place("New York, NY")
    for folder in cast(list, settings.TEMPLATES[0]["DIRS"]):
        root = Path(folder)
        for path in [
            *root.glob("*.html"),
            *root.glob("listings/*.html"),
            *root.glob("includes/*.html"),
            *root.glob("admin/**/*.html"),
        ]:
            get_template(str(path.relative_to(root)))
    # The admin pages recruiters use: compiled here, not on a recruiter's first request.
    for name in ADMIN_TEMPLATES:
        get_template(name)
    catalogue = current_catalogue()
    keyword_matches("occupational therapy", with_rank=True, catalogue=catalogue)
    forget_recent_keywords()
    if application is not None:
        status = _serve_one_page(application)
        if not status.startswith("200"):
            raise RuntimeError(f"The warm-up page answered {status}")


def _serve_one_page(application) -> str:
    host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": WARM_UP_PATH,
        "QUERY_STRING": WARM_UP_QUERY,
        "SERVER_NAME": host.lstrip("."),
        "SERVER_PORT": "443",
        "HTTP_HOST": host.lstrip("."),
        "HTTPS": "on",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    answered: list[str] = []
    body = application(environ, lambda status, headers, exc_info=None: answered.append(status))
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return answered[0]
