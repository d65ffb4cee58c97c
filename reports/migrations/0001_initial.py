"""The Report model, taken over from roadmap with its table (roadmap/migrations/0005 renamed
roadmap_report to reports_report): this migration only tells Django's state, the database
already holds the table, its rows and their files. On a new database roadmap's migrations
create the table first (the dependency below).

The content type (and so any permission on reports) moves along."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import reports.kinds


def move_content_type(apps, schema_editor, old="roadmap", new="reports"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model="report").exists():
        ContentType.objects.using(db).filter(app_label=old, model="report").update(app_label=new)
    ContentType.objects.clear_cache()


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old="reports", new="roadmap")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("roadmap", "0005_report_moves_to_reports"),
        ("wup", "0003_residents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Report",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=20, validators=[reports.kinds.validate_kind])),
                        ("subject_id", models.PositiveBigIntegerField(blank=True, db_index=True, null=True)),
                        ("source_hash", models.CharField(db_index=True, max_length=64)),
                        ("status", models.CharField(choices=[("wachtrij", "In de wachtrij"), ("bezig", "Wordt gemaakt"), ("klaar", "Klaar"), ("mislukt", "Mislukt")], default="wachtrij", max_length=20)),
                        ("file", models.FileField(blank=True, upload_to="reports/%Y/%m/")),
                        ("checksum", models.CharField(blank=True, max_length=64)),
                        ("error", models.TextField(blank=True)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("municipality", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="reports", to="wup.municipality")),
                        ("neighbourhood", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="reports", to="wup.neighbourhood")),
                        ("requested_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-created_at"],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
