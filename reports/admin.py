"""Reports in the support staff's admin (wup/admin.py): to see why a PDF did not come."""

from django.contrib import admin

from reports.models import Report
from wup.admin import AuditedAdmin


@admin.register(Report)
class ReportAdmin(AuditedAdmin):
    list_display = ["kind", "municipality", "neighbourhood", "status", "attempts", "created_at"]
    list_filter = ["status", "kind", "municipality"]
    list_select_related = ["municipality", "neighbourhood"]
    readonly_fields = ["source_hash", "checksum", "error", "requested_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False  # a report is requested on its page, which renders it
