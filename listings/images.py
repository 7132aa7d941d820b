"""Accepting an uploaded image: the one place that decides whether bytes someone sent are an
image we take, and makes the image we store from them.

An upload is accepted only if Pillow decodes it within a pixel budget (decompression bombs
are refused before they are decoded), as one of the formats allowed; it is then turned
upright, stripped of EXIF and every other ancillary chunk (GPS and all), shrunk and
re-encoded, so what is stored is always an image we made, never the bytes that were sent.
Applicants' photos (`applicants.images`) and employers' logos (`listings.logos`) each
declare their `ImageRules`.
"""

import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files import File
from PIL import Image, ImageOps, UnidentifiedImageError


@dataclass(frozen=True)
class Refusals:
    """What a refused upload is told: the reason, then `accepted` (what we do take).

    `wrong_format` may name the format found: "{format} images are not accepted."
    """

    accepted: str
    empty: str = "This file is empty."
    too_many_bytes: str = "This file is too large."
    wrong_format: str = "This is not an image we accept."
    too_many_pixels: str = "This image is too large to process."
    unreadable: str = "This file is not an image we can read."
    vector: str = "This file is not an image we can read."  # SVG: Pillow cannot read it
    damaged: str = "This image could not be read: it may be damaged."

    def error(self, reason: str, code: str) -> ValidationError:
        return ValidationError(f"{reason} {self.accepted}", code=code)


@dataclass(frozen=True)
class ImageRules:
    """What an upload must be (bytes, pixels, formats) and what is made of it."""

    max_bytes: int
    max_pixels: int
    formats: frozenset[str]  # Pillow's format names: "JPEG", "PNG", "WEBP"...
    size: tuple[int, int]  # the stored image fits in this box
    output: str  # the stored format: "JPEG", "PNG" or "WEBP"
    refusals: Refusals
    keep_alpha: bool = False  # a transparent upload stays transparent (PNG, WebP output)
    save_options: Mapping[str, object] = field(default_factory=dict)


def looks_like_svg(head: bytes) -> bool:
    """Whether the first bytes of a file are an SVG document (XML text naming <svg)."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def accept_image(upload: File, rules: ImageRules) -> bytes:
    """The bytes to store for an uploaded image, or a ValidationError that says why it is
    refused and what is accepted."""
    refusals = rules.refusals
    if not upload.size:
        raise refusals.error(refusals.empty, "empty")
    if upload.size > rules.max_bytes:
        raise refusals.error(refusals.too_many_bytes, "too_large")
    data = upload.read()
    if looks_like_svg(data[:1024]):
        raise refusals.error(refusals.vector, "svg")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in rules.formats:
                    reason = refusals.wrong_format.format(format=probe.format)
                    raise refusals.error(reason, "format")
                width, height = probe.size
                if width * height > rules.max_pixels:
                    raise refusals.error(refusals.too_many_pixels, "too_many_pixels")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                mode = "RGBA" if rules.keep_alpha and _has_alpha(image) else "RGB"
                upright = ImageOps.exif_transpose(image).convert(mode)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise refusals.error(refusals.too_many_pixels, "too_many_pixels") from None
    except UnidentifiedImageError:
        raise refusals.error(refusals.unreadable, "unreadable") from None
    except (OSError, SyntaxError, ValueError):
        raise refusals.error(refusals.damaged, "damaged") from None
    upright.thumbnail(rules.size, Image.Resampling.LANCZOS)
    upright.info = {}  # no EXIF, ICC profile, text chunks or XMP carried over: pixels only
    out = io.BytesIO()
    upright.save(out, rules.output, **rules.save_options)
    return out.getvalue()


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
