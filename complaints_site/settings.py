"""Settings for the complaint desk.

One module for every environment: each value comes from an environment variable with a default
that suits local development (SQLite and Celery's filesystem broker under ``var/``), so that
``make run`` needs no service. Production sets ``DEBUG=false`` and the variables listed in the
README.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-key-change-me" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_celery_beat",
    "simple_history",
    "axes",
    "core",
    "intake",
    "investigations",
    "resolutions",
    "penalties",
    "deadlines",
    "reporting",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Panel members and management open only the complaints their role reaches (intake.access).
    "intake.access.ComplaintScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a locked login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "complaints_site.urls"
WSGI_APPLICATION = "complaints_site.wsgi.application"

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
                "core.context_processors.desk_contact",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent web, worker and beat processes share the file: wait instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes refuses a login before the password is checked once a user name has failed too
# often from one client address; the address is read as the rate limits read it (NUM_PROXIES).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "core.views.login_locked_out"
# Not a line at every start of every process: the lockouts themselves are logged.
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions live in the database, never in Redis: an evicted or restarted Redis logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded evidence lives outside static files and is never served by URL: only through views
# that check who is asking.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "uploads"))
# No URL pattern serves MEDIA_URL: the setting exists only because Django expects one.
MEDIA_URL = "/media/"
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=12 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = env.int("DATA_UPLOAD_MAX_NUMBER_FILES", default=10)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://complaints")}
if "redis" in CACHES["default"]["BACKEND"]:
    # A Redis that stops answering must not hang a request: the rate limiter then lets it through.
    CACHES["default"].setdefault("OPTIONS", {}).update({"socket_connect_timeout": 1, "socket_timeout": 1})

# --- Reports -------------------------------------------------------------------------------
# Share of each month's closed complaints drawn for a supervisory callback (domain.md §7).
SUPERVISION_SAMPLE_PERCENT = env.int("SUPERVISION_SAMPLE_PERCENT", default=20)
# Age after which the current month's report is recomputed by the beat job (or when viewed).
REPORT_LIVE_MINUTES = env.int("REPORT_LIVE_MINUTES", default=15)

# --- Celery --------------------------------------------------------------------------------
# The filesystem broker ignores the host; naming one keeps kombu from warning that none was given.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://localhost/")
CELERY_BROKER_FILESYSTEM_DIR = env.path("CELERY_BROKER_FILESYSTEM_DIR", default=str(VAR_DIR / "broker"))
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BEAT_SCHEDULE_INTERVAL_SECONDS = env.int("CELERY_BEAT_SCHEDULE_INTERVAL_SECONDS", default=60)
# Periodic jobs. django-celery-beat installs these into its tables at start, where supervisors can
# change their schedule in admin. Apps add their entries below.
CELERY_BEAT_SCHEDULE = {
    "outbox-sweep": {"task": "core.tasks.outbox_sweep", "schedule": 60.0},
    # SMS delivery receipts of the gateway (Alibaba Cloud's QuerySendDetails); a no-op for the log backend.
    "outbox-delivery-reports": {"task": "core.tasks.outbox_delivery_reports", "schedule": 300.0},
    # Integrations' webhooks: retries of deliveries whose receiver did not answer 2xx yet.
    "webhooks-sweep": {"task": "core.tasks.webhooks_sweep", "schedule": 60.0},
    # Reports: freeze the month that just ended and refresh the current one (see docs/reports.md);
    # report pages only read what this prepared.
    "reports-snapshot": {"task": "reporting.tasks.snapshots_refresh", "schedule": 300.0},
    "suspensions-end": {"task": "penalties.tasks.suspensions_end", "schedule": 3600.0},
    # Deadlines: red flags, missed deadlines and escalation (see docs/deadlines.md).
    "deadlines-sweep": {"task": "deadlines.tasks.sweep", "schedule": env.float("DEADLINE_SWEEP_SECONDS", default=60.0)},
    # Resolutions: close follow-ups nobody answered in time; archive last month's ended complaints.
    "follow-up-close-unanswered": {"task": "resolutions.tasks.follow_up_close_unanswered", "schedule": 3600.0},
    # Triage: learn from the classifications agents confirmed (see docs/triage.md).
    "classifier-retrain": {
        "task": "intake.tasks.classifier_retrain",
        "schedule": crontab(minute=0, hour=3, day_of_week=1),
    },
    "archive-previous-month": {
        "task": "resolutions.tasks.archive_previous_month",
        "schedule": crontab(minute=30, hour=2, day_of_month=1),
    },
    # The open matters ledger: on the 4th, owners are reminded of last month's open matters (seed 004).
    "open-matters-remind": {
        "task": "resolutions.tasks.open_matters_remind",
        "schedule": crontab(minute=0, hour=9, day_of_month=4),
    },
}

# --- Mail and SMS --------------------------------------------------------------------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="complaints@example.com")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_BACKEND = env.str("SMS_BACKEND", default="core.sms.LogSmsBackend")
SMS_SIGNATURE = env.str("SMS_SIGNATURE", default="【家政投诉中心】")
# Seconds after which a message still "sending" (its process died around the gateway call) is
# marked failed instead of being sent again; far above the gateways' own timeouts.
OUTBOX_SENDING_TIMEOUT = env.int("OUTBOX_SENDING_TIMEOUT", default=600)
SMS_TIMEOUT = env.int("SMS_TIMEOUT", default=10)
# Hours after sending during which the gateway is asked for a message's delivery receipt.
SMS_DELIVERY_REPORT_HOURS = env.int("SMS_DELIVERY_REPORT_HOURS", default=72)
# Alibaba Cloud SMS, used when SMS_BACKEND=core.sms_aliyun.AliyunSmsBackend.
ALIYUN_SMS_ACCESS_KEY_ID = env.str("ALIYUN_SMS_ACCESS_KEY_ID", default="")
ALIYUN_SMS_ACCESS_KEY_SECRET = env.str("ALIYUN_SMS_ACCESS_KEY_SECRET", default="")
ALIYUN_SMS_SIGN_NAME = env.str("ALIYUN_SMS_SIGN_NAME", default="")
ALIYUN_SMS_TEMPLATES = env.str("ALIYUN_SMS_TEMPLATES", default="")
ALIYUN_SMS_ENDPOINT = env.str("ALIYUN_SMS_ENDPOINT", default="https://dysmsapi.aliyuncs.com/")
ALIYUN_SMS_REGION = env.str("ALIYUN_SMS_REGION", default="cn-hangzhou")
# Public address of the site, used in links sent by SMS and e-mail (survey, tracking).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- REST framework ------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Every error answer in one shape, and declared by every operation of the schema (core.api_errors).
    "DEFAULT_SCHEMA_CLASS": "core.api_errors.ErrorAutoSchema",
    "EXCEPTION_HANDLER": "core.api_errors.api_exception_handler",
    # Staff sessions, and integrations' tokens (core.integrations) with their own scopes and rate limits.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "core.integrations.IntegrationTokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["core.integrations.IntegrationRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # A JSON body must be an object (core.parsers); forms and files as usual.
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Behind one reverse proxy: without this a rotating X-Forwarded-For defeats throttling.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Complaint desk API",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # One name for a vocabulary used by several fields (a worker's service types, an order's service type).
    "ENUM_NAME_OVERRIDES": {
        "ServiceTypeEnum": "intake.choices.ServiceType",
        "ComplaintChannelEnum": "intake.choices.Channel",
        "ContactChannelEnum": "intake.models.contact.ContactAttempt.Channel",
        "InvestigationPartyEnum": "investigations.models.investigation.Party",
        "MediationPartyEnum": "resolutions.models.mediation.Party",
        "ContactOutcomeEnum": "intake.models.contact.ContactAttempt.Outcome",
        "AppealOutcomeEnum": "penalties.models.penalty.Appeal.Outcome",
        "EvidenceKindEnum": "investigations.models.evidence.EvidenceKind",
        "CompensationKindEnum": "resolutions.models.compensation.Compensation.Kind",
        "PenaltyKindEnum": "penalties.models.penalty.PenaltyKind",
    },
}

# --- Security --------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"scrub_personal_data": {"()": "core.logging.PersonalDataFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["scrub_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Domain defaults (every one can be changed without a deploy: env here, or admin tables) ---
COMPLAINT_MAX_FILE_SIZE = env.int("COMPLAINT_MAX_FILE_SIZE", default=20 * 1024 * 1024)
COMPLAINT_MAX_TOTAL_UPLOAD = env.int("COMPLAINT_MAX_TOTAL_UPLOAD", default=100 * 1024 * 1024)
# Django's own request-body limit must let a complaint's files through; the per-file and
# per-complaint limits above give the clear messages.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PUBLIC_COMPLAINT_RATE = env.str("PUBLIC_COMPLAINT_RATE", default="5/h")
TRACK_LOOKUP_RATE = env.str("TRACK_LOOKUP_RATE", default="20/h")
TRACK_ADD_RATE = env.str("TRACK_ADD_RATE", default="10/h")
REPEAT_WINDOW_DAYS = env.int("REPEAT_WINDOW_DAYS", default=30)
# A malicious or false complaint flag is reviewed (kept or lifted) this many days after it is set.
COMPLAINANT_FLAG_REVIEW_DAYS = env.int("COMPLAINANT_FLAG_REVIEW_DAYS", default=90)
ARCHIVE_RETENTION_YEARS = env.int("ARCHIVE_RETENTION_YEARS", default=5)
# Requests about personal data (PIPL Arts. 45-47, 50) are answered within this many working days.
PRIVACY_REQUEST_WORKING_DAYS = env.int("PRIVACY_REQUEST_WORKING_DAYS", default=15)
# All approved extensions of one investigation together, in hours.
INVESTIGATION_EXTENSION_MAX_HOURS = env.int("INVESTIGATION_EXTENSION_MAX_HOURS", default=72)

# --- Penalties -------------------------------------------------------------------------------
# Key of the HMAC that replaces identity numbers in the database. Required in production and
# never changed afterwards (every stored hash, the blacklist included, depends on it).
IDENTITY_HASH_KEY = env.str("IDENTITY_HASH_KEY", default=f"identity-{SECRET_KEY}" if DEBUG else environ.Env.NOTSET)
if not IDENTITY_HASH_KEY:
    raise ImproperlyConfigured("IDENTITY_HASH_KEY must not be empty: identity numbers are stored only as its HMAC.")
PENALTY_POINTS_PER_YEAR = env.int("PENALTY_POINTS_PER_YEAR", default=12)
PENALTY_APPEAL_DAYS = env.int("PENALTY_APPEAL_DAYS", default=15)
PENALTY_ZERO_POINTS_SUSPENSION_DAYS = env.int("PENALTY_ZERO_POINTS_SUSPENSION_DAYS", default=7)
RECTIFICATION_DEFAULT_DAYS = env.int("RECTIFICATION_DEFAULT_DAYS", default=30)
# A worker's no-criminal-record check older than this is flagged on the profile (seed 000).
BACKGROUND_CHECK_VALID_DAYS = env.int("BACKGROUND_CHECK_VALID_DAYS", default=365)

# --- Published contact ---------------------------------------------------------------------
# The complaint hotline and e-mail, published on every public page and in the result notice
# (seed 002: 公示投诉电话与电子邮箱). Empty: not shown. The demo shows made-up ones.
DESK_HOTLINE = env.str("DESK_HOTLINE", default="400-800-1234" if DEBUG else "")
DESK_EMAIL = env.str("DESK_EMAIL", default="complaints@example.com" if DEBUG else "")

# --- Resolutions ---------------------------------------------------------------------------
# Appeal window on the result notice, follow-up window, what counts as unsatisfied.
APPEAL_DAYS = env.int("APPEAL_DAYS", default=15)
FOLLOW_UP_DAYS = env.int("FOLLOW_UP_DAYS", default=3)
FOLLOW_UP_UNSATISFIED_MAX_SCORE = env.int("FOLLOW_UP_UNSATISFIED_MAX_SCORE", default=2)
# Highest amount of one compensation item until a supervisor sets a limit in admin.
COMPENSATION_MAX_AMOUNT = env.int("COMPENSATION_MAX_AMOUNT", default=50000)
ARCHIVE_NUMBER_PREFIX = env.str("ARCHIVE_NUMBER_PREFIX", default="GD")

# --- Deadlines -----------------------------------------------------------------------------
# Business hours of the business-hours clock; who hears about escalations at levels 2 and 3
# (usernames; empty: every user of the management group).
DEADLINE_WORKDAY_START = env.str("DEADLINE_WORKDAY_START", default="09:00")
DEADLINE_WORKDAY_END = env.str("DEADLINE_WORKDAY_END", default="18:00")
DEADLINE_DEPARTMENT_HEADS = env.list("DEADLINE_DEPARTMENT_HEADS", default=[])
DEADLINE_GENERAL_MANAGERS = env.list("DEADLINE_GENERAL_MANAGERS", default=[])
