"""Dialogue sessions in the support staff's admin (wup/admin.py); participants are residents:
read-only, and opening one is audited."""

from django.contrib import admin

from dialogue.models import DialogueSession, Participant
from wup.admin import AuditedAdmin, PersonalDataAdmin


@admin.register(DialogueSession)
class DialogueSessionAdmin(AuditedAdmin):
    list_display = ["title", "neighbourhood", "starts_at", "status"]
    list_filter = ["status", "neighbourhood__municipality"]
    search_fields = ["title"]
    list_select_related = ["neighbourhood"]
    filter_horizontal = ["invited_parties"]


@admin.register(Participant)
class ParticipantAdmin(PersonalDataAdmin):
    list_display = ["pk", "session", "group", "source", "created_at"]
    list_filter = ["source", "group"]
    list_select_related = ["session"]
    exclude = ["token"]
