"""Links: absolute URLs on the site's own address, and links to stored outside addresses."""

from urllib.parse import urlsplit

from django.conf import settings

SAFE_SCHEMES = frozenset({"http", "https"})


def absolute_url(path: str) -> str:
    """`path` on SITE_URL, whatever host a request came in on: for feeds, the sitemap,
    robots.txt, JSON-LD, canonical links and email."""
    return f"{settings.SITE_URL}{path}"


def outside_link(url: str, *, mailto: bool = False) -> str:
    """A stored web address fit for an href: http(s) (and mailto: where meant) only.

    Anything else (javascript:, data:, a relative path) gives "", so no link is drawn.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme in SAFE_SCHEMES and parts.netloc:
        return url
    if mailto and scheme == "mailto" and parts.path:
        return url
    return ""
