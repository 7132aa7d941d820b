"""An optional photo: decoded within a pixel budget, upright, without EXIF, re-encoded, and
private like resumes."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from applicants.models import Application, Profile
from applicants.services import set_photo
from tests.access import Visitor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps_rotated(size=(1200, 800)) -> bytes:
    """A landscape JPEG whose EXIF says "rotate 90°" and carries a GPS position."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    exif[0x8825] = {2: (40.0, 26.0, 46.0), 1: "N"}  # GPSInfo
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(data: bytes, name="me.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def stored_image(profile: Profile) -> Image.Image:
    with profile.photo.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def test_a_photo_is_turned_upright_stripped_of_exif_and_shrunk(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post("/me/photo/", {"photo": upload(jpeg_with_gps_rotated())})

    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    image = stored_image(profile)
    assert image.format == "JPEG"
    assert image.size == (427, 640)  # portrait now: the rotation was applied, then shrunk
    assert not image.getexif()  # no orientation, no GPS
    assert profile.photo.name.startswith("photos/")
    assert "me" not in profile.photo.name


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "This file is empty."),
        (b"GIF89a" + b"\x00" * 50, "This file is not an image we can read."),
        (b"%PDF-1.7\n", "This file is not an image we can read."),
    ],
)
def test_what_is_not_a_photo_is_refused_with_a_message(client, data, message):
    client.force_login(UserFactory())

    response = client.post("/me/photo/", {"photo": upload(data)})

    assert message in response.content.decode()
    assert "JPEG, PNG or WebP" in response.content.decode()
    assert not Profile.objects.exclude(photo="").exists()


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client):
    big = Image.new("1", (10_000, 10_000))  # 100 megapixels in a few kilobytes
    out = io.BytesIO()
    big.save(out, "PNG")
    assert len(out.getvalue()) < 100_000
    client.force_login(UserFactory())

    response = client.post("/me/photo/", {"photo": upload(out.getvalue(), "bomb.png")})

    assert "too large to process" in response.content.decode()
    assert not Profile.objects.exclude(photo="").exists()


def test_the_photo_is_private(client, access_world):
    applicant = access_world.users[Visitor.APPLICANT]
    profile = Profile.objects.create(user=applicant)
    set_photo(profile=profile, upload=upload(jpeg_with_gps_rotated()))
    Application.objects.create(
        user=applicant, posting=access_world.posting, name="Ana", email="a@x.org"
    )
    url = f"/me/photos/{profile.photo_token}/"
    expected = {
        Visitor.ANONYMOUS: 404,
        Visitor.APPLICANT: 200,  # the owner
        Visitor.RECRUITER_OF_EMPLOYER: 200,  # applied there
        Visitor.RECRUITER_OF_OTHER_EMPLOYER: 404,
        Visitor.SUPERUSER: 200,
    }

    seen = {}
    for visitor, user in access_world.users.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        seen[visitor] = client.get(url).status_code

    assert seen == expected
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


def test_replacing_the_photo_deletes_the_old_file(django_capture_on_commit_callbacks):
    profile = Profile.objects.create(user=UserFactory())
    set_photo(profile=profile, upload=upload(jpeg_with_gps_rotated()))
    first, storage = profile.photo.name, profile.photo.storage

    with django_capture_on_commit_callbacks(execute=True):
        set_photo(profile=profile, upload=upload(jpeg_with_gps_rotated((300, 300))))

    assert not storage.exists(first)
    assert storage.exists(profile.photo.name)
