"""Seed the Startanalyse strategy table and make the audit trail append-only on PostgreSQL."""

from django.db import migrations

VARIANTS = [
    ("2020", "S1", "Individuele elektrische warmtepomp"),
    ("2020", "S2", "Warmtenet met midden- tot hogetemperatuurbron"),
    ("2020", "S3", "Warmtenet met lagetemperatuurbron"),
    ("2020", "S4", "Hernieuwbaar gas met hybride warmtepomp"),
    ("2020", "S5", "Hernieuwbaar gas met HR-ketel"),
    ("nieuwste", "S1_WP", "Warmtepomp"),
    ("nieuwste", "S2_MT", "Warmtenet middentemperatuur"),
    ("nieuwste", "S3_LT", "Warmtenet lage temperatuur"),
    ("nieuwste", "S4_KG", "Klimaatneutraal gas met hybride warmtepomp"),
]

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION wup_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER wup_auditentry_append_only
    BEFORE UPDATE OR DELETE ON wup_auditentry
    FOR EACH ROW EXECUTE FUNCTION wup_auditentry_append_only();
"""

DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS wup_auditentry_append_only ON wup_auditentry;
DROP FUNCTION IF EXISTS wup_auditentry_append_only();
"""


def add_variants(apps, schema_editor):
    Variant = apps.get_model("wup", "StartanalyseVariant")
    for edition, code, name in VARIANTS:
        Variant.objects.update_or_create(edition=edition, code=code, defaults={"name": name})


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [("wup", "0001_initial")]

    operations = [
        migrations.RunPython(add_variants, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
