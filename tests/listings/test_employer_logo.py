"""An employer's logo, uploaded by its recruiters in the admin: re-encoded as a small PNG
without EXIF (bombs, SVG and non-images refused next to the field, nothing stored), served
to everyone with year-long caching, shown on the employer and posting pages."""

import io
import json
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from listings.logos import CACHE_CONTROL
from listings.models import Employer
from tests.access import Visitor
from tests.factories import EmployerFactory, JobPostingFactory, RecruiterFactory
from tests.listings.test_caching import page_cache  # noqa: F401 - locmem and Redis

pytestmark = pytest.mark.django_db

STORED_NAME = re.compile(r"logos/[0-9a-f]{32}\.png")


# Real images, made here --------------------------------------------------------------------
def jpeg_with_gps(size=(1200, 800)) -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90°" and carries a GPS position."""
    image = Image.new("RGB", size, (20, 90, 160))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {2: (40.0, 26.0, 46.0), 1: "N"}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_with_alpha(size=(600, 300)) -> bytes:
    """A wide logo: an opaque teal left half on a transparent background."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste((0, 128, 128, 255), (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` pixels, with a sliver of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def encoded(mode: str, size: tuple[int, int], fmt: str, **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, fmt, **options)
    return out.getvalue()


def noise_png(size=(1000, 1000)) -> bytes:
    """A real PNG of random pixels: about 3 MB, which no compression makes smaller."""
    out = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(out, "PNG")
    return out.getvalue()


SVG = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64">'
    b'<script>alert(document.cookie)</script><rect width="64" height="64"/></svg>'
)


def upload(data: bytes, name: str = "Bluebonnet logo.png", content_type: str = "image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_image(employer: Employer) -> Image.Image:
    with employer.logo.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def stored_files(tmp_path: Path) -> list[Path]:
    return [path for path in (tmp_path / "media").rglob("*") if path.is_file()]


# The admin, as a recruiter of the employer --------------------------------------------------
@pytest.fixture
def employer():
    employer = EmployerFactory(name="Bluebonnet Kids Therapy", about="Clinics in Austin.")
    JobPostingFactory(employer=employer)
    return employer


@pytest.fixture
def recruiter(employer):
    return RecruiterFactory(employers=[employer])


@pytest.fixture
def recruiter_client(recruiter):
    client = Client()
    client.force_login(recruiter)
    return client


def change_url(employer: Employer) -> str:
    return reverse("admin:listings_employer_change", args=[employer.pk])


def save_in_admin(client: Client, employer: Employer, **changes):
    """Post the employer's change form as its page shows it, with `changes`."""
    form = client.get(change_url(employer)).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "logo"}
    data = {name: "" if value is None else value for name, value in data.items()}
    inline = {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}  # staff's
    return client.post(change_url(employer), {**data, **inline, **changes})


def logo_errors(response) -> list[str]:
    assert response.status_code == 200, response.get("Location")
    return response.context["adminform"].form.errors.get("logo", [])


def test_a_jpeg_logo_is_stored_as_a_small_png_without_exif(recruiter_client, employer, tmp_path):
    response = save_in_admin(recruiter_client, employer, logo=upload(jpeg_with_gps(), "me.jpg"))

    assert response.status_code == 302
    employer.refresh_from_db()
    assert STORED_NAME.fullmatch(employer.logo.name)  # no employer id, no original name
    image = stored_image(employer)
    assert image.format == "PNG"
    assert image.size == (267, 400)  # turned upright by its EXIF, then shrunk
    assert not image.getexif()  # no orientation, no GPS
    assert "exif" not in image.info
    assert Path(employer.logo.path).is_relative_to(tmp_path)


def test_a_png_logo_keeps_its_transparency(recruiter_client, employer):
    response = save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))

    assert response.status_code == 302
    employer.refresh_from_db()
    image = stored_image(employer)
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (400, 200))
    assert image.getpixel((10, 100)) == (0, 128, 128, 255)
    assert image.getpixel((390, 100))[3] == 0  # still transparent


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(png_claiming(100_000, 100_000), "too large to process", id="bomb-header"),
        pytest.param(encoded("1", (10_000, 10_000), "PNG"), "too large to process", id="bomb"),
        pytest.param(encoded("1", (5_000, 5_000), "PNG"), "too large to process", id="25-mpx"),
        pytest.param(SVG, "SVG logos are not accepted", id="svg"),
        pytest.param(b"Our logo, in words.\n" * 20, "not an image we can read", id="text"),
        pytest.param(
            encoded("P", (64, 64), "GIF"), "GIF images are not accepted as logos", id="gif"
        ),
        pytest.param(jpeg_with_gps()[:2000], "may be damaged", id="truncated"),
        pytest.param(noise_png(), "This file is too large", id="3-mb"),
        pytest.param(b"", "This file is empty", id="empty"),
    ],
)
def test_what_is_not_a_logo_we_take_is_refused_next_to_the_field_and_nothing_is_stored(
    recruiter_client, employer, tmp_path, data, message
):
    response = save_in_admin(recruiter_client, employer, logo=upload(data, "logo.png"))

    errors = logo_errors(response)
    assert len(errors) == 1
    assert message in errors[0]
    assert "PNG, JPEG or WebP" in errors[0]  # and says what is accepted
    employer.refresh_from_db()
    assert not employer.logo
    assert stored_files(tmp_path) == []


def test_a_webp_logo_is_accepted(recruiter_client, employer):
    webp = encoded("RGBA", (120, 120), "WEBP")

    response = save_in_admin(recruiter_client, employer, logo=upload(webp, "logo.webp"))

    assert response.status_code == 302
    employer.refresh_from_db()
    assert stored_image(employer).format == "PNG"


def test_the_change_page_shows_the_current_logo_and_says_what_is_accepted(
    recruiter_client, employer
):
    save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))
    employer.refresh_from_db()

    page = recruiter_client.get(change_url(employer)).text

    assert f'<img src="{employer.logo.url}" alt="Bluebonnet Kids Therapy logo"' in page
    assert 'width="160" height="80"' in page
    assert 'accept="image/png,image/jpeg,image/webp"' in page
    assert "SVG and GIF files are not accepted" in page


# The file's life: replaced, removed, the employer deleted ----------------------------------
def test_replacing_the_logo_deletes_the_old_file_once_committed(
    recruiter_client, employer, django_capture_on_commit_callbacks
):
    save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))
    employer.refresh_from_db()
    first = employer.logo.name

    with django_capture_on_commit_callbacks() as pending:
        save_in_admin(recruiter_client, employer, logo=upload(jpeg_with_gps(), "new.jpg"))
        assert default_storage.exists(first)  # pages may name it until the change commits
    for callback in pending:
        callback()

    employer.refresh_from_db()
    assert employer.logo.name != first
    assert not default_storage.exists(first)
    assert default_storage.exists(employer.logo.name)


def test_removing_the_logo_deletes_its_file(
    recruiter_client, employer, django_capture_on_commit_callbacks
):
    save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))
    employer.refresh_from_db()
    first = employer.logo.name

    with django_capture_on_commit_callbacks(execute=True):
        response = save_in_admin(recruiter_client, employer, **{"logo-clear": "on"})

    assert response.status_code == 302
    employer.refresh_from_db()
    assert not employer.logo
    assert not default_storage.exists(first)


def test_a_refused_replacement_keeps_the_current_logo(recruiter_client, employer, tmp_path):
    save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))
    employer.refresh_from_db()
    first = employer.logo.name

    response = save_in_admin(recruiter_client, employer, logo=upload(SVG, "logo.svg"))

    assert logo_errors(response)
    employer.refresh_from_db()
    assert employer.logo.name == first
    assert [p.relative_to(tmp_path / "media").as_posix() for p in stored_files(tmp_path)] == [first]


def test_deleting_an_employer_deletes_its_logo(
    client, superuser, django_capture_on_commit_callbacks
):
    employer = EmployerFactory()
    employer.logo.save("x.png", ContentFile(png_with_alpha()))
    name = employer.logo.name
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:listings_employer_delete", args=[employer.pk]), {"post": "yes"}
        )

    assert response.status_code == 302
    assert not Employer.objects.filter(pk=employer.pk).exists()
    assert not default_storage.exists(name)


# Who may change it -----------------------------------------------------------------------
def test_another_employers_recruiter_cannot_upload_a_logo_and_nothing_is_stored(
    client, access_world, tmp_path
):
    employer = access_world.employer
    client.force_login(access_world.users[Visitor.RECRUITER_OF_OTHER_EMPLOYER])

    response = client.post(
        change_url(employer),
        {
            "name": "Taken over",
            "kind": employer.kind,
            "city": employer.city,
            "state": employer.state,
            "zip_code": employer.zip_code,
            "logo": upload(png_with_alpha()),
        },
    )

    assert response.status_code == 403
    employer.refresh_from_db()
    assert employer.name != "Taken over"
    assert not employer.logo
    assert stored_files(tmp_path) == []


def test_recruiters_cannot_change_the_slug_site_staff_can(
    recruiter_client, employer, client, superuser
):
    slug = employer.slug

    page = recruiter_client.get(change_url(employer)).text
    response = save_in_admin(recruiter_client, employer, slug="somewhere-else")

    assert response.status_code == 302
    assert 'name="slug"' not in page
    assert slug in page  # shown, read-only
    employer.refresh_from_db()
    assert employer.slug == slug

    client.force_login(superuser)
    assert save_in_admin(client, employer, slug="bluebonnet-austin").status_code == 302
    employer.refresh_from_db()
    assert employer.slug == "bluebonnet-austin"


# Serving -----------------------------------------------------------------------------------
def test_the_logo_is_served_to_everyone_with_year_long_caching(
    recruiter_client, employer, recruiter, django_assert_num_queries
):
    save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))
    employer.refresh_from_db()
    url = employer.logo.url
    assert url == reverse("listings:logo", args=[employer.logo.name.removeprefix("logos/")])

    with django_assert_num_queries(0):
        response = Client().get(url)
    signed_in = recruiter_client.get(url)

    with employer.logo.open("rb") as handle:
        assert response.content == handle.read()
    for answer in (response, signed_in):
        assert answer.status_code == 200
        assert answer["Content-Type"] == "image/png"
        assert answer["Cache-Control"] == CACHE_CONTROL == "public, max-age=31536000, immutable"
        assert answer["X-Content-Type-Options"] == "nosniff"
        assert not answer.cookies
    assert signed_in.content == response.content


def test_names_other_than_a_stored_logos_answer_404(client):
    default_storage.save("logos/acme.png", ContentFile(png_with_alpha()))  # not ours: no hash
    default_storage.save("photos/secret.png", ContentFile(png_with_alpha()))
    missing = "0123456789abcdef0123456789abcdef.png"
    for url in (
        "/media/logos/acme.png",
        f"/media/logos/{missing}",
        f"/media/logos/{missing.upper()}",
        f"/media/logos/{missing}.svg",
        "/media/logos/..%2Fphotos%2Fsecret.png",
        "/media/logos/%2E%2E/photos/secret.png",
        "/media/logos/../photos/secret.png",
        "/media/photos/secret.png",
        "/media/logos/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/media/logos/{missing}").status_code == 405


# The pages -----------------------------------------------------------------------------------
@pytest.mark.usefixtures("page_cache")
def test_a_new_logo_shows_on_the_cached_posting_and_employer_pages(
    recruiter_client, employer, django_assert_num_queries
):
    posting = employer.postings.get()
    visitor = Client()
    assert "Bluebonnet Kids Therapy logo" not in visitor.get(posting.get_absolute_url()).text
    assert "Bluebonnet Kids Therapy logo" not in visitor.get(employer.get_absolute_url()).text
    with django_assert_num_queries(1):  # both pages are now cached whole
        visitor.get(posting.get_absolute_url())

    save_in_admin(recruiter_client, employer, logo=upload(png_with_alpha()))
    employer.refresh_from_db()

    page = visitor.get(posting.get_absolute_url()).text
    assert (
        f'<img class="posting-header__logo" src="{employer.logo.url}" '
        'alt="Bluebonnet Kids Therapy logo" width="40" height="40">'
    ) in page
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page)[1])
    logo_url = json_ld["hiringOrganization"]["logo"]
    assert logo_url.endswith(employer.logo.url)
    assert visitor.get(employer.logo.url).status_code == 200
    employer_page = visitor.get(employer.get_absolute_url()).text
    assert (
        f'src="{employer.logo.url}" alt="Bluebonnet Kids Therapy logo" width="72" height="72"'
    ) in employer_page
