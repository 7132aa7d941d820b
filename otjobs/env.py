"""Typed readers for environment variables that fail loudly, naming the variable and form."""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a number (e.g. 1 or 0.5).") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_email_url(name: str, raw: str) -> dict:
    """Turn EMAIL_URL (``console:``, ``smtp://user:pass@host:25``, ``smtp+tls://…``,
    ``smtp+ssl://…``, ``memory:``) into one Django 6.1 ``MAILERS`` entry."""
    form = (
        "use console:, memory:, or smtp[+tls|+ssl]://user:password@host:port "
        "(e.g. smtp+tls://apikey:secret@smtp.example.org:587)"
    )
    try:
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an email URL: {form}.") from None
    simple = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "memory": "django.core.mail.backends.locmem.EmailBackend",
    }
    if scheme in simple:
        return {"BACKEND": simple[scheme]}
    if scheme not in {"smtp", "smtp+tls", "smtp+ssl"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an email URL: {form}.")
    timeout = parse_qs(parts.query).get("timeout", ["10"])[0]
    if not timeout.isdigit():
        raise ImproperlyConfigured(f"{name}: timeout={timeout!r} is not a whole number of seconds.")
    options: dict = {
        "host": parts.hostname,
        "use_tls": scheme == "smtp+tls",
        "use_ssl": scheme == "smtp+ssl",
        "timeout": int(timeout),
    }
    if port:
        options["port"] = port
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


def parse_cache_url(name: str, raw: str) -> dict:
    """CACHE_URL (``redis://host:6379/1``, ``locmem:``, ``file:///var/cache/otjobs``,
    ``dummy:``) to a CACHES entry.

    Redis is shared by every worker on every host (production); locmem is per process
    (development); file is shared by the workers of one host.
    """
    form = "use redis://host:port/db, locmem:, dummy:, or file:///absolute/path"
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a cache URL: {form}.") from None
    if parts.scheme in {"redis", "rediss"} and parts.hostname:
        return {
            "BACKEND": "otjobs.cache.RedisCache",
            "LOCATION": raw,
            "KEY_PREFIX": "otjobs",
        }
    if parts.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "otjobs"}
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme == "file" and parts.path.startswith("/"):
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": parts.path,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    raise ImproperlyConfigured(f"{name}={raw!r} is not a cache URL: {form}.")
