"""A report can be about a whole municipality: the council's progress report."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roadmap', '0002_versions_are_immutable'),
        ('wup', '0003_residents'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='municipality',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='reports', to='wup.municipality'),
        ),
    ]
