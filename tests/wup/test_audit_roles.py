"""Two database roles (wup/db_roles.py): the app's role reads and appends to the audit trail but
can neither empty it, nor alter it, nor switch off its append-only trigger; migrate runs as the
owner and grants that."""

import uuid

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections

from wup import db_roles
from wup.models import AuditEntry, Municipality

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL roles")


@pytest.fixture
def app_role(transactional_db):
    name = f"ww_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{name}" LOGIN')
    yield name
    connections.close_all()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{name}"')
        cursor.execute(f'DROP ROLE "{name}"')


def _connect_as(role: str) -> psycopg.Connection:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params = {k: v for k, v in params.items() if k in {"dbname", "host", "port"}}
    return psycopg.connect(**params, user=role, autocommit=True)


def _fails(conn: psycopg.Connection, statement: str) -> bool:
    try:
        conn.execute(statement)
    except psycopg.errors.InsufficientPrivilege:
        return True
    return False


def test_the_app_role_appends_but_cannot_empty_or_alter_the_trail(app_role):
    AuditEntry.objects.create(actor_name="eigenaar", action="update", object_type="municipality")
    assert db_roles.grant_app_role("default", app_role)
    with _connect_as(app_role) as app:
        app.execute(
            "INSERT INTO wup_auditentry (created_at, actor_name, action, object_type, object_id,"
            " object_repr, changes, result, prev_hash, entry_hash)"
            " VALUES (now(), 'app', 'update', 'page', '', '', '{}', 'ok', '', '')"
        )
        assert app.execute("SELECT count(*) FROM wup_auditentry").fetchone()[0] == 2
        assert _fails(app, "TRUNCATE wup_auditentry")
        assert _fails(app, "ALTER TABLE wup_auditentry DISABLE TRIGGER wup_auditentry_append_only")
        assert _fails(app, "ALTER TABLE wup_auditentry ADD COLUMN note text")
        assert _fails(app, "UPDATE wup_auditentry SET actor_name = 'x'")
        assert _fails(app, "DELETE FROM wup_auditentry")
        # Everywhere else the app works as usual.
        app.execute("UPDATE wup_municipality SET name = name")
    assert AuditEntry.objects.count() == 2


def test_migrate_connects_as_the_owner_and_grants_the_app_role(app_role, settings):
    owner = connection.settings_dict["USER"]
    settings.DATABASE_OWNER_URL = (
        f"postgres://{owner}@{connection.settings_dict['HOST']}:"
        f"{connection.settings_dict['PORT'] or 5432}/ignored"
    )
    default = connections["default"]
    saved_user = default.settings_dict["USER"]
    default.close()
    default.settings_dict["USER"] = app_role
    settings.DATABASES["default"]["USER"] = app_role
    try:
        call_command("migrate", verbosity=0)
        # Back on the app's role: reading and appending work, emptying does not.
        Municipality.objects.count()
        AuditEntry.objects.create(actor_name="app", action="update", object_type="page")
        with default.cursor() as cursor, pytest.raises(Exception, match="permission denied"):
            cursor.execute("TRUNCATE wup_auditentry")
    finally:
        default.close()
        default.settings_dict["USER"] = saved_user
        settings.DATABASES["default"]["USER"] = saved_user


def test_nothing_to_grant_without_a_separate_owner(settings):
    settings.DATABASE_OWNER_URL = ""
    assert db_roles.owner_settings() is None
    settings.DATABASE_OWNER_URL = f"postgres://{connection.settings_dict['USER']}@localhost/x"
    assert db_roles.owner_settings() is None
