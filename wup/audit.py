"""The audit trail: every back-office change is written here, at the call site that makes it.

What no single call site sees is written by `AuditMiddleware`: a signed-in person refused in the
back office (403, or the 404 that hides what is outside their reach) and every file a signed-in
person downloads (CSV and PDF exports). Each entry joins the hash chain (wup/audit_chain.py).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse

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


# Where a refusal is evidence: the back office and the reports' pages. Elsewhere a 404 is a
# resident's typo.
BACK_OFFICE_PREFIXES = ("/beheer/", "/rapporten/")


def _municipality_in(request: HttpRequest) -> Municipality | None:
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("municipality_slug") if match else None
    if not slug:
        return None
    return Municipality.objects.filter(slug=slug).first()


def _request_entry(
    request: HttpRequest,
    *,
    action: str,
    object_type: str,
    object_repr: str,
    changes: dict[str, Any],
    result: str,
) -> AuditEntry:
    user = request.user
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username(),
        municipality=_municipality_in(request),
        action=action,
        object_type=object_type,
        object_repr=object_repr[:200],
        changes=changes,
        result=result,
        ip_address=client_address(request) or None,
    )


def record_denied(request: HttpRequest, *, status: int) -> AuditEntry:
    """Write that the signed-in person was refused this page (403), or did not get to see
    whether it exists (404). The path names no person (no personal data in URLs)."""
    return _request_entry(
        request,
        action="access",
        object_type="page",
        object_repr=request.path,
        changes={"statuscode": status, "methode": request.method},
        result=AuditEntry.Result.DENIED,
    )


def record_export(request: HttpRequest, *, filename: str) -> AuditEntry:
    """Write that the signed-in person downloaded a file (an export or a report)."""
    return _request_entry(
        request,
        action="export",
        object_type="file",
        object_repr=filename or request.path,
        changes={"adres": request.path},
        result=AuditEntry.Result.OK,
    )


def _attachment_name(response: HttpResponse) -> str | None:
    disposition = response.get("Content-Disposition", "")
    if not disposition.startswith("attachment"):
        return None
    _, _, rest = disposition.partition("filename=")
    return rest.split(";")[0].strip().strip('"')


class AuditMiddleware:
    """Audit what no view records itself: refusals in the back office and downloads, both only
    for signed-in people (residents' own downloads, such as their data export, are theirs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 200 and request.user.is_authenticated:
            filename = _attachment_name(response)
            if filename is not None:
                record_export(request, filename=filename)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if not request.user.is_authenticated:
            return
        if isinstance(exception, PermissionDenied):
            record_denied(request, status=403)
        elif isinstance(exception, Http404) and request.path.startswith(BACK_OFFICE_PREFIXES):
            record_denied(request, status=404)
