import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from otjobs.env import env_bool, env_int, env_list, parse_email_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7Qm2-production-like-secret-key-with-enough-entropy-9aZ4kP1vR8sT3wY6",
    "ALLOWED_HOSTS": "otjobs.example.org",
    "DATABASE_URL": "sqlite:////tmp/otjobs-settings-test.sqlite3",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "CLAMAV_URL": "unix:///run/clamav/clamd.ctl",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean"),
        ("DATABASE_URL", "mysql-ish://nowhere", "DATABASE_URL='mysql-ish://nowhere'"),
        ("EMAIL_URL", "pigeon://coop", "EMAIL_URL='pigeon://coop' is not an email URL"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS='a year' is not a whole number"),
    ],
)
def test_unparseable_variable_stops_start_up_naming_it(variable, value, message):
    result = manage("check", env={**PRODUCTION, variable: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_env_bool_accepts_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert env_bool("FLAG", True) is True


def test_env_int_enforces_minimum(monkeypatch):
    monkeypatch.setenv("SIZE", "-1")
    with pytest.raises(ImproperlyConfigured, match="SIZE='-1' must be at least 1"):
        env_int("SIZE", 4, minimum=1)


def test_env_list_splits_and_trims(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example , b.example,,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_email_url_builds_an_smtp_mailer():
    mailer = parse_email_url("EMAIL_URL", "smtp+tls://apikey:s%40cret@smtp.example.org:587")
    assert mailer == {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": "smtp.example.org",
            "port": 587,
            "use_tls": True,
            "use_ssl": False,
            "timeout": 10,
            "username": "apikey",
            "password": "s@cret",
        },
    }


def test_email_url_console_is_the_default_form():
    assert parse_email_url("EMAIL_URL", "console:") == {
        "BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


def test_email_url_with_bad_timeout_is_refused():
    with pytest.raises(ImproperlyConfigured, match="timeout"):
        parse_email_url("EMAIL_URL", "smtp://mail.example.org?timeout=soon")


def test_cache_url_names_redis_shared_by_every_worker():
    from otjobs.env import parse_cache_url

    entry = parse_cache_url("CACHE_URL", "redis://127.0.0.1:6379/1")
    assert entry["BACKEND"] == "otjobs.cache.RedisCache"
    assert entry["LOCATION"] == "redis://127.0.0.1:6379/1"
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        parse_cache_url("CACHE_URL", "redis://127.0.0.1:port/1")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        parse_cache_url("CACHE_URL", "memcached://x")


def test_the_deploy_check_warns_when_uploads_are_not_scanned():
    without_scanner = {k: v for k, v in PRODUCTION.items() if k != "CLAMAV_URL"}

    result = manage("check", "--deploy", "--fail-level", "WARNING", env=without_scanner)

    assert result.returncode != 0
    assert "applicants.W001" in result.stderr + result.stdout
