"""Staff views for input that did not come in through a phone: typing in paper forms one by one,
and the CSV export and import of a session's scores and arguments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from dialogue.access import get_session_for
from dialogue.models import DialogueSession
from dialogue.paper import (
    HEADER,
    ImportForm,
    PaperEntryForm,
    PaperImportError,
    export_rows,
    offline_count,
    read_csv,
    save_entries,
    write_csv,
)
from wup import audit


def _refuse_if_published(session: DialogueSession) -> None:
    # A published summary is what the neighbourhood has seen: its input is frozen.
    if session.status == DialogueSession.Status.PUBLISHED:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    _refuse_if_published(session)
    form = PaperEntryForm(
        request.POST or None,
        prompts=list(session.prompts.all()),
        arguments=list(session.arguments.visible().order_by("side", "pk")),
        propositions=session.propositions,
    )
    if request.method == "POST" and form.is_valid():
        entry = form.entry()
        changes = {
            "source": entry.source,
            "group": entry.group,
            "scores": len(entry.scores),
            "arguments": len(entry.arguments),
        }
        if entry.votes:
            changes["reactions"] = len(entry.votes)
        with transaction.atomic():
            [participant] = save_entries(session, [entry])
            audit.record(
                request,
                action="paper_entry",
                obj=participant,
                municipality=membership.municipality,
                changes=changes,
            )
        count = offline_count(session)
        messages.success(
            request,
            ngettext(
                "Formulier opgeslagen. Al %(count)d formulier ingevoerd.",
                "Formulier opgeslagen. Al %(count)d formulieren ingevoerd.",
                count,
            )
            % {"count": count},
        )
        return redirect("dialogue:paper", municipality_slug, session.pk)
    return render(
        request,
        "dialogue/paper_entry.html",
        {"municipality": membership.municipality, "session": session, "form": form},
    )


@login_required
@require_safe
def export_csv(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """Return all scores and visible arguments as a CSV file, for Excel."""
    session, _membership = get_session_for(request, municipality_slug, pk, write=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="sessie-{session.pk}-scores-en-argumenten.csv"'
    )
    write_csv(response, export_rows(session))
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    _refuse_if_published(session)
    # Not `request.POST or None`: a post may carry only the file.
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = read_csv(
                upload.read(),
                list(session.prompts.all()),
                list(session.arguments.visible().order_by("pk")),
                propositions=len(session.propositions),
            )
        except PaperImportError as exc:
            errors = exc.errors
        else:
            changes = {
                "file": upload.name,
                "participants": len(result.entries),
                "scores": result.score_count,
                "arguments": result.argument_count,
            }
            if result.reaction_count:
                changes["reactions"] = result.reaction_count
            with transaction.atomic():
                save_entries(session, result.entries, result.loose_arguments)
                audit.record(
                    request,
                    action="import",
                    obj=session,
                    municipality=membership.municipality,
                    changes=changes,
                )
            messages.success(
                request,
                _(
                    "Het bestand is ingelezen: %(participants)d deelnemers, %(scores)d scores "
                    "en %(arguments)d argumenten."
                )
                % {
                    "participants": len(result.entries),
                    "scores": result.score_count,
                    "arguments": result.argument_count,
                },
            )
            if result.reaction_count:
                messages.success(
                    request,
                    ngettext(
                        "Met %(count)d reactie (eens of oneens) op een argument.",
                        "Met %(count)d reacties (eens of oneens) op argumenten.",
                        result.reaction_count,
                    )
                    % {"count": result.reaction_count},
                )
            return redirect("dialogue:session", municipality_slug, session.pk)
    return render(
        request,
        "dialogue/paper_import.html",
        {
            "municipality": membership.municipality,
            "session": session,
            "form": form,
            "errors": errors,
            "header": ";".join(HEADER),
            "prompts": session.prompts.all(),
        },
    )
