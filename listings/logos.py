"""Employer logos: what an upload must be, how the stored file is named, kept and served.

A logo is re-encoded by `listings.images` as a PNG of at most 400 x 400 pixels (PNG keeps a
transparent background, which most logos have) with no EXIF, and stored in the default
(public) storage as `logos/<hash of its content>.png`: no employer id, no original name.
A new logo is a new name, so its URL can be cached for a year (`immutable`).

Logos are served by `logo_file` at MEDIA_URL + `logos/<name>`, the URL the storage itself
gives (`employer.logo.url`), so the pages, the JSON-LD and the admin all link to it, and
no web server needs configuring for production.
"""

import hashlib
import re
from collections.abc import Iterable
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from listings.images import ImageRules, Refusals, accept_image
from listings.models import Employer

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 16_000_000  # 4,000 x 4,000: far more than any logo needs; bombs are refused
SIZE = (400, 400)
ACCEPTED = "Upload the logo as a PNG, JPEG or WebP image of up to 2 MB."
ACCEPT_ATTRIBUTE = "image/png,image/jpeg,image/webp"

LOGO = ImageRules(
    max_bytes=MAX_BYTES,
    max_pixels=MAX_PIXELS,
    formats=frozenset({"PNG", "JPEG", "MPO", "WEBP"}),  # MPO: JPEGs from some cameras
    size=SIZE,
    output="PNG",
    keep_alpha=True,
    save_options={"optimize": True},
    refusals=Refusals(
        accepted=ACCEPTED,
        wrong_format="{format} images are not accepted as logos.",
        vector="SVG logos are not accepted: an SVG file can carry scripts.",
    ),
)

FOLDER = "logos/"  # Employer.logo's upload_to, in its storage: the default one
# Exactly the names process_logo gives, with the suffix the storage adds to a taken name.
NAME = re.compile(r"[0-9a-f]{32}(?:_[A-Za-z0-9]{7})?\.png")
CACHE_CONTROL = "public, max-age=31536000, immutable"


def process_logo(upload: UploadedFile) -> ContentFile:
    """The stored version of an uploaded logo (PNG, at most 400 x 400, no EXIF), named by
    its content, or a ValidationError that says what is accepted."""
    data = accept_image(upload, LOGO)
    return ContentFile(data, name=f"{hashlib.sha256(data).hexdigest()[:32]}.png")


def save_employer(*, employer: Employer, previous_logo: str) -> None:
    """Save an employer whose logo may have been replaced or removed (the field stores a
    new file on save). The file it no longer uses is deleted once the change is committed;
    a file stored for a save that fails is deleted at once."""
    unsaved = employer.logo.name  # a new file's name changes when it is stored
    with transaction.atomic():
        try:
            employer.save()
        except BaseException:
            stored = employer.logo.name
            if stored and stored != unsaved:
                default_storage.delete(stored)
            raise
        if previous_logo and previous_logo != employer.logo.name:
            delete_logos_on_commit([previous_logo])


def delete_logos_on_commit(names: Iterable[str]) -> None:
    """Delete these logo files once the current transaction commits: until then the
    stored rows, and the pages rendered from them, still name them."""
    for name in names:
        if name:
            transaction.on_commit(partial(default_storage.delete, name))


@require_safe
def logo_file(request: HttpRequest, name: str) -> HttpResponse:
    """A stored logo, to anyone, cacheable for a year; 404 for any other name.

    The name is checked against the exact form process_logo gives before the storage is
    asked, so no path (`..`, `/`, other folders) can reach it. Read whole rather than
    streamed (a logo is a few kilobytes): a streamed response would be gzipped again by
    GZipMiddleware.
    """
    if not NAME.fullmatch(name):
        raise Http404("No such logo.")
    try:
        with default_storage.open(FOLDER + name, "rb") as handle:
            data = handle.read()
    except OSError:  # FileNotFoundError, or a storage that cannot read it
        raise Http404("No such logo.") from None
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    return response
