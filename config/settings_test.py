"""Test settings: only what makes the suite fast and hermetic."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-" + "k" * 50)

from config.env import BASE_DIR
from config.settings import *  # noqa: F403
from config.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests that change rows directly and look again would see a kept page; the page
# cache's own tests turn it on (wijkvoucher/transparency/tests/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
SECURITY_CONTACT = "mailto:security@example.nl"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared memory: threads in the concurrency tests need their own
    # connections (docs/quality.md#the-test-database). One file per pytest process,
    # in var/, made here so that a fresh clone runs pytest without `make` first.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3"),
    }
