"""Wijkwaarde settings, read from the environment.

With nothing set, the embedded defaults serve `make run`: DEBUG on, SQLite, local-memory cache,
Celery tasks run eagerly, e-mail to the console. Production sets DEBUG=False and everything else
through the environment (see docker-compose.yml).
"""

from __future__ import annotations

import importlib.util
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """Return the variable as a bool; anything but a clear yes or no is a configuration error."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Return a DATABASES entry for a sqlite:/// or postgres:// URL."""
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else parts.path
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": path or BASE_DIR / "db.sqlite3"}
    if parts.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # Persistent connections: a new connection per request costs more than the page.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"DATABASE_URL must be sqlite:/// or postgres://, not {url!r}")


DEBUG = env_bool("DEBUG", True)
# Behind our own load balancer: trust the X-Forwarded-Proto it sets and the addresses our
# proxies append to X-Forwarded-For (wup/client.py).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# How many of our proxies each append to X-Forwarded-For (load balancer, then perhaps a
# reverse proxy): the client's address is that many entries from the right.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if BEHIND_PROXY and TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 1 or more when BEHIND_PROXY is on.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-make-run-" + "x" * 20  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public base URL for links in mails, calendar feeds, QR codes and the API (wup/links.py).
# Required in production (`manage.py check --deploy`, wup/checks.py); in development, empty,
# links follow the request.
SITE_URL = env_str("SITE_URL").rstrip("/")

INSTALLED_APPS = [
    "wup",
    "reports",
    "dialogue",
    "roadmap",
    "dashboard",
    "designation",
    "participation",
    "residents",
    "imports",
    # The demo municipality and benchmark data (seed_demo, seed_scale): not in the production
    # image, so only when the package is there.
    *(["demo"] if importlib.util.find_spec("demo") else []),
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "crispy_forms",
    # Not "rest_framework": the open-data API needs none of its templates or models, and its
    # Dutch catalogue would replace Django's wording of every form error ("vereist").
    "drf_spectacular",
    # Failed logins per account and per address (wup/accounts.py).
    "axes",
    # The second login step for staff (wup/mfa.py): authenticator app and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "wup.apps.SupportAdminConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "wup.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "wup.language.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions: idle and absolute timeouts (residents' phones are not signed in).
    "wup.sessions.StaffSessionMiddleware",
    "wup.mfa.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Refusals in the back office and downloads by signed-in people go into the audit trail.
    "wup.audit.AuditMiddleware",
    # Last: turns a refused login into the lockout page (wup.accounts.locked_out).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wup.urls"
WSGI_APPLICATION = "wup.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wup.sessions.timeouts",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(env_str("DATABASE_URL", "sqlite:///db.sqlite3"))}
# The role migrations run as (PostgreSQL): it owns the tables and grants the app's role, which
# DATABASE_URL names, only SELECT and INSERT on the audit trail (wup/db_roles.py). Empty: the
# app's role migrates itself and owns everything (development, tests).
DATABASE_OWNER_URL = env_str("DATABASE_OWNER_URL", "")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "wijkwaarde"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: the broker is Redis when REDIS_URL is set; otherwise tasks run in the request (make run).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600)}
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 512_000)  # KB
# Open data API (dashboard/api.py sets the security-relevant classes on its views as well).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # No browsable API: its pages do not pass our content security policy.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["wup.client.AddressRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_str("API_RATE", "120/minute")},
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 500,
    # The throttle keys on wup.client.client_address; DRF's own reading of X-Forwarded-For
    # agrees with it.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT if BEHIND_PROXY else 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkwaarde open data",
    "DESCRIPTION": (
        "Openbare gegevens over de warmtetransitie per wijk. Alleen lezen, geen persoonsgegevens."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
}

CELERY_BEAT_SCHEDULE = {
    # A report whose worker died mid-render is picked up again (the database row is the truth).
    "sweep-stuck-reports": {"task": "reports.tasks.sweep_stuck_reports", "schedule": 120.0},
    # Residents' details on answered questions are kept QUESTION_RETENTION_DAYS, then removed.
    # Followers: a weekly digest when their neighbourhood had news; unconfirmed sign-ups go
    # after 7 days.
    "send-follow-digests": {
        "task": "residents.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    "purge-unconfirmed-followers": {
        "task": "residents.tasks.purge_unconfirmed",
        "schedule": crontab(hour=3, minute=20),
    },
    "purge-question-details": {
        "task": "residents.tasks.purge_question_details",
        "schedule": crontab(hour=3, minute=40),
    },
    # The indicators Wijkwaarde measures itself (pulse, triangle balance, participation).
    "refresh-app-measurements": {
        "task": "dashboard.tasks.refresh_app_measurements",
        "schedule": crontab(hour=2, minute=10),
    },
    "forget-pulse-addresses": {
        "task": "dashboard.tasks.forget_pulse_addresses",
        "schedule": crontab(day_of_month=1, hour=0, minute=30),
    },
    # Uploads a lead neither confirmed nor cancelled: their files (addresses, for EP-online)
    # are deleted after a day (imports app).
    "sweep-abandoned-uploads": {
        "task": "imports.tasks.sweep_abandoned_uploads",
        "schedule": crontab(minute=50),
    },
}
QUESTION_RETENTION_DAYS = env_int("QUESTION_RETENTION_DAYS", 365)
# New participants per client address per live session per hour (dialogue/views/participation.py):
# a venue behind one address must all get in.
LIVE_JOINS_PER_ADDRESS = env_int("LIVE_JOINS_PER_ADDRESS", 500)
# Pulse answers per client address per neighbourhood per month (dashboard/pulse.py); answers
# from a live session's phones count per phone, not per address.
PULSE_ANSWERS_PER_ADDRESS = env_int("PULSE_ANSWERS_PER_ADDRESS", 3)
# The shortest reasonable term between the raadsbesluit that designates a neighbourhood and the
# end of its gas supply (Wgiw; NPLW: about eight years). designation.track warns below it.
DESIGNATION_MIN_GAS_END_YEARS = env_int("DESIGNATION_MIN_GAS_END_YEARS", 8)

# PDF reports: a job older than this (minutes) is re-queued; one that keeps killing its worker
# is given up after so many claims. Keep REPORT_STUCK_AFTER above CELERY_TASK_TIME_LIMIT.
REPORT_STUCK_AFTER = env_int("REPORT_STUCK_AFTER", 10)
REPORT_MAX_ATTEMPTS = env_int("REPORT_MAX_ATTEMPTS", 6)
REPORT_QUEUE = env_str("REPORT_QUEUE")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts hold personal data of residents: 15 characters, no composition rules, not
    # in the offline lists of breached passwords, no repeated character or word (wup/passwords.py).
    {"NAME": "wup.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 15}},
    {"NAME": "wup.passwords.CommonPasswordValidator"},
    {"NAME": "wup.passwords.RepetitionValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Logins (django-axes, wup/accounts.py): per account AXES_FAILURE_LIMIT failures within
# AXES_COOLOFF_TIME, per client address LOGIN_FAILURES_PER_ADDRESS (a town hall shares one);
# then every attempt is refused until the cool-off has passed without one, and the account's
# owner gets a mail.
AUTHENTICATION_BACKENDS = [
    "wup.accounts.LoginBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "wup.accounts.LoginAttempts"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 10)
LOGIN_FAILURES_PER_ADDRESS = max(env_int("LOGIN_FAILURES_PER_ADDRESS", 50), AXES_FAILURE_LIMIT)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "wup.accounts.login_username"
AXES_CLIENT_IP_CALLABLE = "wup.accounts.axes_client_address"
AXES_LOCKOUT_CALLABLE = "wup.views.accounts.locked_out"
AXES_RESET_ON_SUCCESS = False  # it would also clear the address's count of other accounts
AXES_DISABLE_ACCESS_LOG = True  # the audit trail records logins (wup.audit.record_login)
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password"]
AXES_VERBOSE = False
# The second login step (wup/mfa.py): required for administrators and project leads.
MFA_REQUIRED = env_bool("MFA_REQUIRED", True)
OTP_TOTP_ISSUER = "Wijkwaarde"
# Passkeys (django-otp-webauthn) as the second step, never instead of the password. A passkey
# belongs to one domain (the relying party ID): the host of SITE_URL, or WEBAUTHN_RP_ID; the
# browser's origin must be one of WEBAUTHN_ORIGINS (default SITE_URL). Browsers allow passkeys
# on https:// and on http://localhost, not on an IP address such as 127.0.0.1.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_RP_NAME = "Wijkwaarde"
OTP_WEBAUTHN_RP_ID = env_str("WEBAUTHN_RP_ID", urlsplit(SITE_URL).hostname or "localhost")
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("WEBAUTHN_ORIGINS", SITE_URL or "http://localhost:8000")
# The platform's support staff use Django's admin at this path (wup/admin.py): not guessable.
SUPPORT_ADMIN_PATH = env_str("SUPPORT_ADMIN_PATH", "ondersteuning-beheer").strip("/")
# How long the first administrator's invitation link of a new municipality stays valid.
INVITE_TIMEOUT_DAYS = env_int("INVITE_TIMEOUT_DAYS", 7)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "wup:backoffice"
LOGOUT_REDIRECT_URL = "residents:home"
PASSWORD_RESET_TIMEOUT = 6 * 3600

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from npm (package.json) and are served as our own static files.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht/component-library-css/dist"),
    ("vendor/voorbeeld", NODE_MODULES / "@nl-design-system-unstable/voorbeeld-design-tokens/dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org/dist"),
]
# plotly.js is the copy the Python plotly package bundles: the version whose plot schema its
# figure classes check our chart figures against (tests). One file, not the package's data folder.
PLOTLY_JS = Path(importlib.util.find_spec("plotly").origin).parent / "package_data/plotly.min.js"
STATICFILES_FILES = [("vendor/plotly", PLOTLY_JS)]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "wup.static_finders.FileFinder",
]
# In development WhiteNoise serves from the finders; production serves collectstatic's output.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

_email_backend = env_str("EMAIL_BACKEND", "console" if DEBUG else "smtp")
MAILERS = {
    "default": {
        "BACKEND": {
            "console": "django.core.mail.backends.console.EmailBackend",
            "smtp": "django.core.mail.backends.smtp.EmailBackend",
            "locmem": "django.core.mail.backends.locmem.EmailBackend",
        }.get(_email_backend, _email_backend),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        }
        if _email_backend == "smtp"
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Wijkwaarde <noreply@wijkwaarde.localhost>")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nlds"]
CRISPY_TEMPLATE_PACK = "nlds"

# Content-Security-Policy from Django's own middleware: our scripts carry the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# Browser features for every response (wup/headers.py): none but what the site uses.
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in [
            "accelerometer",
            "autoplay",
            "bluetooth",
            "camera",
            "display-capture",
            "encrypted-media",
            "fullscreen",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "picture-in-picture",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ]
    },
    # Staff passkeys (WebAuthn).
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_AGE = 12 * 3600
# Staff sessions (wup/sessions.py): the cookie ends with the browser, the session after
# STAFF_IDLE_TIMEOUT seconds without activity (a warning STAFF_IDLE_WARNING seconds before) and
# STAFF_SESSION_MAX_AGE after login. Residents' phone cookies have their own lifetimes.
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
STAFF_IDLE_TIMEOUT = env_int("STAFF_IDLE_TIMEOUT", 30 * 60)
STAFF_IDLE_WARNING = env_int("STAFF_IDLE_WARNING", 5 * 60)
STAFF_SESSION_MAX_AGE = env_int("STAFF_SESSION_MAX_AGE", 12 * 3600)
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Files a lead reads in (imports app): a national KWB or boundary file fits easily.
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 500)
LOGO_MAX_BYTES = 512 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Request logs would carry query strings; we log no URLs with personal data, and keep
    # Django's 4xx warnings out of the way in tests and at the console.
    "loggers": {
        "django.request": {"level": "ERROR"},
        # WeasyPrint reports every step of every render at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes logs every attempt; refusals are in the audit trail (wup.accounts).
        "axes": {"level": "ERROR"},
    },
}
