"""OT Jobs settings, driven by environment variables (every one is listed in README.md).

Development defaults are safe (SQLite in var/, console email); with DEBUG off the
site refuses to start without a real SECRET_KEY.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from otjobs.env import (
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
    parse_cache_url,
    parse_email_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random string in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",  # the site's form templates (templates/forms/) override Django's
    "allauth",
    "allauth.account",
    "django_tasks_db",
    "import_export",  # postings imported and exported in the admin (listings/transfer.py)
    "accounts",
    "listings",
    "applicants",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what is not compressed already (cached pages carry their own gzip).
    "django.middleware.gzip.GZipMiddleware",
    # ETags for pages without one; 304 for If-None-Match and If-Modified-Since (feeds).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "otjobs.middleware.PrivateResponsesMiddleware",
    # The session, the user and their entries in one read from the cache (signed in).
    "accounts.readahead.ReadAheadMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "applicants.middleware.ViewerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = env_str("ROOT_URLCONF", "otjobs.urls")  # bench/ swaps in bench.urls
WSGI_APPLICATION = "otjobs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "otjobs.context_processors.site",
                "listings.context_processors.navigation",
            ],
            # Site-wide tags (icons, dates): {% load site %} in any app's template.
            "libraries": {"site": "otjobs.templatetags.site"},
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'otjobs.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
except ValueError as error:
    raise ImproperlyConfigured(
        f"DATABASE_URL={DATABASE_URL!r} is not a database URL ({error}): use "
        "postgres://user:password@host:5432/name or sqlite:////absolute/path.sqlite3"
    ) from None
if _db["ENGINE"] == "django.db.backends.postgresql":
    if env_bool("DATABASE_POOL", True):
        # psycopg's pool needs CONN_MAX_AGE = 0; size it to the threads of one process.
        _db["OPTIONS"] = {
            "pool": {"min_size": 1, "max_size": env_int("DATABASE_POOL_SIZE", 4, minimum=1)}
        }
    else:
        _db["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0)
    _db["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME", "") or None}
elif _db["ENGINE"] == "django.db.backends.sqlite3":
    _db["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
DATABASES = {"default": _db}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts: django-allauth under /accounts/, email as the only login, verified before use.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.CachedUserBackend",  # allauth's, with the user read from the cache
    "django.contrib.auth.backends.ModelBackend",  # the admin's sign-in form
]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # the mailed link shows a button: mail scanners don't confirm
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[OT Jobs] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Counted in the default cache: with CACHE_URL=redis://... every worker shares the counts.
ACCOUNT_RATE_LIMITS = {"login_failed": "5/m/ip,5/5m/key", "signup": "20/m/ip"}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "applicants:dashboard"
FORM_RENDERER = "otjobs.forms.SiteFormRenderer"
INVITATION_TIMEOUT = 7 * 24 * 60 * 60  # seconds a recruiter's invitation link works

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# Files: public media (employer logos) and private files (resumes) live apart. Private
# files are never served by URL; they are streamed by permission-checked views.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-files-are-not-served/"},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
# In development whitenoise serves straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Background work (emails, scans) through Django's tasks framework, stored in the database;
# `manage.py db_worker` runs it. TASKS_BACKEND=immediate runs each task inside enqueue().
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[env_str("TASKS_BACKEND", "database")],
        "QUEUES": ["default"],
    }
}

# Uploads are scanned by ClamAV's clamd: unix:///run/clamav/clamd.ctl or tcp://host:3310.
# Empty: files are kept as "not scanned" and `check --deploy` warns.
CLAMAV_URL = env_str("CLAMAV_URL", "")
RESUME_MAX_BYTES = 5 * 1024 * 1024

# Bulk import and export of postings in the admin (django-import-export): importing needs
# the permission to add postings, exporting the permission to view them.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

CACHES = {"default": parse_cache_url("CACHE_URL", env_str("CACHE_URL", "locmem:"))}
# Listing and posting pages are cached per catalogue version; the version is re-read at
# most this often per process, so a new or closed posting shows within this many seconds.
SEARCH_VERSION_CHECK_SECONDS = env_float("SEARCH_VERSION_CHECK_SECONDS", 1.0)
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60, minimum=0)
# Page content and posting cards are cached for everyone, keyed by what they show.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 86_400, minimum=1)

# Email through Django 6.1 mailers; console by default.
MAILERS = {"default": parse_email_url("EMAIL_URL", env_str("EMAIL_URL", "console:"))}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "OT Jobs <jobs@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Security: strict by default outside development; `check --deploy` passes with these.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
# Sessions are read from the cache (Redis in production) and kept in the database too.
SESSION_ENGINE = "accounts.readahead"  # cached_db sessions, read with the user
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
