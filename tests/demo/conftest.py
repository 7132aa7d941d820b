import pytest


@pytest.fixture(autouse=True)
def debug_on(settings):
    """seed_demo is a development command: its applicants' published password needs DEBUG,
    which pytest-django turns off."""
    settings.DEBUG = True
