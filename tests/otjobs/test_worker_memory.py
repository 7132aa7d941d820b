"""What a web worker loads at start: libraries only some requests need stay out of it
until used, so every worker stays small (README, Performance: worker memory)."""

import os
import subprocess
import sys

import pytest

# openpyxl (14 MB): tablib's xlsx format would import it when import-export asks which
# formats load (listings.lazy_xlsx). pypdf (18 MB): only a resume upload needs it.
LOADED_WHEN_USED = ("openpyxl", "pypdf")


def test_a_web_worker_loads_spreadsheet_and_pdf_libraries_only_when_used():
    code = (
        "import django, sys; django.setup();"
        "from django.urls import get_resolver; get_resolver().url_patterns;"
        "import listings.admin.postings, applicants.admin, applicants.views;"
        f"print(*[m for m in {LOADED_WHEN_USED!r} if m in sys.modules] or ['none'])"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "otjobs.settings", "DEBUG": "true"},
    ).stdout.split("\n")[-2]

    assert loaded == "none"


@pytest.mark.parametrize("module", LOADED_WHEN_USED)
def test_each_library_kept_out_is_installed(module):
    # The check above must not pass just because a library is missing.
    import importlib.util

    assert importlib.util.find_spec(module) is not None
