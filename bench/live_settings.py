"""Settings for the gunicorn server that bench.live starts: production settings, plain HTTP.

bench.live sets the environment (DEBUG off, DATABASE_URL, REDIS_URL, SECRET_KEY, …) before
this module is read, in its own process and in gunicorn's. Only what differs from production is
changed here: the URLconf carries the floor view, cookies go over plain HTTP on loopback, and the
static files come from a collectstatic run into a temporary directory (BENCH_STATIC_ROOT).
"""

import os

from wup.settings import *  # noqa: F403
from wup.settings import CACHES

ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False

if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]

# Keep the benchmark's cache entries apart from anything else in the same Redis.
if "KEY_PREFIX" in CACHES["default"]:
    CACHES["default"]["KEY_PREFIX"] = "wijkwaarde-bench"
