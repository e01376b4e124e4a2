"""Settings for the VG2020 follow-up portal, read from the environment.

Every variable is documented in `.env.example`. The defaults suit a local checkout
(SQLite, DEBUG on); with DEBUG off the strict production settings apply and the
portal refuses to start without a real SECRET_KEY.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 (refused when DEBUG is off)
SECRET_KEY = env.str("SECRET_KEY", default="") or (_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY måste sättas till en slumpmässig nyckel på minst 50 tecken när DEBUG är av."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "strategy",
    "followup",
    "publications",
    "reporting",
    "ops",
]

MIDDLEWARE = [
    # Outermost, so that every response gets the headers, static files included.
    "vg2020.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the body, so an oversized request is refused unread.
    "vg2020.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything resolves the address: takes the strategy off it (/vg2030/…).
    "strategy.addresses.StrategyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that throttled sign-ins are answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vg2020.urls"

# The entry list's amount index carries year and actor as included columns on PostgreSQL;
# SQLite, the local default, builds it without them, which is all W040 says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

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
                "strategy.context_processors.roles_context",
                "strategy.context_processors.strategies_context",
            ],
        },
    },
]

WSGI_APPLICATION = "vg2020.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when two requests write together.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache of rendered report figures and publication bodies (strategy/page_cache.py) and
# the draft-PDF throttle. Local memory per worker by default; Redis, shared by every worker
# and server, with CACHE_URL=redis://HOST:6379/DB (Django's own RedisCache). Either way a
# write is seen at once everywhere: the cache is keyed by a data version in the database.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A path, not a name: signing in belongs to no strategy, so its address has none.
LOGIN_URL = "/konto/logga-in/"
LOGIN_REDIRECT_URL = "strategy:home"
LOGOUT_REDIRECT_URL = "strategy:home"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
# Off: grouping would print years as "2 016"; money and counts go through followup.formatting.
USE_THOUSAND_SEPARATOR = False

# Absolute, so that a strategy in the address (/vg2030/…) never becomes part of it.
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads (spreadsheet imports) are read in memory up to this size and refused above it.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
# Django limits form fields but not file parts, so the whole request body is capped here
# (vg2020.middleware.RequestSizeLimitMiddleware). The margin lets a file just over
# UPLOAD_MAX_BYTES reach the upload form, which explains the limit beside the field.
REQUEST_MAX_BYTES = UPLOAD_MAX_BYTES + 1024 * 1024
# The longest address (path and query) the portal reads; a longer one gets the Swedish 414
# page. Below gunicorn's --limit-request-line in the Makefile (8190, its maximum), so that
# the portal answers, not gunicorn. The longest real address, a filtered report, is a few
# hundred characters.
REQUEST_LINE_MAX_BYTES = 4096

# Sessions end after eight hours, or when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sign-in throttling (django-axes with ops/sign_in.py), each for an hour: the fifth failure
# for one user name from one address locks that name from that address, and the twentieth
# failure from one address, whatever the names, locks the address (password spraying).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
SIGN_IN_ADDRESS_FAILURE_LIMIT = env.int("SIGN_IN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "ops.sign_in.SignInThrottle"
AXES_CLIENT_IP_CALLABLE = "ops.sign_in.client_address"
AXES_USERNAME_CALLABLE = "ops.sign_in.throttle_username"
# How many proxies in front of the portal append to X-Forwarded-For (0: none, the address
# that connects is the visitor's). Behind one TLS proxy that does, 1; never more than there
# are, or a visitor could choose the address that is counted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # A load balancer may ask for the health check over plain http inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^halsa/$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload directive only takes effect once the domain is submitted to
    # hstspreload.org; the portal is HTTPS-only, so it consents. Set False to opt out
    # (check --deploy then warns, as it should).
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Off only while restoring a backup (README, "Backup and restore"): the history comes
# from the backup, and simple_history would otherwise record m2m rows again on load.
SIMPLE_HISTORY_ENABLED = env.bool("SIMPLE_HISTORY_ENABLED", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Spreadsheet import (followup/spreadsheets): rows per file, and how far a workbook may
# unpack before it is treated as a zip bomb and refused unopened.
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=5000)
IMPORT_MAX_UNCOMPRESSED_BYTES = env.int("IMPORT_MAX_UNCOMPRESSED_BYTES", default=50 * 1024 * 1024)
# Seconds one upload may take to read before it is refused: half of gunicorn's 30 s worker
# timeout, so a slow file is refused with a message instead of killing the worker.
IMPORT_MAX_SECONDS = env.int("IMPORT_MAX_SECONDS", default=15)

# Mail (the reporting round): the backend from EMAIL_URL, console by default so that
# `make run` prints the mails; e.g. smtp+tls://user:password@smtp.example.se:587.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="VG2020 uppföljning <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's own address, for links in mails sent without a request (reminders).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# The reporting round: the share of change against the previous year that the completeness
# check points out, and how many days before the deadline the reminder goes out.
REPORTING_CHANGE_WARNING_SHARE = env.float("REPORTING_CHANGE_WARNING_SHARE", default=0.5)
REMINDER_DAYS_BEFORE = env.int("REMINDER_DAYS_BEFORE", default=7)
