"""Staff views for dialogue sessions: plan, prompts, run live, moderate, outcomes, publish.

Every view starts with an access helper; every change writes an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dialogue import charts
from dialogue.access import get_session_for
from dialogue.forms import HideArgumentForm, OutcomeForm, PromptFormSet, SessionForm, SummaryForm
from dialogue.models import STEP_ORDER, DialogueSession, Outcome, Step, prefetch_outcomes
from dialogue.results import compare
from wup import audit, links
from wup.access import get_municipality_for
from wup.choices import attach_labels
from wup.qr import qr_svg


def _session_url(session: DialogueSession) -> str:
    return reverse("dialogue:session", args=[session.neighbourhood.municipality.slug, session.pk])


@login_required
@require_safe
def session_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug)
    sessions = DialogueSession.objects.filter(
        neighbourhood__in=membership.municipality.neighbourhoods.visible_to(membership)
    ).for_list()
    return render(
        request,
        "dialogue/session_list.html",
        {
            "municipality": municipality,
            "membership": membership,
            "sessions": attach_labels(sessions, status=DialogueSession.Status),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug, write=True)
    initial = {}
    if slug := request.GET.get("wijk"):
        initial["neighbourhood"] = municipality.neighbourhoods.filter(slug=slug).first()
    form = SessionForm(request.POST or None, membership=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            session = form.save()
            session.add_default_prompts()
            audit.record(
                request,
                action="create",
                obj=session,
                municipality=municipality,
                changes=audit.form_changes(form),
            )
        messages.success(request, _("De sessie is aangemaakt. Bekijk de vragen per kant."))
        return redirect(_session_url(session))
    return render(
        request,
        "dialogue/session_form.html",
        {"municipality": municipality, "form": form, "title": _("Dialoogsessie plannen")},
    )


@login_required
@require_safe
def session_detail(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk)
    results = session.results()
    arguments = session.arguments.with_votes().select_related("participant").order_by("side", "pk")
    prefetch_related_objects([session], "prompts", "invited_parties", prefetch_outcomes())
    return render(
        request,
        "dialogue/session_detail.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "session": session,
            "participant_count": session.participants.count(),
            "results": results,
            "comparison": compare(session.propositions, results),
            "chart": charts.triangle(results),
            "arguments": arguments,
            # The code each invited party's representative types on the phone (printable).
            "party_codes": session.party_codes() if membership.can_write else [],
            "join_url": links.absolute(reverse("dialogue:join"), request),
            "staff": True,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    if not session.is_editable:
        raise PermissionDenied
    form = SessionForm(request.POST or None, instance=session, membership=membership)
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=membership.municipality)
        messages.success(request, _("De sessie is bijgewerkt."))
        return redirect(_session_url(session))
    return render(
        request,
        "dialogue/session_form.html",
        {
            "municipality": membership.municipality,
            "form": form,
            "session": session,
            "title": _("Sessie bewerken"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def prompts_edit(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    if not session.is_editable:
        raise PermissionDenied
    formset = PromptFormSet(request.POST or None, instance=session)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
            audit.record(
                request,
                action="update_prompts",
                obj=session,
                municipality=membership.municipality,
                changes={
                    "prompts": [
                        f.cleaned_data.get("text", "") for f in formset.forms if f.has_changed()
                    ]
                },
            )
        messages.success(request, _("De vragen zijn opgeslagen."))
        return redirect(_session_url(session))
    return render(
        request,
        "dialogue/prompts_form.html",
        {"municipality": membership.municipality, "session": session, "formset": formset},
    )


# The lifecycle: which action is allowed from which status, and what it does.
TRANSITIONS = {
    "schedule": ({DialogueSession.Status.DRAFT}, DialogueSession.schedule),
    "open": (
        {DialogueSession.Status.DRAFT, DialogueSession.Status.SCHEDULED},
        DialogueSession.open_live,
    ),
    "close": ({DialogueSession.Status.LIVE}, DialogueSession.close),
    "unpublish": ({DialogueSession.Status.PUBLISHED}, DialogueSession.unpublish),
}


@login_required
@require_POST
def session_transition(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    action = request.POST.get("action", "")
    allowed_from, verb = TRANSITIONS.get(action, (set(), None))
    if verb is None or session.status not in allowed_from:
        messages.error(request, _("Dat kan niet in deze fase van de sessie."))
        return redirect(_session_url(session))
    with transaction.atomic():
        verb(session)
        audit.record(
            request,
            action=action,
            obj=session,
            municipality=membership.municipality,
            changes={"status": session.status},
        )
    if action == "open":
        return redirect("dialogue:control", municipality_slug, session.pk)
    return redirect(_session_url(session))


@login_required
@require_http_methods(["GET", "POST"])
def session_publish(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    if session.status != DialogueSession.Status.CLOSED:
        raise PermissionDenied
    form = SummaryForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            session.publish()
            audit.record(
                request,
                action="publish",
                obj=session,
                municipality=membership.municipality,
                changes=audit.form_changes(form),
            )
        messages.success(request, _("De samenvatting staat nu op de wijkpagina."))
        return redirect(_session_url(session))
    return render(
        request,
        "dialogue/publish_form.html",
        {"municipality": membership.municipality, "session": session, "form": form},
    )


@login_required
@require_safe
def control(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """The lead's control view: steps, reveal, moderation, while the presenter view follows."""
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    context = {
        "municipality": membership.municipality,
        "session": session,
        "participant_count": session.participants.count(),
        "joins": (joins := session.joins_per_minute()),
        "joins_max": max([1, *(n for _minute, n in joins)]),
    }
    if request.htmx and request.GET.get("deel") == "kamer":
        # The room figure, every few seconds: who joined per minute, and the lock.
        return render(request, "dialogue/control.html#room", context)
    context |= {
        "steps": STEP_ORDER,
        "arguments": session.arguments.with_votes().order_by("-created_at"),
        "hide_form": HideArgumentForm(),
    }
    if request.htmx:
        return render(request, "dialogue/control.html#moderation", context)
    return render(request, "dialogue/control.html", context)


@login_required
@require_POST
def control_step(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    if not session.is_live:
        messages.error(request, _("De sessie is niet live."))
        return redirect(_session_url(session))
    if step := request.POST.get("step"):
        if step not in Step.values:
            messages.error(request, _("Onbekende stap."))
            return redirect("dialogue:control", municipality_slug, pk)
        session.move_to(step)
        audit.record(
            request,
            action="step",
            obj=session,
            municipality=membership.municipality,
            changes={"step": step},
        )
    if request.POST.get("lock") in {"1", "0"}:
        # Everyone is in: lock the room (no new participants; joined phones go on), or open it.
        locked = request.POST["lock"] == "1"
        session.set_locked(locked)
        audit.record(
            request,
            action="lock" if locked else "unlock",
            obj=session,
            municipality=membership.municipality,
            changes={"locked": locked},
        )
        messages.success(
            request,
            _("De sessie is op slot: nieuwe deelnemers kunnen niet meer meedoen.")
            if locked
            else _("De sessie is weer open voor nieuwe deelnemers."),
        )
    if "reveal" in request.POST:
        revealed = request.POST["reveal"] == "1"
        session.set_results_revealed(revealed)
        audit.record(
            request,
            action="reveal" if revealed else "conceal",
            obj=session,
            municipality=membership.municipality,
        )
    return redirect("dialogue:control", municipality_slug, pk)


@login_required
@require_safe
def presenter(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    """The projector: join code and QR, current step, how many joined, revealed results.

    The live fragment (HTMX, every two seconds) runs a fixed number of queries: the session
    (with access), the participant count, the results (cached) and the arguments with counts.
    """
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    results = session.results() if session.results_revealed else None
    context = {
        "municipality": membership.municipality,
        "session": session,
        "participant_count": session.participants.count(),
        "results": results,
        "comparison": compare(session.propositions, results),
        "chart": charts.triangle(results) if results else None,
        "arguments": (
            list(session.arguments.visible().with_votes().order_by("side", "-agree_count", "pk"))
            if session.results_revealed
            else []
        ),
        "join_url": links.absolute(reverse("dialogue:join"), request),
    }
    if request.htmx:
        return render(request, "dialogue/presenter.html#live", context)
    context["qr"] = (
        qr_svg(links.absolute(reverse("dialogue:join_code", args=[session.join_code]), request))
        if session.is_live
        else ""
    )
    context["contrast"] = request.GET.get("contrast") == "1"
    return render(request, "dialogue/presenter.html", context)


@login_required
@require_POST
def argument_moderate(
    request: HttpRequest, municipality_slug: str, pk: int, argument_pk: int
) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    argument = get_object_or_404(session.arguments, pk=argument_pk)
    if request.POST.get("action") == "restore":
        argument.restore()
        audit.record(request, action="restore", obj=argument, municipality=membership.municipality)
    else:
        form = HideArgumentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Geef een reden om het argument te verbergen."))
            return redirect("dialogue:control", municipality_slug, pk)
        argument.hide(by=request.user, reason=form.cleaned_data["reason"])
        audit.record(
            request,
            action="hide",
            obj=argument,
            municipality=membership.municipality,
            changes={"reason": form.cleaned_data["reason"]},
        )
    session.forget_results()
    if request.POST.get("back") == "detail":
        return redirect(_session_url(session))
    return redirect("dialogue:control", municipality_slug, pk)


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(
    request: HttpRequest, municipality_slug: str, pk: int, outcome_pk: int | None = None
) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    outcome = (
        get_object_or_404(session.outcomes, pk=outcome_pk)
        if outcome_pk
        else Outcome(session=session)
    )
    form = OutcomeForm(request.POST or None, instance=outcome, session=session)
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request,
            form,
            action="update" if outcome_pk else "create",
            municipality=membership.municipality,
        )
        messages.success(request, _("De uitkomst is opgeslagen."))
        return redirect(_session_url(session) + "#uitkomsten")
    return render(
        request,
        "dialogue/outcome_form.html",
        {
            "municipality": membership.municipality,
            "session": session,
            "form": form,
            "title": _("Uitkomst bewerken") if outcome_pk else _("Uitkomst toevoegen"),
        },
    )


@login_required
@require_POST
def outcome_delete(
    request: HttpRequest, municipality_slug: str, pk: int, outcome_pk: int
) -> HttpResponse:
    session, membership = get_session_for(request, municipality_slug, pk, write=True)
    outcome = get_object_or_404(session.outcomes, pk=outcome_pk)
    with transaction.atomic():
        audit.record(request, action="delete", obj=outcome, municipality=membership.municipality)
        outcome.delete()
    messages.success(request, _("De uitkomst is verwijderd."))
    return redirect(_session_url(session) + "#uitkomsten")
