"""Liveness and readiness in one small view, for load balancers, Docker and monitoring.

Each dependency is tried once with a short timeout. The answer says only which check failed;
the reason goes to the server log, never to the caller (no exception text, no host names).
"""

from __future__ import annotations

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from wup.celery import app

logger = logging.getLogger(__name__)

OK = "ok"
FAIL = "fail"
EAGER = "eager"

# Seconds; a health check that hangs is worse than one that says "fail".
BROKER_TIMEOUT = 2


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database did not answer")
        return FAIL
    return OK


def check_cache() -> str:
    key = f"healthz:{secrets.token_hex(8)}"
    value = secrets.token_hex(8)
    try:
        cache.set(key, value, timeout=10)
        found = cache.get(key)
        cache.delete(key)
    except Exception:
        logger.exception("Health check: the cache did not answer")
        return FAIL
    if found != value:
        logger.error("Health check: the cache did not return what was stored")
        return FAIL
    return OK


def check_broker() -> str:
    """Connect to the Celery broker once; with tasks run eagerly there is no broker to check."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return EAGER
    try:
        conn = app.connection_for_write(
            getattr(settings, "CELERY_BROKER_URL", None),
            connect_timeout=BROKER_TIMEOUT,
            transport_options={
                "socket_connect_timeout": BROKER_TIMEOUT,
                "socket_timeout": BROKER_TIMEOUT,
            },
        )
        with conn:
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
    except Exception:
        logger.exception("Health check: the message broker did not answer")
        return FAIL
    return OK


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    checks = {"database": check_database(), "cache": check_cache(), "broker": check_broker()}
    healthy = all(result in (OK, EAGER) for result in checks.values())
    response = JsonResponse(
        {"status": OK if healthy else FAIL, "checks": checks}, status=200 if healthy else 503
    )
    response["Cache-Control"] = "no-store"
    return response
