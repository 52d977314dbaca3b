"""Jalinan settings, read from environment variables.

Defaults give the embedded mode (SQLite file, eager background work, local files, console
e-mail). ``JALINAN_MODE=production`` refuses to start with unsafe values. A bad value fails at
start with a message that names the variable.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

env = environ.Env()
DEFAULT_SECRET_KEY = "jalinan-insecure-development-key-do-not-use-in-production"  # noqa: S105


def _env(name, cast, default):
    try:
        return cast(name, default=default)
    except (ValueError, ImproperlyConfigured) as exc:
        raise ImproperlyConfigured(f"Environment variable {name} has a bad value: {exc}") from exc


def _strict_bool(name, default=None):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be true or false, not {raw!r}.")


def _int_list(name, default):
    """Comma-separated whole numbers (e.g. ``180,90,30``)."""
    try:
        return [int(v) for v in env.list(name, default=[str(d) for d in default])]
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"Environment variable {name} must list whole numbers: {exc}"
        ) from exc


def _int_dict(name):
    """``key=number`` pairs, comma-separated (e.g. ``legal_review=21,awaiting_mcom=45``)."""
    try:
        return {k: int(v) for k, v in env.dict(name, default={}).items()}
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"Environment variable {name} must be key=number pairs: {exc}"
        ) from exc


def _str_dict(name, keys):
    """``key=text`` pairs, comma-separated, each key one of ``keys`` (e.g. the people sync's
    column mapping ``staff_number=No. Staf,email=Emel``)."""
    value = _env(name, env.dict, {})
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise ImproperlyConfigured(
            f"Environment variable {name} names unknown fields ({', '.join(unknown)}); "
            f"use {', '.join(keys)}."
        )
    return {k: str(v).strip() for k, v in value.items()}


def _choice(name, default, choices):
    value = _env(name, env.str, default)
    if value not in choices:
        raise ImproperlyConfigured(
            f"Environment variable {name} must be one of {', '.join(choices)}, not {value!r}."
        )
    return value


MODE = _env("JALINAN_MODE", env.str, "development")
if MODE not in {"development", "test", "production"}:
    raise ImproperlyConfigured(
        "Environment variable JALINAN_MODE must be development, test or production."
    )
PRODUCTION = MODE == "production"

SECRET_KEY = _env("SECRET_KEY", env.str, DEFAULT_SECRET_KEY)
# Earlier keys, still accepted for signatures and stored secrets after a rotation (comma-separated).
SECRET_KEY_FALLBACKS = _env("SECRET_KEY_FALLBACKS", env.list, [])
DEBUG = _strict_bool("DEBUG", not PRODUCTION)
ALLOWED_HOSTS = _env(
    "ALLOWED_HOSTS", env.list, [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = _env("CSRF_TRUSTED_ORIGINS", env.list, [])

if PRODUCTION:
    problems = []
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append("SECRET_KEY must be set to a random value of at least 50 characters")
    if DEBUG:
        problems.append("DEBUG must be off")
    if not ALLOWED_HOSTS:
        problems.append("ALLOWED_HOSTS must list the host names this site answers to")
    if problems:
        raise ImproperlyConfigured(
            "JALINAN_MODE=production refuses to start: " + "; ".join(problems) + "."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Before allauth: its templates (the sign-in buttons) override allauth's.
    "jalinan.sso",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_htmx",
    "django_filters",
    "django_countries",
    "ninja",
    "jalinan.core",
    "jalinan.accounts",
    "jalinan.partners",
    "jalinan.sdgs",
    "jalinan.matching",
    "jalinan.experts",
    "jalinan.agreements",
    "jalinan.engagements",
    "jalinan.pipeline",
    "jalinan.projects",
    "jalinan.challenges",
    "jalinan.technologies",
    "jalinan.placements",
    "jalinan.reports",
    "jalinan.portal",
    "jalinan.api",
]
# The domain apps. (Demo data are seeded in the order of the steps the apps register with
# core.registry.register_demo_step, no longer by this list.)
JALINAN_DOMAIN_APPS = [
    "sdgs",
    "matching",
    "experts",
    "agreements",
    "engagements",
    "projects",
    "pipeline",
    "challenges",
    "technologies",
    "placements",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # A database that is down answers 503 (see the reliability blocks below).
    "jalinan.core.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jalinan.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "jalinan.sso.middleware.IdentityProviderFormActionMiddleware",
    "jalinan.accounts.middleware.MFARequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jalinan.urls"
WSGI_APPLICATION = "jalinan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jalinan.core.context_processors.jalinan",
                "jalinan.accounts.context_processors.mfa",
            ],
        },
    },
]
# Dashboard figures and charts are kept this many seconds per reader (0: counted on every
# request); the dashboard states when they were counted.
JALINAN_DASHBOARD_CACHE_SECONDS = _env("JALINAN_DASHBOARD_CACHE_SECONDS", env.int, 120)
if JALINAN_DASHBOARD_CACHE_SECONDS < 0:
    raise ImproperlyConfigured("JALINAN_DASHBOARD_CACHE_SECONDS must be 0 or more.")
# Django's form renderer, with <select> elements written in Python (jalinan/core/renderers.py).
FORM_RENDERER = "jalinan.core.renderers.FormRenderer"

# Database: a SQLite file by default; DATABASE_URL switches to PostgreSQL.
DATA_DIR = Path(_env("JALINAN_DATA_DIR", env.str, str(BASE_DIR / "var")))
DATABASES = {
    "default": _env("DATABASE_URL", env.db_url, f"sqlite:///{DATA_DIR / 'jalinan.sqlite3'}")
}
if DATABASES["default"].get("ENGINE") not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured(
        "Environment variable DATABASE_URL must be a sqlite:/// or postgres:// URL."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL and a busy timeout let the dev server and a background task share the file.
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"}
    )
# -- Reliability: database connections ---------------------------------------------------------
# Keep a PostgreSQL connection for this many seconds (0 = one per request) and test it before a
# request reuses it, so that after a database restart the next request reconnects instead of
# failing on a dead socket (jalinan.core.middleware answers 503 while the database is down).
JALINAN_DB_CONN_MAX_AGE = _env("JALINAN_DB_CONN_MAX_AGE", env.int, 60)
if JALINAN_DB_CONN_MAX_AGE < 0:
    raise ImproperlyConfigured("Environment variable JALINAN_DB_CONN_MAX_AGE must be 0 or more.")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = JALINAN_DB_CONN_MAX_AGE
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True

CACHES = {
    "default": _env("CACHE_URL", env.cache_url, "locmemcache://jalinan"),
}


def _networks(name):
    """A comma-separated list of IP addresses or CIDR networks."""
    try:
        return [ipaddress.ip_network(v.strip(), strict=False) for v in env.list(name, default=[])]
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"Environment variable {name} must list IP addresses or networks: {exc}"
        ) from exc


# The reverse proxies whose X-Forwarded-For is believed (rate limits, login throttle). Empty:
# the connecting address counts, whatever the header says.
JALINAN_TRUSTED_PROXIES = _networks("JALINAN_TRUSTED_PROXIES")
# The public enquiry forms (pipeline, technology catalogue) and their API: a form sent back
# sooner than this after it was shown is spam; then limits per client address.
JALINAN_ENQUIRY_MIN_SECONDS = _env("JALINAN_ENQUIRY_MIN_SECONDS", env.float, 3.0)
JALINAN_ENQUIRY_PER_HOUR = _env("JALINAN_ENQUIRY_PER_HOUR", env.int, 5)
JALINAN_SUGGEST_PER_10MIN = _env("JALINAN_SUGGEST_PER_10MIN", env.int, 60)
JALINAN_TECH_ENQUIRY_PER_HOUR = _env("JALINAN_TECH_ENQUIRY_PER_HOUR", env.int, 5)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:my_work"
LOGOUT_REDIRECT_URL = "portal:home"

# django-allauth: e-mail is the login; sign-up is only for partner users (others are invited).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Mandatory for people who sign themselves up (partners): the address is confirmed before an
# officer can approve them, and signing up with a taken address shows the same "check your
# e-mail" page (its owner gets a notice) instead of saying it is taken. Invited and imported
# staff are not asked (AccountAdapter.get_login_stages).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "jalinan.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "jalinan.accounts.forms.PartnerSignupForm"
ACCOUNT_SESSION_REMEMBER = None
# Login throttling: allauth refuses further attempts for an address after repeated failures.
ACCOUNT_RATE_LIMITS = {
    "login_failed": _env("JALINAN_LOGIN_FAILED_LIMIT", env.str, "20/m/ip,5/5m/key"),
}
# Two-factor sign-in (TOTP, with recovery codes). JALINAN_REQUIRE_MFA sends OIL admins and
# officers, legal, the IP committee, management, superusers and admin-site users without an
# authenticator to set one up before anything else; on by default in production only, so that
# demo and test sign-ins stay one step (a banner tells those users it is not enforced).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Jalinan"
MFA_ADAPTER = "jalinan.accounts.adapter.MFAAdapter"
JALINAN_REQUIRE_MFA = _strict_bool("JALINAN_REQUIRE_MFA", PRODUCTION)

# -- Single sign-on (jalinan.sso) ---------------------------------------------------------------
# OpenID Connect and SAML 2.0 through allauth's providers. Each protocol is configured here from
# the environment or on the OIL admin page "Single sign-on"; for a protocol whose variables are
# set here (the OIDC client id, the SAML metadata URL or file), the environment wins and the page
# shows it read-only. Claim/attribute names: ``field=name`` pairs for email, name, affiliation,
# department, staff_id (unset fields keep the defaults in jalinan/sso/config.py).
ACCOUNT_FORMS = {"login": "jalinan.sso.forms.LoginForm"}
SOCIALACCOUNT_ADAPTER = "jalinan.sso.adapter.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"provider_class": "jalinan.sso.oidc.provider.UniversityOIDCProvider"},
    "saml": {"provider_class": "jalinan.sso.saml.provider.UniversitySAMLProvider"},
}
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # jalinan.sso.adapter links accounts by e-mail itself
JALINAN_SSO_OIDC_SERVER_URL = _env("JALINAN_SSO_OIDC_SERVER_URL", env.str, "")
JALINAN_SSO_OIDC_CLIENT_ID = _env("JALINAN_SSO_OIDC_CLIENT_ID", env.str, "")
JALINAN_SSO_OIDC_CLIENT_SECRET = _env("JALINAN_SSO_OIDC_CLIENT_SECRET", env.str, "")
JALINAN_SSO_OIDC_CLAIMS = _env("JALINAN_SSO_OIDC_CLAIMS", env.dict, {})
JALINAN_SSO_SAML_METADATA_URL = _env("JALINAN_SSO_SAML_METADATA_URL", env.str, "")
JALINAN_SSO_SAML_METADATA_FILE = _env("JALINAN_SSO_SAML_METADATA_FILE", env.str, "")
JALINAN_SSO_SAML_IDP_ENTITY_ID = _env("JALINAN_SSO_SAML_IDP_ENTITY_ID", env.str, "")
JALINAN_SSO_SAML_SP_ENTITY_ID = _env("JALINAN_SSO_SAML_SP_ENTITY_ID", env.str, "")
JALINAN_SSO_SAML_ATTRIBUTES = _env("JALINAN_SSO_SAML_ATTRIBUTES", env.dict, {})
# The identity provider asks for a second factor itself: a single sign-on then satisfies
# JALINAN_REQUIRE_MFA (for the protocols configured here; the page has its own switch).
JALINAN_SSO_IDP_MFA = _strict_bool("JALINAN_SSO_IDP_MFA", False)
# ``partners``: once a provider is configured, staff and students must use it (their password
# sign-in is refused, pointing to the university button); partner users and superusers keep it.
JALINAN_SSO_PASSWORD_LOGIN = _choice(
    "JALINAN_SSO_PASSWORD_LOGIN", "everyone", ("everyone", "partners")
)
_SSO_FIELDS = {"email", "name", "affiliation", "department", "staff_id"}
for _name in ("JALINAN_SSO_OIDC_CLAIMS", "JALINAN_SSO_SAML_ATTRIBUTES"):
    if set(vars()[_name]) - _SSO_FIELDS:
        raise ImproperlyConfigured(
            f"Environment variable {_name} names unknown fields "
            f"{sorted(set(vars()[_name]) - _SSO_FIELDS)}: use {', '.join(sorted(_SSO_FIELDS))}."
        )
if JALINAN_SSO_OIDC_CLIENT_ID and not JALINAN_SSO_OIDC_SERVER_URL:
    raise ImproperlyConfigured(
        "Environment variable JALINAN_SSO_OIDC_SERVER_URL must be set with "
        "JALINAN_SSO_OIDC_CLIENT_ID (the identity provider's issuer URL)."
    )
if JALINAN_SSO_SAML_METADATA_FILE and not Path(JALINAN_SSO_SAML_METADATA_FILE).is_file():
    raise ImproperlyConfigured(
        "Environment variable JALINAN_SSO_SAML_METADATA_FILE names no readable file: "
        f"{JALINAN_SSO_SAML_METADATA_FILE}"
    )

# Internationalisation: English and Malay (Bahasa Melayu).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ms", _("Bahasa Melayu"))]
# Our catalogue first; the second holds Malay for django-allauth's pages (allauth ships none).
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "locale_vendor"]
LANGUAGE_COOKIE_NAME = "jalinan_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = _env("TIME_ZONE", env.str, "Asia/Kuala_Lumpur")
USE_I18N = True
USE_TZ = True

# Static and uploaded files. Front-end libraries come from the npm registry into node_modules.
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(_env("MEDIA_ROOT", env.str, str(DATA_DIR / "media")))
# Uploaded files: the local media folder by default; JALINAN_STORAGE=s3 puts them in any
# S3-compatible store (pip install '.[s3]'; AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_REGION_NAME from the environment).
JALINAN_STORAGE = _env("JALINAN_STORAGE", env.str, "local")
if JALINAN_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured("Environment variable JALINAN_STORAGE must be local or s3.")
if JALINAN_STORAGE == "s3":
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _env("AWS_STORAGE_BUCKET_NAME", env.str, ""),
            "endpoint_url": _env("AWS_S3_ENDPOINT_URL", env.str, None),
            "region_name": _env("AWS_S3_REGION_NAME", env.str, None),
            "default_acl": None,
            "querystring_auth": True,  # private files: links are signed and expire
            "file_overwrite": False,
        },
    }
    if not _default_storage["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("JALINAN_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
else:
    # A FileSystemStorage that removes a partly written file (a full disk) and says why.
    _default_storage = {"BACKEND": "jalinan.core.files.UploadStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
JALINAN_MAX_IMPORT_BYTES = _env("JALINAN_MAX_IMPORT_BYTES", env.int, 5 * 1024 * 1024)
# Imports (organisations, publications): a longer cell is rejected with its row, a file with
# more rows is refused, and an XLSX (a zip) that would inflate past the cap is never opened.
JALINAN_IMPORT_MAX_FIELD_CHARS = _env("JALINAN_IMPORT_MAX_FIELD_CHARS", env.int, 20_000)
JALINAN_IMPORT_MAX_ROWS = _env("JALINAN_IMPORT_MAX_ROWS", env.int, 10_000)
JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES = _env(
    "JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES", env.int, 50 * 1024 * 1024
)
# The people sync (manage.py sync_people, Office → People sync) reads whole HR and
# student-records exports: its own row and size caps. Its columns: our field name → the
# export's header (jalinan/accounts/provisioning.py lists the fields); unmapped fields are read
# from a column of their own name. It deactivates nobody when a file would deactivate more than
# this share (percent) of the people it manages, unless told to.
JALINAN_SYNC_MAX_ROWS = _env("JALINAN_SYNC_MAX_ROWS", env.int, 100_000)
JALINAN_SYNC_MAX_BYTES = _env("JALINAN_SYNC_MAX_BYTES", env.int, 50 * 1024 * 1024)
JALINAN_SYNC_STAFF_COLUMNS = _str_dict(
    "JALINAN_SYNC_STAFF_COLUMNS",
    ("staff_number", "email", "name", "title", "unit", "position", "category", "status"),
)
JALINAN_SYNC_STUDENT_COLUMNS = _str_dict(
    "JALINAN_SYNC_STUDENT_COLUMNS",
    ("matric_number", "email", "name", "unit", "programme", "year", "category", "status"),
)
JALINAN_SYNC_MAX_DEACTIVATION_PERCENT = _env(
    "JALINAN_SYNC_MAX_DEACTIVATION_PERCENT", env.float, 10.0
)
for _name in (
    "JALINAN_IMPORT_MAX_FIELD_CHARS",
    "JALINAN_IMPORT_MAX_ROWS",
    "JALINAN_IMPORT_MAX_UNCOMPRESSED_BYTES",
    "JALINAN_SYNC_MAX_ROWS",
    "JALINAN_SYNC_MAX_BYTES",
):
    if vars()[_name] < 1:
        raise ImproperlyConfigured(f"Environment variable {_name} must be a positive number.")
if not 0 <= JALINAN_SYNC_MAX_DEACTIVATION_PERCENT <= 100:
    raise ImproperlyConfigured(
        "Environment variable JALINAN_SYNC_MAX_DEACTIVATION_PERCENT must be from 0 to 100."
    )

# E-mail: console by default, SMTP when EMAIL_URL (smtp://user:pass@host:587) is set.
if os.environ.get("EMAIL_URL"):
    vars().update(_env("EMAIL_URL", env.email_url, ""))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = _env("DEFAULT_FROM_EMAIL", env.str, "Jalinan <no-reply@jalinan.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Celery tasks run in-process unless a broker is configured.
CELERY_BROKER_URL = _env("CELERY_BROKER_URL", env.str, "")
CELERY_RESULT_BACKEND = _env("CELERY_RESULT_BACKEND", env.str, CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# -- Reliability: background work ---------------------------------------------------------------
# A broker that cannot be reached does not lose work: after JALINAN_CELERY_PUBLISH_RETRIES quick
# retries the task runs in-process (jalinan.core.celery_tasks.ResilientTask). Idempotent tasks are
# acknowledged only once done, so a worker killed mid-task leaves it queued for another worker.
JALINAN_CELERY_PUBLISH_RETRIES = _env("JALINAN_CELERY_PUBLISH_RETRIES", env.int, 2)
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": JALINAN_CELERY_PUBLISH_RETRIES,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A task taken by a worker that then vanished whole (machine lost, SIGKILL of the main process)
# goes back to the queue after this many seconds; it must exceed the longest task's run time.
# (A pool process killed alone is requeued at once: reject_on_worker_lost below.)
JALINAN_CELERY_VISIBILITY_TIMEOUT = _env("JALINAN_CELERY_VISIBILITY_TIMEOUT", env.int, 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": JALINAN_CELERY_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
_IDEMPOTENT_TASKS = [
    "jalinan.core.tasks.ping",
    "jalinan.core.tasks.send_notification_email",  # skips a notification already e-mailed
    "jalinan.matching.tasks.embed_pending",  # embeds only documents still waiting
    "jalinan.sdgs.tasks.classify_record",  # replaces the record's suggestions
    "jalinan.sdgs.tasks.classify_records",
]
CELERY_TASK_ANNOTATIONS = {
    name: {"acks_late": True, "reject_on_worker_lost": True} for name in _IDEMPOTENT_TASKS
}
# With a worker and `celery beat`, the daily jobs run at this hour; without, cron runs
# `manage.py run_daily`.
JALINAN_DAILY_HOUR = _env("JALINAN_DAILY_HOUR", env.int, 6)
CELERY_BEAT_SCHEDULE = {
    "daily-jobs": {
        "task": "jalinan.core.tasks.run_daily_jobs",
        "schedule": crontab(hour=JALINAN_DAILY_HOUR, minute=0),
    }
}

# Security. Production mode turns on everything `check --deploy` asks for.
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = _env("SECURE_SSL_REDIRECT", env.bool, True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = _env("SECURE_HSTS_SECONDS", env.int, 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Content-Security-Policy (django-csp) on every response: scripts only from our own static
# files (no inline script, event handler or eval; htmx runs with allowEval off), <style>
# elements only with the page's nonce. Inline style= attributes stay allowed (style-src-attr):
# SDG colours, chart heights and table shading are set per record, and an attribute cannot
# run code. Extra image origins (an institution logo served elsewhere) from
# JALINAN_CSP_IMG_SOURCES, e.g. "https://www.iium.edu.my".
JALINAN_CSP_IMG_SOURCES = _env("JALINAN_CSP_IMG_SOURCES", env.list, [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:", *JALINAN_CSP_IMG_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Pagination and lists.
JALINAN_PAGE_SIZE = 25
JALINAN_INVITATION_DAYS = _env("JALINAN_INVITATION_DAYS", env.int, 7)
# Personal API tokens: the expiry offered by default, and the longest one may choose.
JALINAN_API_TOKEN_DAYS = _env("JALINAN_API_TOKEN_DAYS", env.int, 90)
JALINAN_API_TOKEN_MAX_DAYS = 365
if not 1 <= JALINAN_API_TOKEN_DAYS <= JALINAN_API_TOKEN_MAX_DAYS:
    raise ImproperlyConfigured(
        "Environment variable JALINAN_API_TOKEN_DAYS must be between 1 and 365 (days)."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("LOG_LEVEL", env.str, "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Tasks run in-process (no broker): one "Task ... succeeded" line per task is noise.
        **({"celery.app.trace": {"level": "WARNING"}} if CELERY_TASK_ALWAYS_EAGER else {}),
    },
}

DATA_DIR.mkdir(parents=True, exist_ok=True)
# WhiteNoise warns on every start while the folder is missing (collectstatic fills it).
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

JALINAN_SITE_URL = _env("JALINAN_SITE_URL", env.str, "http://127.0.0.1:8000")
# Shown until an OIL admin saves the institution profile (Settings > Institution).
JALINAN_INSTITUTION_DEFAULTS = {
    "name": _env("JALINAN_INSTITUTION_NAME", env.str, "Your University"),
    "short_name": _env("JALINAN_INSTITUTION_SHORT_NAME", env.str, "University"),
    "office_name": _env("JALINAN_OFFICE_NAME", env.str, "Industry Office"),
    "office_short_name": _env("JALINAN_OFFICE_SHORT_NAME", env.str, "Office"),
    "contact_email": _env("JALINAN_CONTACT_EMAIL", env.str, ""),
}

# -- Memoranda (agreements) and the engagement log ---------------------------------------------
# Health: dormant after this many months without an activity, at risk after that many (or with
# an overdue deliverable). Memoranda become "expiring" this many days before their end date.
JALINAN_MEMORANDUM_DORMANT_MONTHS = _env("JALINAN_MEMORANDUM_DORMANT_MONTHS", env.int, 6)
JALINAN_MEMORANDUM_AT_RISK_MONTHS = _env("JALINAN_MEMORANDUM_AT_RISK_MONTHS", env.int, 3)
JALINAN_MEMORANDUM_EXPIRING_DAYS = _env("JALINAN_MEMORANDUM_EXPIRING_DAYS", env.int, 180)
JALINAN_MEMORANDUM_MAX_UPLOAD_MB = _env("JALINAN_MEMORANDUM_MAX_UPLOAD_MB", env.float, 20)
JALINAN_ENGAGEMENT_MAX_UPLOAD_MB = _env("JALINAN_ENGAGEMENT_MAX_UPLOAD_MB", env.float, 20)
# Expiry alerts go out this many days before a memorandum's end date; a step waiting longer
# than its limit in days (merged over jalinan/agreements/reminders.py's) alerts OIL.
JALINAN_MEMORANDUM_EXPIRY_ALERT_DAYS = _int_list(
    "JALINAN_MEMORANDUM_EXPIRY_ALERT_DAYS", [180, 90, 30]
)
JALINAN_MEMORANDUM_STAGE_LIMITS = _int_dict("JALINAN_MEMORANDUM_STAGE_LIMITS")

# -- Challenges, the pipeline, technologies ----------------------------------------------------
JALINAN_CHALLENGE_MAX_UPLOAD_MB = _env("JALINAN_CHALLENGE_MAX_UPLOAD_MB", env.float, 20)
# An open opportunity this many days in one stage shows as stuck.
JALINAN_PIPELINE_STUCK_DAYS = _env("JALINAN_PIPELINE_STUCK_DAYS", env.int, 30)
# IP deadline reminders go out this many days before the deadline (0: on the day).
JALINAN_IP_DEADLINE_ALERT_DAYS = _int_list("JALINAN_IP_DEADLINE_ALERT_DAYS", [90, 30, 7, 0])

# -- Placements ---------------------------------------------------------------------------------
JALINAN_PLACEMENTS_CV_MAX_BYTES = _env("JALINAN_PLACEMENTS_CV_MAX_BYTES", env.int, 2 * 1024 * 1024)
# A supervisor's evaluation link works this many days; it is e-mailed LEAD days before the
# evaluation is due, counts as overdue GRACE days after, and is sent again every RESEND days.
JALINAN_PLACEMENTS_EVALUATION_LINK_DAYS = _env(
    "JALINAN_PLACEMENTS_EVALUATION_LINK_DAYS", env.int, 21
)
JALINAN_PLACEMENTS_EVALUATION_LEAD_DAYS = _env(
    "JALINAN_PLACEMENTS_EVALUATION_LEAD_DAYS", env.int, 7
)
JALINAN_PLACEMENTS_EVALUATION_GRACE_DAYS = _env(
    "JALINAN_PLACEMENTS_EVALUATION_GRACE_DAYS", env.int, 7
)
JALINAN_PLACEMENTS_EVALUATION_RESEND_DAYS = _env(
    "JALINAN_PLACEMENTS_EVALUATION_RESEND_DAYS", env.int, 7
)
# A week's logbook entry is overdue this many days after the week; a review after REVIEW days.
JALINAN_PLACEMENTS_LOGBOOK_GRACE_DAYS = _env("JALINAN_PLACEMENTS_LOGBOOK_GRACE_DAYS", env.int, 3)
JALINAN_PLACEMENTS_REVIEW_DAYS = _env("JALINAN_PLACEMENTS_REVIEW_DAYS", env.int, 7)

# -- SDG classification (jalinan.sdgs) ------------------------------------------------------------
# The sentence encoder (``hashing``: a deterministic stand-in, no model), the classifier file
# (empty: the packaged one) and the probability from which a goal is suggested (empty: the
# classifier's own threshold).
JALINAN_SDG_ENCODER = _choice("JALINAN_SDG_ENCODER", "minilm", ("minilm", "hashing"))
JALINAN_SDG_MODEL = _env("JALINAN_SDG_MODEL", env.str, "")
JALINAN_SDG_THRESHOLD = _env("JALINAN_SDG_THRESHOLD", env.float, None)

# -- Experts and matching (jalinan.experts, jalinan.matching) ------------------------------------
# The embedding model: any sentence-transformers folder; empty = the packaged all-MiniLM-L6-v2.
# ``hashing`` is a deterministic stand-in (the test suite's, unless JALINAN_EMBEDDER is set).
JALINAN_EMBEDDER = _choice(
    "JALINAN_EMBEDDER", "sentence-transformers", ("sentence-transformers", "hashing")
)
JALINAN_EMBEDDING_MODEL = _env("JALINAN_EMBEDDING_MODEL", env.str, "")
JALINAN_EMBEDDING_RUNTIME = _env("JALINAN_EMBEDDING_RUNTIME", env.str, "onnx-int8")  # onnx, torch
JALINAN_EMBEDDING_CACHE_DIR = _env("JALINAN_EMBEDDING_CACHE_DIR", env.str, str(DATA_DIR / "models"))
JALINAN_EMBEDDING_THREADS = _env("JALINAN_EMBEDDING_THREADS", env.int, 0)  # 0: onnxruntime's
JALINAN_EMBEDDING_SPIN = _env("JALINAN_EMBEDDING_SPIN", env.bool, False)
JALINAN_HASHING_DIM = _env("JALINAN_HASHING_DIM", env.int, 256)
JALINAN_MATCHING_BACKEND = _choice(
    "JALINAN_MATCHING_BACKEND", "auto", ("auto", "memory", "pgvector")
)
JALINAN_MATCHING_ANN_THRESHOLD = _env("JALINAN_MATCHING_ANN_THRESHOLD", env.int, 200_000)
JALINAN_PGVECTOR_BUILD_MEMORY = _env("JALINAN_PGVECTOR_BUILD_MEMORY", env.str, "2GB")
# Scoring, chosen on the reviewer-expertise gold standard (README, "Expert matching"); each can
# be re-tuned by a deployment on its own judgements.
JALINAN_MATCHING_DENSE_WEIGHT = _env("JALINAN_MATCHING_DENSE_WEIGHT", env.float, 1.0)
JALINAN_MATCHING_LEXICAL_WEIGHT = _env("JALINAN_MATCHING_LEXICAL_WEIGHT", env.float, 0.2)
JALINAN_MATCHING_TEMPERATURE = _env("JALINAN_MATCHING_TEMPERATURE", env.float, 0.05)
JALINAN_MATCHING_TOP_DOCS = _env("JALINAN_MATCHING_TOP_DOCS", env.int, 10)
JALINAN_MATCHING_RECENCY = _env("JALINAN_MATCHING_RECENCY", env.float, 0.1)
JALINAN_MATCHING_RECENCY_YEARS = _env("JALINAN_MATCHING_RECENCY_YEARS", env.int, 20)
