"""An applicant's photo: accepted only if Pillow can decode it within a pixel budget, then
turned upright, stripped of EXIF (GPS and all), shrunk and re-encoded, so what is stored
is an image we made, never the bytes that were sent (`listings.images` does the work)."""

from django.core.files.base import ContentFile

from listings.images import ImageRules, Refusals, accept_image

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is refused, bombs included
SIZE = (640, 640)
ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
MESSAGE = "Upload a photo as a JPEG, PNG or WebP image of up to 8 MB."

PHOTO = ImageRules(
    max_bytes=MAX_BYTES,
    max_pixels=MAX_PIXELS,
    formats=frozenset(ACCEPTED),
    size=SIZE,
    output="JPEG",
    save_options={"quality": 85, "optimize": True},
    refusals=Refusals(accepted=MESSAGE, wrong_format="This is not a photo we accept."),
)


def process_photo(upload) -> ContentFile:
    """The stored version of an uploaded photo (JPEG, at most 640 px a side, no EXIF), or a
    ValidationError that says what is accepted."""
    return ContentFile(accept_image(upload, PHOTO), name="photo.jpg")
