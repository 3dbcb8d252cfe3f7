"""Settings for IRO Tracker, read from environment variables (see .env.example).

DEBUG is off unless asked for. SQLite in WAL mode is the default database; set DATABASE_URL for
PostgreSQL. When SECRET_KEY is not set, a random key is generated once per installation and kept
in var/secret_key, so no secret ships with the code.
"""

import os
import secrets
from datetime import date, timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("IRO_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


DEBUG = env_bool("DEBUG")
# Production hardening (HTTPS only, HSTS, secure cookies). Off for `make run`, the tests and the
# load benchmark on loopback HTTP; set IRO_PRODUCTION=1 wherever the service is deployed.
IRO_PRODUCTION = env_bool("IRO_PRODUCTION")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "iro_tracker.accounts",
    "iro_tracker.audit",
    "iro_tracker.children",
    "iro_tracker.reviews",
    "iro_tracker.outcomes",
    "iro_tracker.ssda903",
    "iro_tracker.reporting",
    "iro_tracker.health",
    "iro_tracker.education",
    "iro_tracker.court",
    "iro_tracker.stability",
    "iro_tracker.disputes",
    "iro_tracker.workqueue",
    "iro_tracker.conferences",
    "iro_tracker.caseloads",
    "iro_tracker.dashboard",
    "iro_tracker.demo",
    "iro_tracker.govuk",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "iro_tracker.accounts.middleware.TwoFactorMiddleware",
    "iro_tracker.accounts.middleware.IdleTimeoutMiddleware",
    "iro_tracker.accounts.middleware.BreakGlassMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iro_tracker.urls"
WSGI_APPLICATION = "iro_tracker.wsgi.application"

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
                "iro_tracker.accounts.context_processors.navigation",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("IRO_SQLITE_PATH", str(VAR_DIR / "iro.sqlite3")),
            "OPTIONS": {
                # WAL lets readers carry on while one writer commits; IMMEDIATE takes the write
                # lock at the start of a transaction so two writers queue instead of deadlocking.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # Opening a connection (and running the PRAGMAs) costs more than a small page's
            # queries, so each worker keeps its connection.
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# django-axes checks every sign-in first: 5 failures for one username from one IP address lock
# that pair out for an hour (a whole office behind one address is not locked out by one person).
AUTHENTICATION_BACKENDS = [
    "iro_tracker.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("IRO_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(hours=float(os.environ.get("IRO_LOCKOUT_HOURS", "1")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("IRO_PROXY_COUNT", "0")) or None
AXES_VERBOSE = False

# Two-factor authentication (TOTP app + backup codes), required for every account in
# production; a new user is walked through setting it up at their first sign-in.
IRO_REQUIRE_2FA = env_bool("IRO_REQUIRE_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = os.environ.get("IRO_AUTHORITY_NAME", "Demo County Council") + " IRO Tracker"

# NCSC password guidance: length over complexity, no composition rules or forced expiry, and
# a check against the most common passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"

# The GOV.UK Frontend stylesheet looks for its fonts and images under /assets/, so static files
# are served there, straight from the pinned npm package.
STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
GOVUK_DIST = PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [BASE_DIR / "static"]
if GOVUK_DIST.exists():
    STATICFILES_DIRS += [GOVUK_DIST / "assets", ("govuk", GOVUK_DIST)]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Idle timeout: a session unused for this long ends (renewed at most once a minute while in
# use: accounts.middleware.IdleTimeoutMiddleware). Closing the browser ends it too.
IRO_SESSION_IDLE_MINUTES = int(os.environ.get("IRO_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = IRO_SESSION_IDLE_MINUTES * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=IRO_PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=IRO_PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=IRO_PRODUCTION)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS") or (31536000 if IRO_PRODUCTION else 0)
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=IRO_PRODUCTION)
# The preload directive only allows a later, deliberate submission to the browsers' list.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=IRO_PRODUCTION)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("IRO_BEHIND_TLS_PROXY"):
    # Only behind a proxy that sets this header itself (never passes a client's through).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if IRO_PRODUCTION and not os.environ.get("SECRET_KEY"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set SECRET_KEY in production (IRO_PRODUCTION=1).")

# Content Security Policy (django-csp): scripts and styles only from our own files, never
# inline; images from our files and data: URIs (the report's charts); no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Authority settings (where local practice differs, it is a setting, never a code edit) ---
IRO_AUTHORITY_NAME = os.environ.get("IRO_AUTHORITY_NAME", "Demo County Council")
IRO_POPULATION_0_17 = int(os.environ.get("IRO_POPULATION_0_17") or 0) or None
_history_from = os.environ.get("IRO_HISTORY_COMPLETE_FROM", "")
IRO_HISTORY_COMPLETE_FROM = date.fromisoformat(_history_from) if _history_from else None
# Days before the due date at which a review turns amber on caseload pages.
IRO_AMBER_DAYS = int(os.environ.get("IRO_AMBER_DAYS", "28"))
# Review outcomes and letters to the child (see outcomes/conf.py).
IRO_DECISION_OVERDUE_WORKING_DAYS = int(os.environ.get("IRO_DECISION_OVERDUE_WORKING_DAYS", "10"))
IRO_LETTER_WORKING_DAYS = int(os.environ.get("IRO_LETTER_WORKING_DAYS", "5"))
IRO_UNIT_PHONE = os.environ.get("IRO_UNIT_PHONE", "")
IRO_ADVOCACY_CONTACT = os.environ.get("IRO_ADVOCACY_CONTACT", "")

# --- Information governance (issue 8) --------------------------------------------------------
# Break glass: how long a chair may read a child outside their caseload after giving a reason.
IRO_BREAK_GLASS_HOURS = float(os.environ.get("IRO_BREAK_GLASS_HOURS", "4"))
# Retention of looked-after children's records: the Arrangements for Placement of Children
# (General) Regulations 1991 reg 9 and the Care Planning, Placement and Case Review (England)
# Regulations 2010 reg 50 keep a looked-after child's case record until their 75th birthday,
# or 15 years after death if they die before 18. Authorities count from the 18th birthday:
# 18 + IRO_RETENTION_YEARS. `iro retention report` lists records past it; nothing is deleted.
IRO_RETENTION_YEARS = int(os.environ.get("IRO_RETENTION_YEARS", "57"))
