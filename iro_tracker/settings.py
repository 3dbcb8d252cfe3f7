"""Settings for IRO Tracker, read from environment variables (see .env.example).

DEBUG is off unless asked for. SQLite in WAL mode is the default database; set DATABASE_URL for
PostgreSQL. When SECRET_KEY is not set, a random key is generated once per installation and kept
in var/secret_key, so no secret ships with the code.
"""

import os
import secrets
from datetime import date
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
    "iro_tracker.accounts",
    "iro_tracker.audit",
    "iro_tracker.children",
    "iro_tracker.reviews",
    "iro_tracker.outcomes",
    "iro_tracker.ssda903",
    "iro_tracker.reporting",
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
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES")
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES")

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
