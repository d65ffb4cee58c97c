"""The report row: a requested PDF and its life, queued → rendering → done or failed.

Until the move to this app the table belonged to roadmap (roadmap_report, see
roadmap/migrations/0004 and 0005 and reports/migrations/0001); the rows, their files and their
ids are the same.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wup.models import Municipality, Neighbourhood

from . import kinds
from .kinds import KIND_MAX_LENGTH, validate_kind


class Report(models.Model):
    """A requested PDF. The row is the source of truth; the Celery task only carries its id.

    `kind` names who makes it (see `reports.kinds`); `neighbourhood` or, for a report about a
    whole municipality, `municipality` says whose it is; `subject_id` is what the kind reports on
    (empty when the neighbourhood or municipality is all it needs).
    """

    class Status(models.TextChoices):
        QUEUED = "wachtrij", _("In de wachtrij")
        RENDERING = "bezig", _("Wordt gemaakt")
        DONE = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    kind = models.CharField(max_length=KIND_MAX_LENGTH, validators=[validate_kind])
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="reports", null=True, blank=True
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="reports", null=True, blank=True
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    source_hash = models.CharField(max_length=64, db_index=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.QUEUED)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    checksum = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind_label} #{self.pk} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self._state.adding:
            validate_kind(self.kind)  # a row nobody can render is refused, not queued
        super().save(*args, **kwargs)

    @property
    def kind_label(self) -> str:
        return kinds.label(self)

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    def mark_started(self) -> bool:
        """Claim the job for one worker; return False when another worker has it or it is done."""
        claimed = Report.objects.filter(pk=self.pk, status=self.Status.QUEUED).update(
            status=self.Status.RENDERING,
            started_at=timezone.now(),
            attempts=models.F("attempts") + 1,
        )
        if claimed:
            self.refresh_from_db()
        return bool(claimed)
