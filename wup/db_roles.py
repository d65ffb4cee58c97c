"""Two database roles on PostgreSQL: the owner, which migrates, and the app's role, which may only
read and append to the audit trail.

`manage.py migrate` connects as DATABASE_OWNER_URL's role when that setting is given (see
wup/management/commands/migrate.py) and afterwards calls `grant_app_role`: the app's role
(DATABASE_URL's user) gets the usual rights on every table and sequence of the schema, and on
the audit table only SELECT and INSERT. It is not the owner, so it can neither ALTER the table
nor switch off the trigger that makes it append-only (migration 0002), and TRUNCATE was never
granted. `manage.py grant_app_role` does the grants alone. Nothing happens on SQLite or when both
roles are the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.db import connections
from psycopg import sql

AUDIT_TABLE = "wup_auditentry"
# What the owner's URL may change about the connection; the database itself stays the same.
OWNER_KEYS = ("USER", "PASSWORD", "HOST", "PORT")


def owner_settings() -> dict | None:
    """The owner's connection settings, or None when there is no separate owner."""
    if not settings.DATABASE_OWNER_URL:
        return None
    from wup.settings import database_from_url

    owner = database_from_url(settings.DATABASE_OWNER_URL)
    default = settings.DATABASES["default"]
    if owner["ENGINE"] != default["ENGINE"] or "postgresql" not in owner["ENGINE"]:
        return None
    if owner["USER"] == default["USER"]:
        return None
    return {key: owner[key] for key in OWNER_KEYS}


@contextlib.contextmanager
def connected_as_owner(alias: str, owner: dict) -> Iterator[str]:
    """Connect `alias` as the owner for the block; yields the app's role name."""
    connection = connections[alias]
    saved = {key: connection.settings_dict[key] for key in OWNER_KEYS}
    connection.close()
    connection.settings_dict.update(owner)
    try:
        yield saved["USER"]
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def grant_app_role(alias: str, app_role: str) -> bool:
    """Give `app_role` its rights in the schema, the audit table append-only; False when there
    is nothing to do (not PostgreSQL, or the connection is that role itself)."""
    connection = connections[alias]
    if connection.vendor != "postgresql" or not app_role:
        return False
    role = sql.Identifier(app_role)
    statements = [
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            role
        ),
        sql.SQL("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
        sql.SQL("REVOKE ALL ON {} FROM {}").format(sql.Identifier(AUDIT_TABLE), role),
        sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(sql.Identifier(AUDIT_TABLE), role),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == app_role:
            return False
        for statement in statements:
            cursor.execute(statement)
    return True
