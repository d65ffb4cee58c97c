"""An upload on its way in: the files, what the lead chose, the preview and the outcome.

The row is the truth; the Celery tasks carry only its id. The uploaded files stay until the lead
confirms or cancels (``ImportJob.discard_files``); what was stored is in the audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wup.models import Municipality


class ImportJob(models.Model):
    class Status(models.TextChoices):
        CHECKING = "controleren", _("Wordt gecontroleerd")
        CHECKED = "gecontroleerd", _("Klaar om op te slaan")
        FAILED = "fouten", _("Fouten gevonden")
        STORING = "opslaan", _("Wordt opgeslagen")
        DONE = "klaar", _("Opgeslagen")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="import_jobs"
    )
    source = models.CharField(max_length=30)
    status = models.CharField(max_length=20, choices=Status, default=Status.CHECKING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of the current step
    file = models.FileField(upload_to="imports/", blank=True)
    second_file = models.FileField(upload_to="imports/", blank=True)
    file_name = models.CharField(max_length=200)
    second_file_name = models.CharField(max_length=200, blank=True)
    options = models.JSONField(default=dict, blank=True)
    # {"counts": [[label, number], …], "columns": […], "rows": [[…], …], "notes": […]}
    preview = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inlezing")
        verbose_name_plural = _("inlezingen")

    def __str__(self) -> str:
        return f"{self.source} {self.file_name} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in {self.Status.CHECKING, self.Status.STORING}

    def discard_files(self) -> None:
        """Delete the uploaded files: they are needed only until the lead decides."""
        for field in (self.file, self.second_file):
            if field.name:
                field.delete(save=False)
        self.save(update_fields=["file", "second_file"])
