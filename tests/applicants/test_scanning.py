"""Uploads are scanned by a real clamd: a clean resume passes, the EICAR test file is caught
on its own and inside a DOCX, and a scanner that cannot answer says so instead of passing
the file.

The clamd is bin/clamd-test's, which knows only a local EICAR signature; it prints the URL
to export as OTJOBS_TEST_CLAMAV_URL. Without it these tests are skipped, unless
OTJOBS_REQUIRE_CLAMAV is set (CI), where they fail.
"""

import io
import socket
import zipfile

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from applicants import scanning
from applicants.scanning import ScannerUnavailable, Verdict, scan, scanner_configured
from tests.applicants.conftest import EICAR

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def docx_with(text: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        docx.writestr("word/document.xml", b"<w:document><w:t>" + text + b"</w:t></w:document>")
    return buffer.getvalue()


# A real clamd ------------------------------------------------------------------------------
def test_a_clean_resume_is_clean(clamd):
    assert scan(io.BytesIO(PDF)) == Verdict(clean=True)


def test_the_eicar_test_file_is_infected(clamd):
    verdict = scan(io.BytesIO(EICAR))
    assert not verdict.clean
    assert "EICAR" in verdict.signature


def test_eicar_inside_a_docx_is_infected(clamd):
    docx = docx_with(b"Experienced school OT. " + EICAR + b" References on request.")
    assert EICAR[28:] not in docx  # compressed: only clamd's unzipping can find it
    verdict = scan(io.BytesIO(docx))
    assert not verdict.clean
    assert "EICAR" in verdict.signature


def test_a_clean_docx_is_clean(clamd):
    assert scan(io.BytesIO(docx_with(b"Experienced school OT."))).clean


def test_the_whole_file_is_scanned_and_left_rewound(clamd):
    upload = io.BytesIO(EICAR)
    upload.read(40)  # past the start of what the signatures match
    assert not scan(upload).clean
    assert upload.tell() == 0


def test_a_stream_over_clamds_size_limit_is_not_passed_as_clean(clamd):
    # bin/clamd-test's StreamMaxLength is Debian's 25M.
    with pytest.raises(ScannerUnavailable, match="StreamMaxLength"):
        scan(io.BytesIO(b"\0" * (26 * 1024 * 1024)))


# No clamd ----------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["tcp://127.0.0.1:1", "unix:///nonexistent/clamd.sock"])
def test_an_unreachable_scanner_is_unavailable(settings, url):
    settings.CLAMAV_URL = url
    upload = io.BytesIO(PDF)
    with pytest.raises(ScannerUnavailable, match="clamd at"):
        scan(upload)
    assert upload.tell() == 0


def test_a_scanner_that_never_answers_times_out(settings, monkeypatch, tmp_path):
    path = tmp_path / "silent.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.bind(str(path))
        silent.listen()  # connections queue up, and nothing ever answers them
        settings.CLAMAV_URL = f"unix://{path}"
        monkeypatch.setattr(scanning, "TIMEOUT_SECONDS", 0.2)
        with pytest.raises(ScannerUnavailable, match="timed out"):
            scan(io.BytesIO(PDF))


@pytest.mark.parametrize(
    "url",
    [
        "clamd.sock",
        "/run/clamav/clamd.ctl",
        "unix://",
        "unix://run/clamav/clamd.ctl",
        "http://127.0.0.1:3310",
        "tcp://:3310",
        "tcp://clamav:port",
        "tcp://clamav:99999",
    ],
)
def test_a_malformed_url_is_a_configuration_error(settings, url):
    settings.CLAMAV_URL = url
    with pytest.raises(ImproperlyConfigured, match="CLAMAV_URL must be"):
        scan(io.BytesIO(PDF))
    assert check_ids() == {"applicants.E001"}


def test_scanner_configured_follows_the_setting(settings):
    settings.CLAMAV_URL = ""
    assert not scanner_configured()
    settings.CLAMAV_URL = "tcp://clamav:3310"
    assert scanner_configured()


def check_ids(*, deploy: bool = False) -> set[str]:
    found = checks.run_checks(tags=[checks.Tags.security], include_deployment_checks=deploy)
    return {message.id for message in found if message.id.startswith("applicants.")}


def test_the_deploy_check_warns_when_uploads_are_not_scanned(settings):
    settings.CLAMAV_URL = ""
    assert check_ids(deploy=True) == {"applicants.W001"}
    assert check_ids() == set()  # development runs without a scanner


@pytest.mark.parametrize("url", ["unix:///run/clamav/clamd.ctl", "tcp://clamav:3310"])
def test_the_deploy_check_is_quiet_when_a_scanner_is_set(settings, url):
    settings.CLAMAV_URL = url
    assert check_ids(deploy=True) == set()
