"""The health check: 200 when database, cache and broker answer, 503 with the failing part named."""

import logging
import os
import time

import pytest
from django.core.cache import caches
from django.db import OperationalError, connections

pytestmark = [pytest.mark.urls("tests.wup.health_urls"), pytest.mark.django_db]

SECRET_DETAIL = "db-primary.internal.example:5432 password authentication failed"


def test_all_ok_with_eager_tasks(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "eager"},
    }
    assert response["Cache-Control"] == "no-store"


def test_real_broker_ok(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_head_is_allowed(client):
    response = client.head("/healthz")
    assert response.status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_only_get_and_head(client, method):
    response = getattr(client, method)("/healthz")
    assert response.status_code == 405


def test_database_down(client, monkeypatch, caplog):
    def broken_cursor(*args, **kwargs):
        raise OperationalError(SECRET_DETAIL)

    monkeypatch.setattr(connections["default"], "cursor", broken_cursor)
    with caplog.at_level(logging.ERROR, logger="wup.views.health"):
        response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"] == "fail"
    assert body["checks"]["cache"] == "ok"
    # The reason is logged for operators, never sent to the caller.
    assert "db-primary" not in response.content.decode()
    assert any(r.exc_info and SECRET_DETAIL in str(r.exc_info[1]) for r in caplog.records)


def test_cache_down(client, monkeypatch, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True

    def broken_set(*args, **kwargs):
        raise ConnectionError("cache.internal.example refused the connection")

    monkeypatch.setattr(caches["default"], "set", broken_set)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "fail", "broker": "eager"}
    assert "cache.internal" not in response.content.decode()


def test_cache_that_forgets(client, monkeypatch):
    monkeypatch.setattr(caches["default"], "get", lambda *args, **kwargs: None)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "fail"


def test_broker_down_fails_fast(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    body = response.json()
    assert body == {
        "status": "fail",
        "checks": {"database": "ok", "cache": "ok", "broker": "fail"},
    }
    assert "127.0.0.1" not in response.content.decode()
    assert elapsed < 3
