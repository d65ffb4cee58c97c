"""The Report model moves to the reports app: its foreign keys to roadmap versions and dialogue
sessions go (0004 copied them into `subject_id`), the table is renamed to reports_report and
the model leaves roadmap's state. reports/migrations/0001_initial.py takes it over with its
rows, ids, files (`file` keeps its stored names, reports/YYYY/MM/…), indexes and constraints."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("roadmap", "0004_report_subject"),
    ]

    operations = [
        migrations.RemoveField(model_name="report", name="session"),
        migrations.RemoveField(model_name="report", name="version"),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="report", table="reports_report"),
            ],
            state_operations=[
                migrations.DeleteModel(name="Report"),
            ],
        ),
    ]
