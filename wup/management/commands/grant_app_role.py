"""Grant the app's database role its rights, the audit trail append-only (wup/db_roles.py);
run as the owner (DATABASE_OWNER_URL). `migrate` does this itself afterwards."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from wup import db_roles


class Command(BaseCommand):
    help = "Give DATABASE_URL's role its rights; on the audit trail only SELECT and INSERT."

    def handle(self, *args, **options) -> None:
        owner = db_roles.owner_settings()
        if owner is None:
            raise CommandError(
                "Set DATABASE_OWNER_URL to a PostgreSQL role other than DATABASE_URL's."
            )
        with db_roles.connected_as_owner(DEFAULT_DB_ALIAS, owner) as app_role:
            db_roles.grant_app_role(DEFAULT_DB_ALIAS, app_role)
        self.stdout.write(f"Granted {app_role}; on the audit trail only SELECT and INSERT.")
