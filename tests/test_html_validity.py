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

from tests.factories import EmployerFactory, JobPostingFactory

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
    files = []
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in (200, 404, 410), path
        file = tmp_path / f"page{number}.html"
        file.write_bytes(response.content)
        files.append(file)
    fragment = client.get("/jobs/?role=cota", headers={"HX-Request": "true"})
    assert fragment.status_code == 200

    result = subprocess.run(
        [JAVA, "-jar", str(VNU), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    problems = [
        f"{paths[files.index(Path(m['url'].removeprefix('file:')))]}: {m['message']} "
        f"({m.get('extract', '')!r})"
        for m in messages
    ]
    assert problems == []
