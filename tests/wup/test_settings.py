"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-0123456789-abcdefghijk",
    "ALLOWED_HOSTS": "wijkwaarde.example.nl",
    "DATABASE_URL": "postgres://wijkwaarde@db:5432/wijkwaarde",
    "REDIS_URL": "redis://redis:6379/0",
    "EMAIL_BACKEND": "smtp",
    "SITE_URL": "https://wijkwaarde.example.nl",
}


def manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    # The browser tests allow async-unsafe calls for the whole test process; a deployment must not.
    dropped = {*PRODUCTION, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = manage("check", env={**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_in_a_production_like_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_deploy_check_fails_without_the_public_url():
    result = manage("check", "--deploy", env={**PRODUCTION, "SITE_URL": ""})
    assert result.returncode != 0
    assert "wup.E001" in result.stderr and "SITE_URL is not set" in result.stderr


def test_deploy_check_refuses_a_public_url_without_scheme():
    result = manage("check", "--deploy", env={**PRODUCTION, "SITE_URL": "wijkwaarde.example.nl"})
    assert result.returncode != 0
    assert "wup.E002" in result.stderr


def test_without_debug_a_proxy_needs_at_least_one_trusted_hop():
    result = manage("check", env={**PRODUCTION, "BEHIND_PROXY": "true", "TRUSTED_PROXY_COUNT": "0"})
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be 1 or more" in result.stderr


def test_a_bad_boolean_is_a_configuration_error():
    result = manage("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("sqlite:///db.sqlite3", "django.db.backends.sqlite3", "db.sqlite3"),
        (
            "postgres://u:p%40ss@h:6543/wijk?sslmode=require",
            "django.db.backends.postgresql",
            "wijk",
        ),
    ],
)
def test_database_url_is_parsed(url, engine, name):
    from wup.settings import database_from_url

    config = database_from_url(url)
    assert config["ENGINE"] == engine
    assert str(config["NAME"]) == name
    if engine.endswith("postgresql"):
        assert config["PASSWORD"] == "p@ss"
        assert config["PORT"] == "6543"
        assert config["OPTIONS"] == {"sslmode": "require"}
        assert config["CONN_MAX_AGE"] > 0
