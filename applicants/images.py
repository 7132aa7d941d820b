"""An applicant's photo: accepted only if Pillow can decode it within a pixel budget, then
turned upright, stripped of EXIF (GPS and all), shrunk and re-encoded, so what is stored
is an image we made, never the bytes that were sent."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; anything larger is refused, bombs included
SIZE = (640, 640)
ACCEPTED = {"JPEG", "PNG", "WEBP", "HEIF", "MPO"}
MESSAGE = "Upload a photo as a JPEG, PNG or WebP image of up to 8 MB."


def process_photo(upload) -> ContentFile:
    """The stored version of an uploaded photo (JPEG, at most 640 px a side, no EXIF), or a
    ValidationError that says what is accepted."""
    if not upload.size:
        raise ValidationError(f"This file is empty. {MESSAGE}")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"This file is too large. {MESSAGE}")
    data = upload.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED:
                    raise ValidationError(f"This is not a photo we accept. {MESSAGE}")
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(f"This image is too large to process. {MESSAGE}")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                upright = ImageOps.exif_transpose(image).convert("RGB")
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(f"This image is too large to process. {MESSAGE}") from None
    except UnidentifiedImageError:
        raise ValidationError(f"This file is not an image we can read. {MESSAGE}") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(
            f"This image could not be read: it may be damaged. {MESSAGE}"
        ) from None
    upright.thumbnail(SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    upright.save(out, "JPEG", quality=85, optimize=True)  # no exif=: nothing carried over
    return ContentFile(out.getvalue(), name="photo.jpg")
