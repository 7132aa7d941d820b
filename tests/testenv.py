"""Loaded with `-p tests.testenv` (pyproject.toml), before Django's settings are read.

Tests run with development settings (no production SECRET_KEY needed) and without the
connection pool, which would hold a connection to the test database while pytest-django
drops it.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_POOL", "false")
