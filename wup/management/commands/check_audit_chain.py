"""Walk the audit trail's hash chain (wup/audit_chain.py) and name the first entry that does not
fit: exit status 0 when the chain is whole, 1 when an entry was edited or removed."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from wup import audit_chain
from wup.models import AuditEntry


class Command(BaseCommand):
    help = "Check that no audit entry was edited or removed (exit status 1 if one was)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database: str, **options) -> None:
        rows = audit_chain.rows_in_order(AuditEntry.objects.using(database))
        checked, broken = audit_chain.first_break(rows)
        if broken is None:
            last = (
                AuditEntry.objects.using(database)
                .order_by("-pk")
                .values_list("entry_hash", flat=True)
                .first()
            )
            last = last or audit_chain.GENESIS
            self.stdout.write(f"The audit chain is whole: {checked} entries; last hash {last}")
            return
        self.stderr.write(
            f"The audit chain breaks at entry {broken.pk} ({broken.created_at:%Y-%m-%d %H:%M:%S}): "
            f"{broken.reason}. {checked} entries before it are whole."
        )
        sys.exit(1)
