"""Settings for the test suite: the base settings with fast, isolated services."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")

from imi.settings.base import *  # noqa: E402,F403
from imi.settings.base import BASE_DIR  # noqa: E402

DEBUG = False
# The test client and the live server serve static files from the finders.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Under pytest-xdist each worker its own folder (as it has its own database): gw0, gw1, ...
PRIVATE_MEDIA_ROOT = BASE_DIR / ".devdata" / "test-private-media" / os.environ.get("PYTEST_XDIST_WORKER", "")
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
}
SESSION_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
# Rate limits are tested explicitly where they matter.
ACCOUNT_RATE_LIMITS = {"login_failed": "1000/m/ip,5/5m/key", "reset_password": "1000/m/ip"}
CELERY_TASK_ALWAYS_EAGER = True
# Each test process its own cache, so rate limits and one-time codes don't leak between runs.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
