"""Django's migrate, run as the database owner when DATABASE_OWNER_URL is set, followed by the
app role's grants (wup/db_roles.py: the app's role may only read and append to the audit
trail)."""

from __future__ import annotations

from django.core.management.commands.migrate import Command as DjangoMigrate
from django.db import DEFAULT_DB_ALIAS

from wup import db_roles


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        owner = db_roles.owner_settings()
        alias = options["database"]
        if owner is None or alias != DEFAULT_DB_ALIAS:
            return super().handle(*args, **options)
        with db_roles.connected_as_owner(alias, owner) as app_role:
            super().handle(*args, **options)
            if db_roles.grant_app_role(alias, app_role) and options["verbosity"]:
                self.stdout.write(
                    f"Granted {app_role}: its usual rights, and on the audit trail only "
                    "SELECT and INSERT."
                )
