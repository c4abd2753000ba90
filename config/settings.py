"""Settings for wijkvoucher: one module, every environment-dependent value from env.

See docs/configuration.md for the table of variables.
"""

from datetime import timedelta

from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

# --- Core -------------------------------------------------------------------------

DEMO_MODE = env.bool("WIJKVOUCHER_DEMO", default=False)
DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEMO_MODE:
    # The demo runs on a bare machine; its key is public and marks itself as such.
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="demo-only-insecure-key-" + "x" * 40)
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")

# The key of the voting codes' and register identities' keyed hashes
# (wijkvoucher.consultations.codes, docs/voting.md). Set it on its own in production: a
# default derived from SECRET_KEY would make every letter's code useless when the
# secret key is rotated during an open consultation.
WIJKVOUCHER_VOTE_CODE_PEPPER = (
    env("WIJKVOUCHER_VOTE_CODE_PEPPER", default="")
    or salted_hmac(
        "wijkvoucher.consultations.codes", "vote-code-pepper", secret=SECRET_KEY
    ).hexdigest()
)

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("WIJKVOUCHER_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "config.admin.WijkvoucherAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    # Our apps, in dependency order (docs/architecture.md).
    "wijkvoucher.core",
    "wijkvoucher.accounts",
    "wijkvoucher.notifications",
    "wijkvoucher.ledger",
    "wijkvoucher.neighbourhoods",
    "wijkvoucher.initiatives",
    "wijkvoucher.consultations",
    "wijkvoucher.regiegroep",
    "wijkvoucher.actie",
    "wijkvoucher.participation",
    "wijkvoucher.decisions",
    "wijkvoucher.providers",
    "wijkvoucher.vouchers",
    "wijkvoucher.payments",
    "wijkvoucher.reports",
    "wijkvoucher.accountability",
    "wijkvoucher.work",
    "wijkvoucher.transparency",
    "wijkvoucher.demo",
]

# The floor of `make bench` (bench/README.md): a minimal write and read in the same
# settings, middleware and gunicorn as the product. Never in production.
BENCH_FLOOR = env.bool("WIJKVOUCHER_BENCH_FLOOR", default=False)
if BENCH_FLOOR:
    INSTALLED_APPS.append("bench.floor")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wijkvoucher.core.middleware.DutchFirstLocaleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wijkvoucher.core.middleware.RequestOriginMiddleware",
    "wijkvoucher.core.middleware.NoStoreMiddleware",
    "wijkvoucher.core.middleware.SecurityEventMiddleware",
    "wijkvoucher.accounts.middleware.SessionTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkvoucher.core.context_processors.site",
                "wijkvoucher.work.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite (WAL, IMMEDIATE transactions) by default so the demo runs on a bare machine;
# PostgreSQL through DATABASE_URL in production and CI.

SQLITE_PATH = str(
    env("WIJKVOUCHER_SQLITE_PATH", default=str(BASE_DIR / "var" / "db.sqlite3"))
)
_SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}
if env.str("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
    DATABASES["default"].setdefault(
        "CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60)
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Server-side parameters and prepared statements: a statement that runs again on
    # the same connection is neither quoted in Python nor parsed and planned again
    # (docs/adr/0012-hot-path-sql.md). 0 turns it off, as a pooler in transaction
    # mode without prepared-statement support needs (docs/deployment.md).
    _prepare_after = env.int("WIJKVOUCHER_DB_PREPARE_THRESHOLD", default=5)
    if DATABASES["default"]["ENGINE"].endswith("postgresql") and _prepare_after > 0:
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": _prepare_after}
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": _SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (rate limits, public pages) -------------------------------------------------------------
# django-ratelimit needs atomic increments: Redis when several app servers share the
# limits, process-local memory for the single-process demo.

if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous public pages are kept this long at most; a change that they show makes
# them stale at once (docs/caching.md). 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("WIJKVOUCHER_PAGE_CACHE_SECONDS", default=300)

RATELIMIT_USE_CACHE = "default"
# The client's address behind the reverse proxies listed here (addresses or networks):
# read from X-Forwarded-For only when REMOTE_ADDR is one of them (wijkvoucher/core/
# addresses.py, docs/deployment.md#the-reverse-proxy). Empty: REMOTE_ADDR, always.
WIJKVOUCHER_TRUSTED_PROXIES = env.list("WIJKVOUCHER_TRUSTED_PROXIES", default=[])
RATELIMIT_IP_META_KEY = "wijkvoucher.core.addresses.client_ip"
RATELIMIT_VIEW = "wijkvoucher.core.views.ratelimited"
SILENCED_SYSTEM_CHECKS = (
    ["django_ratelimit.W001", "django_ratelimit.E003"]
    if not env.str("REDIS_URL", default="")
    else []
)

# --- Provider API (Django REST framework, drf-spectacular; docs/api.md) -------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "wijkvoucher.vouchers.api.authentication.ProviderTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["wijkvoucher.vouchers.api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "wijkvoucher.vouchers.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
# Requests per API key (django-ratelimit, per group of endpoints). Generous by default
# so a busy till system or a load test is not cut off; lower it in production if needed.
WIJKVOUCHER_API_RATE = env("WIJKVOUCHER_API_RATE", default="6000/m")
# The open data API (no key): requests per client address and minute.
WIJKVOUCHER_OPEN_API_RATE = env("WIJKVOUCHER_OPEN_API_RATE", default="600/m")

# Audit events are sealed into the hash chain after commit (docs/adr/0010): at most once
# per this many seconds per process, and `audit_verify` reports an event that waited
# longer than the lag as a problem (sealing has stopped).
AUDIT_SEAL_INTERVAL = env.float("WIJKVOUCHER_AUDIT_SEAL_INTERVAL", default=1.0)
AUDIT_SEAL_MAX_LAG = env.int("WIJKVOUCHER_AUDIT_SEAL_MAX_LAG", default=600)

SPECTACULAR_SETTINGS = {
    "TITLE": "wijkvoucher provider API",
    "DESCRIPTION": (
        "Check, spend and refund neighbourhood vouchers from a provider's till "
        "system. Authentication: `Authorization: Token <key>`. Payments and refunds "
        "need an `Idempotency-Key` header. Errors are JSON `{code, detail}`; see "
        "docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
}

# --- Background tasks (Django Tasks API through django-tasks + django-tasks-db) -----

TASKS = {
    "default": {
        "BACKEND": env(
            "WIJKVOUCHER_TASKS_BACKEND",
            default="django_tasks_db.DatabaseBackend",
        ),
    }
}

# --- Authentication -------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "sesame.backends.ModelBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "neighbourhoods:profile"
# After the second step (officials, regiegroep, cash managers, providers): their work.
LOGIN_REDIRECT_URL_SECOND_FACTOR = "work:home"
LOGOUT_REDIRECT_URL = "transparency:home"

# Sign-in links: at most 10 minutes, single use (ASVS 6.5.1, 6.5.5).
SESAME_MAX_AGE = 10 * 60
SESAME_ONE_TIME = True
SESAME_TOKEN_NAME = "token"  # noqa: S105 - the name of a parameter, not a secret
# 16-byte signatures: at least 128 bits of secret per link (ASVS 6.5.4 asks 20, we take more).
SESAME_SIGNATURE_SIZE = 16

LOGIN_RATE_PER_EMAIL = env("WIJKVOUCHER_LOGIN_RATE_PER_EMAIL", default="5/15m")
LOGIN_RATE_PER_IP = env("WIJKVOUCHER_LOGIN_RATE_PER_IP", default="30/15m")
OTP_RATE_PER_USER = env("WIJKVOUCHER_OTP_RATE_PER_USER", default="10/15m")
# Wrong voting codes (docs/voting.md rule 3): per browser session, and per client
# address outside the registered voting locations (a buurthuis shares one address).
VOTE_CODE_RATE_PER_SESSION = env(
    "WIJKVOUCHER_VOTE_CODE_RATE_PER_SESSION", default="10/15m"
)
VOTE_CODE_RATE_PER_IP = env("WIJKVOUCHER_VOTE_CODE_RATE_PER_IP", default="100/15m")
# Wrong voting codes per hour, all addresses together, above which the coordinators
# are notified (docs/voting.md rule 3).
VOTE_CODE_ALARM_PER_HOUR = env.int("WIJKVOUCHER_VOTE_CODE_ALARM_PER_HOUR", default=1000)

OTP_TOTP_ISSUER = env("WIJKVOUCHER_OTP_ISSUER", default="wijkvoucher")

# Sessions (ASVS 7.3): idle 2 h for residents, 30 min for officials; absolute 12 h.
SESSION_COOKIE_AGE = 12 * 60 * 60
SESSION_IDLE_TIMEOUT_RESIDENT = timedelta(hours=2)
SESSION_IDLE_TIMEOUT_STAFF = timedelta(minutes=30)
SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=12)
SESSION_ENGINE = "django.contrib.sessions.backends.db"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

# --- Security ------------------------------------------------------------------------

# Off by default: with it, Django believes any client's X-Forwarded-Proto. Behind a
# TLS-terminating proxy, gunicorn's --forwarded-allow-ips already sets the scheme from
# the proxy's header only (docs/deployment.md#the-reverse-proxy); turn this on only
# when no client can reach the app server except through the proxy.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("WIJKVOUCHER_PROXY_SSL_HEADER", default=False)
    else None
)
HTTPS = env.bool("WIJKVOUCHER_HTTPS", default=not DEMO_MODE and not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# The proxy's and the monitoring's health check may ask over plain HTTP on the inside;
# its answer holds no data (docs/deployment.md#monitoring).
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "wijkvoucher.core.views.csrf_failure"
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The provider API's largest body (a payment or refund is a few hundred bytes) and
# deepest JSON: more answers 413 or 400 (docs/api.md).
API_MAX_BODY_BYTES = env.int("WIJKVOUCHER_API_MAX_BODY_BYTES", default=64 * 1024)
API_MAX_JSON_DEPTH = 20

# /.well-known/security.txt (RFC 9116): where to report a vulnerability, a mailto: or
# https: address. Empty: the file answers 404 and `check --deploy` warns.
SECURITY_CONTACT = env("WIJKVOUCHER_SECURITY_CONTACT", default="")
SECURITY_POLICY_URL = env("WIJKVOUCHER_SECURITY_POLICY_URL", default="")
# The demo mailbox shows every sign-in link and second-factor code: it answers only
# to clients in these networks (docs/configuration.md).
DEMO_MAILBOX_NETWORKS = env.list(
    "WIJKVOUCHER_DEMO_MAILBOX_NETWORKS", default=["127.0.0.0/8", "::1/128"]
)

# Security events (refusals: failed keys, denials, CSRF, rate limits, money refusals)
# are counted per 10 minutes, client address, person or key and reason
# (docs/adr/0014-security-events.md). More than this many refusals of one key or
# address in one 10-minute window notify the coordinators, once per window.
SECURITY_BURST_THRESHOLD = env.int("WIJKVOUCHER_SECURITY_BURST_THRESHOLD", default=100)
# At most this many counter rows per 10-minute window; beyond it, refusals are
# counted on one row per reason ("*"), so a flood from many addresses stays small.
SECURITY_ROWS_PER_WINDOW = env.int("WIJKVOUCHER_SECURITY_ROWS_PER_WINDOW", default=500)

# Retention (`manage.py privacy_purge`, hourly; docs/configuration.md#retention).
IDEMPOTENCY_KEEP_HOURS = env.int("WIJKVOUCHER_IDEMPOTENCY_KEEP_HOURS", default=24)
UNUSED_ACCOUNT_KEEP_DAYS = env.int("WIJKVOUCHER_UNUSED_ACCOUNT_KEEP_DAYS", default=30)
UNCONFIRMED_DEVICE_KEEP_HOURS = env.int(
    "WIJKVOUCHER_UNCONFIRMED_DEVICE_KEEP_HOURS", default=24
)
SECURITY_EVENTS_KEEP_DAYS = env.int(
    "WIJKVOUCHER_SECURITY_EVENTS_KEEP_DAYS", default=180
)

# --- E-mail ---------------------------------------------------------------------------
# In the demo every message is stored in the database and shown on the demo mailbox page.

if DEMO_MODE:
    EMAIL_BACKEND = "wijkvoucher.demo.mail.DemoMailboxBackend"
else:
    EMAIL_BACKEND = env(
        "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
    )
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="wijkvoucher <noreply@example.nl>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Locale (Open Forms block) -------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in the interface language's own way ("6 oktober 2026", "6 Oct 2026").
FORMAT_MODULE_PATH = ["wijkvoucher.core.formats"]
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media ----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = str(
    env("WIJKVOUCHER_STATIC_ROOT", default=str(BASE_DIR / "var" / "static"))
)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = str(env("WIJKVOUCHER_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not DEMO_MODE
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEMO_MODE or DEBUG

# --- Logging: structured enough for BIO2 8.15.01, never secrets -----------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-sesame logs the user's e-mail address at DEBUG; never let that through.
        "sesame": {"level": "WARNING"},
        # fpdf2 subsets the fonts of every PDF with fontTools, which logs each step.
        "fontTools": {"level": "WARNING"},
        # pypdf warns about every repair it makes while an upload is checked
        # (core/uploads.py); the check's answer is yes or no.
        "pypdf": {"level": "ERROR"},
        # One INFO line per task state change drowns the log (and the demo load);
        # failures still come through.
        "django_tasks": {"level": env("TASKS_LOG_LEVEL", default="WARNING")},
    },
}
