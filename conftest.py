# Development settings for the test run: tests never need a production SECRET_KEY, and
# they run without the connection pool, which would keep a connection to the test database
# open when pytest-django drops it.
import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_POOL", "false")
