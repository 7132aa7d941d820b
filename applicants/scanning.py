"""Malware scanning of uploads by ClamAV's clamd, at settings.CLAMAV_URL.

`scan(fileobj)` streams a file to clamd (INSTREAM) and returns its Verdict, or raises
ScannerUnavailable when clamd gives none (down, too slow, refused the stream): the caller
keeps the file unscanned and tries again later.
"""

import socket
from contextlib import suppress
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlsplit

import clamd
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

TIMEOUT_SECONDS = 30.0
DEFAULT_PORT = 3310
URL_FORMS = "unix:///path/to/clamd.sock or tcp://host:port"


class ScannerUnavailable(Exception):
    """clamd gave no verdict; the reason is the message."""


@dataclass(frozen=True)
class Verdict:
    clean: bool
    signature: str = ""  # the name of what clamd found, when not clean


def scanner_configured() -> bool:
    return bool(settings.CLAMAV_URL)


def scan(fileobj: IO[bytes]) -> Verdict:
    """Scan the whole of `fileobj` (read from its start, rewound afterwards).

    Raises ImproperlyConfigured when CLAMAV_URL is empty or malformed, and
    ScannerUnavailable when clamd cannot give a verdict now.
    """
    client = _client(settings.CLAMAV_URL)
    fileobj.seek(0)
    try:
        response = client.instream(fileobj)
    except BrokenPipeError as error:
        raise ScannerUnavailable(
            f"clamd at {settings.CLAMAV_URL} closed the connection while the file was sent "
            "(is it larger than clamd's StreamMaxLength?)"
        ) from error
    # clamd.ClamdError: refused connections, ERROR replies; OSError: timeouts and resets
    # while sending, which clamd 1.0.2 lets through.
    except (clamd.ClamdError, OSError) as error:
        raise ScannerUnavailable(f"clamd at {settings.CLAMAV_URL}: {error}") from error
    finally:
        fileobj.seek(0)
    status, signature = (response or {}).get("stream", (None, None))
    if status == "OK":
        return Verdict(clean=True)
    if status == "FOUND":
        return Verdict(clean=False, signature=signature or "")
    raise ScannerUnavailable(f"clamd at {settings.CLAMAV_URL} answered {response!r}")


# clamd 1.0.2 sets its timeout only after connect(), so a host that drops packets or a
# clamd whose queue is full would hold the caller for minutes: connect with it set.
class _UnixSocket(clamd.ClamdUnixSocket):
    def _init_socket(self) -> None:
        self.clamd_socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.clamd_socket.settimeout(self.timeout)
        try:
            self.clamd_socket.connect(self.unix_socket)
        except OSError as error:
            raise clamd.ConnectionError(self._error_message(error)) from error


class _NetworkSocket(clamd.ClamdNetworkSocket):
    def _init_socket(self) -> None:
        self.clamd_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.clamd_socket.settimeout(self.timeout)
        try:
            self.clamd_socket.connect((self.host, self.port))
        except OSError as error:
            raise clamd.ConnectionError(self._error_message(error)) from error


def _client(url: str) -> clamd.ClamdNetworkSocket:
    parts = urlsplit(url)
    if parts.scheme == "unix" and not parts.netloc and parts.path.startswith("/"):
        return _UnixSocket(path=parts.path, timeout=TIMEOUT_SECONDS)
    if parts.scheme == "tcp" and parts.hostname and parts.path in ("", "/"):
        with suppress(ValueError):  # a port that is not a number, or out of range
            return _NetworkSocket(parts.hostname, parts.port or DEFAULT_PORT, TIMEOUT_SECONDS)
    raise ImproperlyConfigured(f"CLAMAV_URL must be {URL_FORMS}, not {url!r}.")


@checks.register(checks.Tags.security, deploy=True)
def check_uploads_are_scanned(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if not scanner_configured():
        return [
            checks.Warning(
                "Uploads are not scanned for malware: set CLAMAV_URL to clamd's socket.",
                hint=f"{URL_FORMS}, e.g. unix:///run/clamav/clamd.ctl for Debian's clamd.",
                id="applicants.W001",
            )
        ]
    return []


@checks.register(checks.Tags.security)
def check_scanner_url(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if not scanner_configured():
        return []
    try:
        _client(settings.CLAMAV_URL)
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="applicants.E001")]
    return []
