"""Every kind of public page is valid HTML, as the W3C Nu HTML Checker sees it.

The checker is the `vnu-jar` npm package run with the machine's Java (`make test` installs
it into var/node when npm and Java are there; CI requires it with OTJOBS_REQUIRE_VNU).
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.factories import EmployerFactory, JobPostingFactory, UserFactory

VNU = Path(
    os.environ.get(
        "VNU_JAR", Path(__file__).parent.parent / "var/node/node_modules/vnu-jar/build/dist/vnu.jar"
    )
)
JAVA = shutil.which("java") or "java"
missing = not VNU.exists() or shutil.which("java") is None
if missing and os.environ.get("OTJOBS_REQUIRE_VNU"):
    raise RuntimeError(f"The Nu HTML Checker is required but {VNU} or java is missing.")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(missing, reason="Nu HTML Checker not installed (make test installs it)"),
]


def test_public_pages_validate(client, tmp_path):
    employer = EmployerFactory(website="javascript:alert(1)")
    posting = JobPostingFactory(
        employer=employer,
        apply_by=None,
        description="First line\n\nSecond <b>paragraph</b> & more",
        setting="school",
        role="school_ot",
    )
    JobPostingFactory(role="cota", how_to_apply="external", apply_url="https://example.org/apply")
    closed = JobPostingFactory(status="closed")
    paths = [
        "/",
        "/jobs/",
        "/jobs/?role=cota&near=78701&radius=50&sort=distance",
        "/jobs/?role=astronaut&near=99999&pay_min=abc&radius=far&posted=3&sort=random",
        "/jobs/?pay_min=-5&q=zz",
        "/jobs/?q=nothingmatcheszzz&role=cota",
        posting.get_absolute_url(),
        closed.get_absolute_url(),
        employer.get_absolute_url(),
        "/guides/",
        "/guides/certified-occupational-therapy-assistant/",
        "/no-such-page/",
    ]
    files = _save(client, paths, tmp_path)
    fragment = client.get("/jobs/?role=cota", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert _problems(paths, files) == []


def test_account_and_applicant_pages_validate(client, tmp_path):
    from applicants.models import Application, License, Profile, SavedJob, SavedSearch
    from applicants.services import add_resume
    from tests.applicants.files import pdf_upload

    posting = JobPostingFactory(state="TX")
    profile = Profile.objects.create(
        user=UserFactory(full_name="Ana Reyes"), degree="masters", home_zip="78701"
    )
    License.objects.create(
        profile=profile, kind="ot_license", state="TX", number="1", expires_on="2020-01-01"
    )
    resume = add_resume(profile=profile, upload=pdf_upload())
    application = Application.objects.create(
        user=profile.user, posting=posting, resume_file=resume.file, name="Ana", email="a@x.org"
    )
    SavedJob.objects.create(user=profile.user, posting=posting)
    SavedSearch.objects.create(user=profile.user, query="role=cota", summary="COTA")
    anonymous = [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/login/code/",
    ]
    files = _save(client, anonymous, tmp_path, prefix="anon")
    client.force_login(profile.user)
    signed_in = [
        "/me/",
        "/me/profile/",
        "/me/credentials/",
        "/me/resumes/",
        "/me/applications/",
        application.get_absolute_url(),
        "/me/saved/",
        "/me/alerts/",
        "/me/recommended/",
        "/me/privacy/",
        "/me/photo/",
        f"/jobs/{JobPostingFactory().slug}/apply/",
        posting.get_absolute_url(),
        "/jobs/?qualified=1",
        "/accounts/email/",
        "/accounts/password/change/",
    ]
    files += _save(client, signed_in, tmp_path, prefix="me")
    assert _problems(anonymous + signed_in, files) == []


def _save(client, paths, folder, prefix="page"):
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in (200, 404, 410), path
        file = folder / f"{prefix}{number}.html"
        file.write_bytes(response.content)
        files.append(file)
    return files


def _problems(paths, files):

    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    return [
        f"{paths[files.index(Path(m['url'].removeprefix('file:')))]}: {m['message']} "
        f"({m.get('extract', '')!r})"
        for m in messages
    ]
