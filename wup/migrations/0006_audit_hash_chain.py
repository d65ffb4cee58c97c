"""Chain the audit trail: each entry stores its hash and its predecessor's (wup/audit_chain.py);
entries written before this are chained here, in the order they were written."""

import django.utils.timezone
from django.db import migrations, models

from wup import audit_chain

TRIGGER = "wup_auditentry_append_only"


def chain_existing(apps, schema_editor):
    AuditEntry = apps.get_model("wup", "AuditEntry")
    alias = schema_editor.connection.alias
    postgres = schema_editor.connection.vendor == "postgresql"
    if not AuditEntry.objects.using(alias).exists():
        return
    if postgres:
        # The trail is append-only (migration 0002); only this one-time fill may write to it.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE wup_auditentry DISABLE TRIGGER {TRIGGER}")
    previous = audit_chain.GENESIS
    rows = AuditEntry.objects.using(alias).order_by("pk").values("pk", *audit_chain.FIELDS)
    for row in rows.iterator(2000):
        current = audit_chain.entry_hash(row, previous)
        AuditEntry.objects.using(alias).filter(pk=row["pk"]).update(
            prev_hash=previous, entry_hash=current
        )
        previous = current
    if postgres:
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE wup_auditentry ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [("wup", "0005_council_report_woo")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
