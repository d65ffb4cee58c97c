"""A report names what it is about by its kind: `subject_id` holds the adopted version of a
roadmap report and the session of a session report, instead of two foreign keys. The report
table then moves to the reports app, which knows neither (0005, reports 0001)."""

from django.db import migrations, models
from django.db.models import F


def subjects_from_foreign_keys(apps, schema_editor):
    Report = apps.get_model("roadmap", "Report")
    Report.objects.filter(version__isnull=False).update(subject_id=F("version_id"))
    Report.objects.filter(session__isnull=False).update(subject_id=F("session_id"))


def foreign_keys_from_subjects(apps, schema_editor):
    Report = apps.get_model("roadmap", "Report")
    reports = Report.objects.filter(subject_id__isnull=False)
    reports.filter(kind="routekaart").update(version_id=F("subject_id"))
    reports.filter(kind="sessie").update(session_id=F("subject_id"))
    if schema_editor.connection.vendor == "postgresql":
        # Check the deferred foreign keys now: the table is altered next, in this transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("roadmap", "0003_report_municipality"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, db_index=True, null=True),
        ),
        migrations.RunPython(subjects_from_foreign_keys, foreign_keys_from_subjects),
    ]
