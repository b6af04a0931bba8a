"""DialReady settings: one file, driven by environment variables.

Unset means production: DEBUG off, and no start without a real DJANGO_SECRET_KEY. `make run` and
the test suite turn development on with DJANGO_DEBUG=1 (SQLite by default either way).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)

_DEV_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to at least 50 random characters unless DJANGO_DEBUG=1"
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",
    "accounts",
    "candidates",
    "joborders",
    "references",
    "actionplans",
    "callplans",
    "dashboard",
    "board",
    "coaching",
    "reviews",
    "metrics",
    "history",
    "exports",
    "imports",
    "library",
    "skills",
    "search",
    "api",
    "reminders",
    "demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "django_tasks_db",
    "axes",
    # django-ninja: its Swagger UI files (static/ninja/) are served by the app, no CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A friendly 503 while the database is unreachable (core/middleware.py). Just inside WhiteNoise
    # so static files still serve, and outside the session and auth middleware, whose session and
    # user loads are usually the first queries of a request.
    "core.middleware.DatabaseUnavailableMiddleware",
    # A 400 for NUL, control characters or broken UTF-8 in the path or query string
    # (core/input_guard.py), before any middleware or view reads them.
    "core.input_guard.InputGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Cache-Control: private, no-store on everything a signed-in user is sent (core/private_pages.py).
    "core.private_pages.PrivatePagesMiddleware",
    # Login is required by default so a new view cannot be forgotten open.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleSessionMiddleware",
    # Pages, PDFs, CSVs and form inputs in the signed-in person's time zone (accounts.User).
    "accounts.middleware.UserTimeZoneMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
                "reminders.context_processors.notifications",
            ],
            # |when |day |month |duration on every template without a {% load %} (core/dates.py).
            "builtins": ["core.templatetags.dates"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The pages run many short queries; PostgreSQL's JIT compiles them for longer than they run.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
    # Parameters bound by the server, and psycopg prepares a query the fifth time a connection
    # runs it: PostgreSQL then skips planning it (planning took 4.5 ms of the plan page's 5.6 ms
    # of SQL at scale 20, 9 of the dashboard's 13). Off behind a pooler in transaction mode.
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"] |= {"server_side_binding": True, "prepare_threshold": 5}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files uploaded to /import/ wait here between the upload, the preview and the write, read by
    # the web and worker processes alike (so on several machines: a shared folder, or a storage
    # backend such as django-storages' S3). Deleted when the import is done or refused.
    "imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env_str("DIALREADY_IMPORT_DIR", str(BASE_DIR / "var" / "imports")),
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The cache holds only what is keyed by its own content (call plan PDFs by a hash of their HTML), so
# it never has to be told to forget. With REDIS_URL every app server shares it; without, a folder
# on this machine that every process reads (no server needed).
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 1000)},
        }
    )
}

# One currency per firm: the job order's bill rate and placement fee, and the money board's values.
DIALREADY_CURRENCY = env_str("DIALREADY_CURRENCY", "USD").upper()
CALLPLAN_PDF_PAPER = env_str("DIALREADY_PDF_PAPER", "letter").lower()
if CALLPLAN_PDF_PAPER not in {"a4", "letter"}:
    raise ImproperlyConfigured("DIALREADY_PDF_PAPER must be a4 or letter")

# The REST API (/api/v1/): requests per token (or signed-in user) and period ("s", "m", "h",
# "d"); past it a 429 with Retry-After. Counted in the cache above.
API_RATE = env_str("DIALREADY_API_RATE", "600/m")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Strict CSP: every script and style is a file served by the app; inline script only with a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_SECONDS", 12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # A proxy that terminates TLS says so with X-Forwarded-Proto.
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A calendar feed's and a shared action plan's secret is its URL: no log line may carry it
    # (reminders/logredact.py).
    "filters": {"feed_secrets": {"()": "reminders.logredact.RedactFeedSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["feed_secrets"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own default config gives `django` a second console handler in DEBUG, so every
        # line printed twice; here it has the one handler, and does not pass lines on to root.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # runserver's request lines, through the console handler and its feed-secret filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint narrates every rendering step at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Background tasks (bulk PDF export of call plans) -----------------------------------------
# Django 6.1 ships the tasks API (django.tasks); the database backend and its `db_worker` command
# come from django-tasks-db (the backend moved there from django-tasks 0.12). Tasks are rows in
# the app's own database, so no broker is needed; `make run` starts a worker beside the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Import from CSV and XLSX (/import/, manage.py import_records) ------------------------------
# The largest file taken (bigger is refused with a message before anything is read) and the most
# rows; a file up to IMPORT_INLINE_MAX_BYTES is read and written in the request itself, a bigger
# one in the task worker while the page shows its progress.
IMPORT_MAX_BYTES = env_int("DIALREADY_IMPORT_MAX_BYTES", 25_000_000)
IMPORT_MAX_ROWS = env_int("DIALREADY_IMPORT_MAX_ROWS", 100_000)
IMPORT_INLINE_MAX_BYTES = env_int("DIALREADY_IMPORT_INLINE_MAX_BYTES", 200_000)

# --- E-mail: password resets and invitations to a team -----------------------------------------
# Django 6.1 configures sending with MAILERS. Without DJANGO_EMAIL_HOST every message is printed to
# the console (development; `check --deploy` reports it), with it they go out by SMTP.
_EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": env_int("DJANGO_EMAIL_PORT", 587),
                "username": env_str("DJANGO_EMAIL_HOST_USER", ""),
                "password": env_str("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
        if _EMAIL_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
# --- Reminders: `manage.py send_reminders` (cron or a timer, every 10 minutes) ---------------
# The daily digest goes out on the first run from this hour (the firm's time zone) on; its links
# start with DIALREADY_SITE_URL (e.g. https://dialready.example.com; unset: paths only).
DIALREADY_DIGEST_HOUR = env_int("DIALREADY_DIGEST_HOUR", 7)
DIALREADY_SITE_URL = env_str("DIALREADY_SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
if not 0 <= DIALREADY_DIGEST_HOUR <= 23:
    raise ImproperlyConfigured("DIALREADY_DIGEST_HOUR must be an hour from 0 to 23")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "DialReady <dialready@localhost>")
# A reset or invitation link works once, for this long (Django's default is 3 days).
PASSWORD_RESET_TIMEOUT = env_int("DJANGO_PASSWORD_LINK_HOURS", 72) * 60 * 60
# Asking for a reset link: at most this many an hour per address and per e-mail address; past it
# the same "check your inbox" page answers and nothing is sent (accounts/throttling.py).
PASSWORD_RESET_PER_ADDRESS = env_int("DJANGO_PASSWORD_RESET_PER_ADDRESS", 10)
PASSWORD_RESET_PER_EMAIL = env_int("DJANGO_PASSWORD_RESET_PER_EMAIL", 3)
# A mutual action plan shared with a client's contact: how long its secret link lasts, how many
# wrong links one address may try in an hour before every link answers 429 to it, and how many
# posts (steps marked done, comments) one link may make in an hour (actionplans/views.py).
ACTION_PLAN_LINK_DAYS = env_int("DJANGO_ACTION_PLAN_LINK_DAYS", 30)
ACTION_PLAN_GUESSES_PER_ADDRESS = env_int("DJANGO_ACTION_PLAN_GUESSES_PER_ADDRESS", 20)
ACTION_PLAN_POSTS_PER_LINK = env_int("DJANGO_ACTION_PLAN_POSTS_PER_LINK", 60)
if min(ACTION_PLAN_LINK_DAYS, ACTION_PLAN_GUESSES_PER_ADDRESS, ACTION_PLAN_POSTS_PER_LINK) < 1:
    raise ImproperlyConfigured(
        "DJANGO_ACTION_PLAN_LINK_DAYS, DJANGO_ACTION_PLAN_GUESSES_PER_ADDRESS and "
        "DJANGO_ACTION_PLAN_POSTS_PER_LINK must each be 1 or more."
    )

# --- Trust: login throttling and idle sessions ------------------------------------------------
# django-axes counts failed logins per username *and* address: after DJANGO_LOGIN_FAILURE_LIMIT
# failures that pair is refused for DJANGO_LOGIN_COOLOFF_MINUTES (a 429 page saying until when),
# while the same person on another network, or a colleague on this one, can still log in. Against
# password spraying, accounts/throttling.py adds a second limit: DJANGO_LOGIN_ADDRESS_LIMIT
# *different* usernames failing from one address pause that address (names, not failures, so one
# person's typos never pause an office behind one NAT address). Wrong current passwords on the
# password-change form count as failed logins. AxesBackend (not the standalone one) comes first
# because it can also load the signed-in user from a session. Its admin pages are off: a lockout
# runs out, or `manage.py axes_reset_username NAME` / `manage.py axes_reset_ip ADDRESS` lifts it.
# DJANGO_SESSION_IDLE_SECONDS signs out a session nobody used for that long (see
# accounts/middleware.py: it rewrites the session at most every 5 minutes, never on each page).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "accounts.backends.PasswordBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
# Axes reads a float as hours.
AXES_COOLOFF_TIME = env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "accounts.throttling.AddressAwareAxesHandler"
LOGIN_ADDRESS_USERNAME_LIMIT = env_int("DJANGO_LOGIN_ADDRESS_LIMIT", 10)
AXES_RESET_ON_SUCCESS = True
# The pause runs from the lockout: more attempts while paused do not prolong it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.throttling.login_locked_out"
if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
    AXES_CLIENT_IP_CALLABLE = "accounts.throttling.forwarded_client_address"
AXES_ENABLE_ADMIN = False
# Failed logins and lockouts are warnings; every successful login at INFO would drown them.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}
SESSION_IDLE_SECONDS = env_int("DJANGO_SESSION_IDLE_SECONDS", 8 * 60 * 60)
if (
    AXES_FAILURE_LIMIT < 1
    or LOGIN_ADDRESS_USERNAME_LIMIT < 1
    or PASSWORD_RESET_PER_ADDRESS < 1
    or PASSWORD_RESET_PER_EMAIL < 1
    or PASSWORD_RESET_TIMEOUT < 60 * 60
    or AXES_COOLOFF_TIME <= 0
    or SESSION_IDLE_SECONDS < 60
):
    raise ImproperlyConfigured(
        "DJANGO_LOGIN_FAILURE_LIMIT, DJANGO_LOGIN_ADDRESS_LIMIT, DJANGO_LOGIN_COOLOFF_MINUTES, "
        "DJANGO_PASSWORD_RESET_PER_ADDRESS, DJANGO_PASSWORD_RESET_PER_EMAIL and "
        "DJANGO_PASSWORD_LINK_HOURS must be at least 1, "
        "DJANGO_SESSION_IDLE_SECONDS at least 60"
    )
