# Development settings for the test run: tests never need a production SECRET_KEY.
import os

os.environ.setdefault("DEBUG", "true")
