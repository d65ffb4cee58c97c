"""The audit trail: every back-office change is written here, at the call site that makes it."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from .client import client_address
from .models import AuditEntry, Municipality


def form_changes(form) -> dict[str, Any]:
    """Return {field: new value} for what a bound, valid form changed (values as text)."""
    changes = {}
    for name in form.changed_data:
        value = form.cleaned_data.get(name)
        if isinstance(value, models.QuerySet) or isinstance(value, list | tuple | set):
            value = sorted(str(v) for v in value)
        elif hasattr(value, "name") and not isinstance(value, models.Model):
            value = getattr(value, "name", "")  # an uploaded file: its name, never its content
        else:
            value = "" if value is None else str(value)
        changes[name] = value
    return changes


def record(
    request: HttpRequest,
    *,
    action: str,
    obj: models.Model,
    municipality: Municipality | None,
    changes: dict[str, Any] | None = None,
    result: str = AuditEntry.Result.OK,
) -> AuditEntry:
    """Write one audit entry for a change made by the request's user."""
    user = request.user if request.user.is_authenticated else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user else "",
        municipality=municipality,
        action=action,
        object_type=obj._meta.model_name,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:200],
        changes=changes or {},
        result=result,
        ip_address=client_address(request) or None,
    )


def record_login(
    request: HttpRequest, *, username: str, ok: bool, locked: bool = False
) -> AuditEntry:
    """Write one login attempt: who tried (as typed, for a failure), the outcome, the address."""
    user = request.user if ok and request.user.is_authenticated else None
    changes = {"vergrendeld": True} if locked else {}
    return AuditEntry.objects.create(
        actor=user,
        actor_name=username[:150],
        municipality=None,
        action="login",
        object_type="user",
        object_id=str(user.pk) if user else "",
        object_repr=username[:200],
        changes=changes,
        result=AuditEntry.Result.OK if ok else AuditEntry.Result.DENIED,
        ip_address=client_address(request) or None,
    )


def record_account_event(request: HttpRequest, *, action: str, ok: bool) -> AuditEntry:
    """Write one event of the signed-in person's own account (second step, enrolment)."""
    user = request.user
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username(),
        municipality=None,
        action=action,
        object_type="user",
        object_id=str(user.pk),
        object_repr=user.get_username()[:200],
        result=AuditEntry.Result.OK if ok else AuditEntry.Result.DENIED,
        ip_address=client_address(request) or None,
    )


def save_form(
    request: HttpRequest, form, *, action: str, municipality: Municipality | None
) -> models.Model:
    """Save a valid ModelForm and write its audit entry, both or neither; return the object."""
    with transaction.atomic():
        obj = form.save()
        record(
            request,
            action=action,
            obj=obj,
            municipality=municipality,
            changes=form_changes(form),
        )
    return obj
