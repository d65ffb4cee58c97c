"""An adopted roadmap version never changes: PostgreSQL refuses an UPDATE of one."""

from django.db import migrations

IMMUTABLE = """
CREATE OR REPLACE FUNCTION roadmap_version_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'an adopted roadmap version cannot change';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER roadmap_version_immutable
    BEFORE UPDATE ON roadmap_roadmapversion
    FOR EACH ROW EXECUTE FUNCTION roadmap_version_immutable();
"""

DROP = """
DROP TRIGGER IF EXISTS roadmap_version_immutable ON roadmap_roadmapversion;
DROP FUNCTION IF EXISTS roadmap_version_immutable();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(IMMUTABLE)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0001_initial")]

    operations = [migrations.RunPython(add_trigger, drop_trigger)]
