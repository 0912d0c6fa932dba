"""Settings for every environment, read from the environment.

Production differs from development only by environment variables; a missing
or malformed required variable stops the start-up with a clear error.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Exchange, Queue

from imi.celery import mail_queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent


class StrictEnv(environ.Env):
    """django-environ, refusing values it would silently read as false or fail on obscurely."""

    BOOLEANS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}

    def bool(self, var, default=environ.Env.NOTSET):
        if var not in self.ENVIRON:
            return super().bool(var, default=default)
        value = self.ENVIRON[var].strip().lower()
        if value not in self.BOOLEANS:
            raise ImproperlyConfigured(f"{var} must be true or false, not {self.ENVIRON[var]!r}.")
        return self.BOOLEANS[value]

    def int(self, var, default=environ.Env.NOTSET):
        try:
            return super().int(var, default=default)
        except ValueError:
            raise ImproperlyConfigured(f"{var} must be a whole number, not {self.ENVIRON[var]!r}.") from None


env = StrictEnv()

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The public address of the portal, used in links inside e-mails.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Bottom to top (docs/architecture.md): each imports only those listed before it.
    "core",
    "authorities",
    "registers",
    "requests_app",
    "api",
    "portal",
    "demo",
    # The API for national systems (api/, docs/api.md): its framework and its OpenAPI document.
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    # First: a body too large is refused before anything reads it.
    "core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.NoStoreMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "core.middleware.RejectNulCharactersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.middleware.MFARequiredMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
]

if DEBUG:
    # runserver serves the static files itself, straight from the finders.
    MIDDLEWARE.remove("whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "imi.urls"
WSGI_APPLICATION = "imi.wsgi.application"

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
                "core.context_processors.portal",
            ],
        },
    },
]
FORM_RENDERER = "core.forms.PortalFormRenderer"

DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction mode (docs/scaling.md) a server-side cursor, which QuerySet.iterator() opens,
# cannot outlive its transaction: Django then reads in chunks with ordinary cursors. Nothing else depends on the
# database session (no SET, no advisory lock, no LISTEN; locks are row locks inside a transaction).
DATABASE_PGBOUNCER = env.bool("DATABASE_PGBOUNCER", default=False)
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = DATABASE_PGBOUNCER
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
}

AUTH_USER_MODEL = "authorities.User"
AUTHENTICATION_BACKENDS = [
    "authorities.backends.PortalAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: log in by e-mail, nobody signs up, rate-limited login.
ACCOUNT_ADAPTER = "authorities.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Login addresses are kept by the LDA, the helpdesk or a superuser, not by the user (authorities/urls.py
# closes allauth's e-mail pages); nobody signs up, so an unknown or deactivated address gets no mail.
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "authorities.tokens.PasswordResetTokenGenerator"  # noqa: S105 (a class)
ACCOUNT_RATE_LIMITS = {
    "login_failed": env.str("LOGIN_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
}
# Behind proxies the address of every request is the nearest proxy's: the login rate limits count per client
# address from X-Forwarded-For, trusting as many proxies as are the portal's own (the compose stack's nginx: 1;
# a load balancer in front of it: 2). 0 (default): the address the request came from, for gunicorn published
# as is.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="IMI portal")
# allauth refuses to set up an authenticator while an address of the user is unverified (against a
# stranger signing up with someone's address and locking them out). Nobody signs up here and nobody
# verifies addresses: the LDA, the helpdesk or a superuser sets them. But asking for a password reset
# records the address unverified, so after an authenticator reset a coordinator could never set up a
# new one, and MFARequiredMiddleware would send them back to a page that refuses them.
MFA_ALLOW_UNVERIFIED_EMAIL = True

LANGUAGE_CODE = "en"
# The 24 official languages of the EU, each under its own name: English (the source) first, then the
# others in the EU's protocol order, by their names in their own language. Adding one: a line here, a
# migration for the translated fields (makemigrations), a locale/<code>/LC_MESSAGES/django.po, and
# the content files in that language too.
LANGUAGES = [
    ("en", "English"),
    ("bg", "Български"),
    ("es", "Español"),
    ("cs", "Čeština"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("et", "Eesti"),
    ("el", "Ελληνικά"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("hr", "Hrvatski"),
    ("it", "Italiano"),
    ("lv", "Latviešu"),
    ("lt", "Lietuvių"),
    ("hu", "Magyar"),
    ("mt", "Malti"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("fi", "Suomi"),
    ("sv", "Svenska"),
]
# Django knows every one of them but Maltese: its name, its direction, and its name in the others
# ("Maltese" is in the portal's catalogues, as a working language of authorities).
LANG_INFO["mt"] = {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"}
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A text missing in the reader's language is shown in English, else in the first
# language that has it, never blank (the {% translated %} tag marks its language).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": tuple(code for code, _name in LANGUAGES)}
# The lower-case month names of a date in bg and ro come after the portal's own catalogs.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "core" / "formats" / "locale",
    # What Django's own admin catalogues leave untranslated in some of the enabled languages.
    BASE_DIR / "core" / "locale_admin",
    # allauth's pages and Django's password rules in the portal's formal register, where their
    # catalogues address the reader informally (et, ro) or leave a text in English (bg, ro).
    BASE_DIR / "core" / "locale_allauth",
]
# Dates as the EU writes them (day before month, 24-hour clock) where Django's formats differ.
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from the npm registry (package.json) and are served by
# Django itself: no CDN. Only the parts the pages use are published (the ECL
# distribution also carries Commission logos, which this portal must not show).
NODE_MODULES = BASE_DIR / "node_modules"
ECL_DIST = NODE_MODULES / "@ecl" / "preset-ec" / "dist"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("ecl/styles", ECL_DIST / "styles"),
    ("ecl/scripts", ECL_DIST / "scripts"),
    ("ecl/fonts", ECL_DIST / "fonts"),
    ("ecl-icons", NODE_MODULES / "@ecl" / "resources-icons" / "dist" / "sprites"),
    ("chartjs", NODE_MODULES / "chart.js" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Attachments and other personal files never live under a public URL.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
# Past one machine (docs/scaling.md): with a bucket named, the files go to S3-compatible object storage,
# which every web replica and worker reaches alike. The objects are private and no signed link is ever
# made: files leave only through the portal's download view, which checks who asks and logs the read.
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty: Amazon S3 itself (and the region's default endpoint); else the address of another service.
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Empty: boto3's own chain (the instance's or the container's role).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            # "path" for services that do not give each bucket a host name of its own.
            "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            "default_acl": "private",
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# A mail backend class of its own, where no URL scheme fits (the fault tests use one).
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=EMAIL_BACKEND)  # noqa: F821 (set just above)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="IMI portal <no-reply@imi-portal.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CELERY_BROKER_URL = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Queueing a mail must not hold up the page when the broker is down: fail at once, the outbox sweep retries.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="imi")
# Two queues (imi.celery.route_task): the default one, and one for mail and link checks. A worker started
# without -Q takes both; `-Q <CELERY_QUEUE>-mail` makes one that only sends mail (docs/scaling.md).
CELERY_TASK_QUEUES = [
    Queue(name, Exchange(name), routing_key=name)
    for name in (CELERY_TASK_DEFAULT_QUEUE, mail_queue(CELERY_TASK_DEFAULT_QUEUE))
]
CELERY_TASK_ROUTES = ["imi.celery.route_task"]
# The periodic work, visible here and in docs/architecture.md.
CELERY_BEAT_SCHEDULE = {
    "sweep-outbox": {
        "task": "core.tasks.sweep_outbox",
        "schedule": env.float("IMI_OUTBOX_SWEEP_SECONDS", default=60.0),
    },
    # Reminders are recorded once each, so running the sweep often only makes them timelier.
    "send-reminders": {
        "task": "requests_app.tasks.send_reminders",
        "schedule": env.float("IMI_REMINDER_SWEEP_SECONDS", default=3600.0),
    },
    "send-digests": {"task": "core.tasks.send_digests", "schedule": crontab(hour=7, minute=0)},
    # Blocks and deletes personal data on their dates (Regulation (EU) No 1024/2012, Art. 14).
    "apply-retention": {"task": "requests_app.tasks.apply_retention", "schedule": crontab(hour=1, minute=30)},
    "remind-inactive-users": {
        "task": "authorities.tasks.remind_inactive_users",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    "check-register-links": {
        "task": "registers.tasks.check_register_links",
        "schedule": crontab(hour=3, minute=0),
    },
    "remind-register-reviews": {
        "task": "registers.tasks.remind_register_reviews",
        "schedule": crontab(day_of_month=1, hour=8, minute=30),
    },
    # Keeping the tables small, at a quiet hour after the night's other work.
    "prune-delivered-mails": {"task": "core.tasks.prune_delivered_mails", "schedule": crontab(hour=4, minute=0)},
    "prune-link-checks": {"task": "registers.tasks.prune_link_checks", "schedule": crontab(hour=4, minute=15)},
    "prune-webhook-deliveries": {"task": "api.tasks.prune_webhook_deliveries", "schedule": crontab(hour=4, minute=20)},
    "clear-expired-sessions": {"task": "core.tasks.clear_expired_sessions", "schedule": crontab(hour=4, minute=30)},
    # The search's word list for typo correction, without the words of changed or deleted documents.
    "rebuild-search-words": {"task": "core.tasks.rebuild_search_words", "schedule": crontab(hour=4, minute=45)},
    # Machine translations the translator has not answered yet: asked again (requests_app.machine_translations).
    "retry-machine-translations": {
        "task": "requests_app.tasks.retry_machine_translations",
        "schedule": env.float("IMI_TRANSLATION_SWEEP_SECONDS", default=60.0),
    },
}
CELERY_BEAT_SCHEDULE["deliver-webhooks"] = {
    # Webhooks the broker lost, and retries with backoff (api.webhooks).
    "task": "api.tasks.sweep_webhooks",
    "schedule": env.float("IMI_WEBHOOK_SWEEP_SECONDS", default=60.0),
}
CELERY_TIMEZONE = TIME_ZONE

# Sessions end after this long without activity. Not every request writes its session:
# core.middleware.SlidingSessionMiddleware renews it (row and cookie) when its last renewal is
# older than IMI_SESSION_RENEW_SECONDS, so a session ends between AGE - RENEW and AGE after
# the last request, and the page's warning counts from the last renewal.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=int(timedelta(minutes=30).total_seconds()))
SESSION_SAVE_EVERY_REQUEST = False
IMI_SESSION_RENEW_SECONDS = env.int("IMI_SESSION_RENEW_SECONDS", default=60)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS: behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = [
    # No preload: a government portal's domain is added to browsers' HSTS lists by its operator, not by this code.
    "security.W021",
]
# The Content Security Policy: nothing inline, nothing from another origin (core.middleware).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# The training environment: the same portal with fictitious data, a banner, no mail leaving the machine
# (kept in a mailbox instead) and a nightly reset. IMI_TRAINING_URL is where the real portal points trainees.
IMI_TRAINING = env.bool("IMI_TRAINING", default=False)
IMI_TRAINING_URL = env.str("IMI_TRAINING_URL", default="")
if IMI_TRAINING:
    CELERY_BEAT_SCHEDULE["reset-training-data"] = {
        "task": "demo.tasks.reset_training_data",
        "schedule": crontab(hour=2, minute=0),
    }

# Portal rules.
IMI_INVITATION_VALID_DAYS = env.int("IMI_INVITATION_VALID_DAYS", default=7)
# Reminders and escalation, in days; inactive users, in months.
IMI_REMIND_NOT_ACCEPTED_AFTER_DAYS = env.int("IMI_REMIND_NOT_ACCEPTED_AFTER_DAYS", default=3)
IMI_REMIND_DUE_IN_DAYS = env.int("IMI_REMIND_DUE_IN_DAYS", default=3)
IMI_ESCALATE_AFTER_OVERDUE_DAYS = env.int("IMI_ESCALATE_AFTER_OVERDUE_DAYS", default=7)
IMI_INACTIVE_AFTER_MONTHS = env.int("IMI_INACTIVE_AFTER_MONTHS", default=6)
# Registers directory: a register unreviewed this long is flagged; this many failed link checks alert its LDA.
IMI_REGISTER_REVIEW_MONTHS = env.int("IMI_REGISTER_REVIEW_MONTHS", default=12)
IMI_REGISTER_FAILURES_BEFORE_ALERT = env.int("IMI_REGISTER_FAILURES_BEFORE_ALERT", default=3)
# How long the link check waits for a register's web site to answer, in seconds.
IMI_LINK_CHECK_TIMEOUT_SECONDS = env.int("IMI_LINK_CHECK_TIMEOUT_SECONDS", default=10)
# Host names the link check visits although they lead into a private network or use another port than
# 80 or 443 (the tests' own web server). Empty in production: the checker visits only the public internet.
IMI_LINK_CHECK_ALLOWED_HOSTS = env.list("IMI_LINK_CHECK_ALLOWED_HOSTS", default=[])
IMI_MAX_UPLOAD_BYTES = env.int("IMI_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
# The largest request body taken at all (core.middleware.RequestSizeLimitMiddleware answers 413 before reading
# it): a form carries one file at most, so an upload and a margin for the rest of the form.
IMI_MAX_REQUEST_BYTES = env.int("IMI_MAX_REQUEST_BYTES", default=IMI_MAX_UPLOAD_BYTES + 2 * 1024 * 1024)
# Django's own limits behind it: form fields other than files held in memory, uploads kept in memory
# before they go to a temporary file, and how many files one request may carry.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=10)
IMI_PERSONAL_DATA_BLOCK_MONTHS = env.int("IMI_PERSONAL_DATA_BLOCK_MONTHS", default=6)
IMI_PERSONAL_DATA_DELETE_YEARS = env.int("IMI_PERSONAL_DATA_DELETE_YEARS", default=3)
# The request list counts up to this many requests; beyond, it says "more than" and lists the newest.
IMI_LIST_COUNT_CAP = env.int("IMI_LIST_COUNT_CAP", default=1000)
# "My tasks" and the coordination page show this many requests of each group, and link to the others.
IMI_TASKS_SHOWN = env.int("IMI_TASKS_SHOWN", default=20)
# How long a coordinator's justified access to blocked data lasts.
IMI_BLOCKED_ACCESS_HOURS = env.int("IMI_BLOCKED_ACCESS_HOURS", default=24)
# How long delivered mails (and failed ones, once seen) and the history of link checks are kept;
# both are stated in the data-protection notice.
IMI_SENT_MAIL_KEEP_DAYS = env.int("IMI_SENT_MAIL_KEEP_DAYS", default=90)
IMI_LINK_CHECK_KEEP_DAYS = env.int("IMI_LINK_CHECK_KEEP_DAYS", default=365)

# Machine translation of free text (core.machine_translation): BACKEND none (no "Translate" action),
# libretranslate (a self-hosted LibreTranslate-compatible API at URL) or etranslation (a service that posts
# the translation back to the portal). TRUSTED: the translator runs inside the deployment's trust
# boundary; only then are personal data (messages, answers, notes) sent to it, never otherwise.
MACHINE_TRANSLATION = {
    "BACKEND": env.str("MACHINE_TRANSLATION_BACKEND", default="none"),
    "URL": env.str("MACHINE_TRANSLATION_URL", default=""),
    "API_KEY": env.str("MACHINE_TRANSLATION_API_KEY", default=""),
    "TRUSTED": env.bool("MACHINE_TRANSLATION_TRUSTED", default=False),
    "TIMEOUT": env.float("MACHINE_TRANSLATION_TIMEOUT", default=10.0),
    "APPLICATION": env.str("MACHINE_TRANSLATION_APPLICATION", default="imi-portal"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

PORTAL_NAME = _("IMI portal")

# The API for national systems (docs/api.md). Callers are system accounts with bearer tokens only: no
# session, so no cookie and no CSRF. Errors are RFC 9457 problem details in the caller's language.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.HasScope"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"token": env.str("IMI_API_RATE", default="600/min")},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IMI portal API",
    "DESCRIPTION": "Information requests between the public authorities of the EU/EEA, for national systems. "
    "See docs/api.md.",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ActionEnum": "requests_app.models.Action", "StatusEnum": "requests_app.models.Status"},
}
# A token's last use is written at most this often, not on every call.
IMI_API_LAST_USED_SECONDS = 60
IMI_API_TOKEN_MAX_DAYS = env.int("IMI_API_TOKEN_MAX_DAYS", default=365)
# Webhooks: attempts before a delivery is marked failed, and the wait before the first retry (doubling each time).
IMI_WEBHOOK_MAX_ATTEMPTS = env.int("IMI_WEBHOOK_MAX_ATTEMPTS", default=8)
IMI_WEBHOOK_RETRY_SECONDS = env.int("IMI_WEBHOOK_RETRY_SECONDS", default=60)
IMI_WEBHOOK_TIMEOUT_SECONDS = env.float("IMI_WEBHOOK_TIMEOUT_SECONDS", default=10.0)
# The delivery log: delivered and failed deliveries are forgotten after this many days.
IMI_WEBHOOK_KEEP_DAYS = env.int("IMI_WEBHOOK_KEEP_DAYS", default=90)
