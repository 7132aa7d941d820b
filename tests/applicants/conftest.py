import os

import pytest

CLAMAV_URL = os.environ.get("OTJOBS_TEST_CLAMAV_URL", "")  # bin/clamd-test prints it
# Built from two halves so that no file of the repository holds the EICAR test file whole.
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTI" + b"VIRUS-TEST-FILE!$H+H*"


@pytest.fixture(autouse=True)
def no_scanner_unless_asked(settings):
    """Uploads are kept as "not scanned" unless a test asks for the real clamd."""
    settings.CLAMAV_URL = ""


@pytest.fixture
def clamd(settings):
    """Point CLAMAV_URL at the test clamd (skipped without one, failed in CI without one)."""
    if not CLAMAV_URL:
        message = "no clamd: run bin/clamd-test and export OTJOBS_TEST_CLAMAV_URL=<the URL>"
        if os.environ.get("OTJOBS_REQUIRE_CLAMAV"):
            pytest.fail(f"OTJOBS_REQUIRE_CLAMAV is set but there is {message}")
        pytest.skip(message)
    settings.CLAMAV_URL = CLAMAV_URL
