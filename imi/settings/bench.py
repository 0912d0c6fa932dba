"""Settings of the page benchmark (``make bench-pages``): production's, plus what measures it.

The base settings as deployed, with a bench-only URLconf (a bare logged-in view
to compare every page with) and a middleware that counts each response's
queries. Served over plain HTTP on 127.0.0.1 by the benchmark's own gunicorn;
no mail leaves (the pages it measures send none).
"""

import warnings

from imi.settings.base import *  # noqa: F403
from imi.settings.base import MIDDLEWARE

ROOT_URLCONF = "imi.bench_urls"
# Outermost, so the session's save at the end of a response is counted too.
MIDDLEWARE = ["demo.bench_pages.QueryCountMiddleware", *MIDDLEWARE]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Static files are served by WhiteNoise as in production; the benchmark asks for none, so none are collected.
warnings.filterwarnings("ignore", message="No directory at")
