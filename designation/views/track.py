"""The designation track of a neighbourhood in the back office: its steps, the end of gas
supply, and the safeguard assessments that open the gate to the raadsbesluit.

Members who reach the neighbourhood read; leads and admins write; every write is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from designation import safeguards
from designation import track as tracks
from designation.access import get_track_for
from designation.forms import AssessmentForm, EvidenceForm, GasEndForm, StepForm
from designation.models import StepKind
from roadmap.models import Roadmap, SafeguardType


def _track_url(neighbourhood, anchor: str = "") -> str:
    url = reverse("designation:track", args=[neighbourhood.municipality.slug, neighbourhood.slug])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_safe
def track_detail(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, track, membership = get_track_for(request, municipality_slug, neighbourhood_slug)
    steps = tracks.ordered_steps(track) if track else []
    term = tracks.check_term(
        track.gas_end_date if track else None,
        next((s.date for s in steps if s.kind == StepKind.COUNCIL_DECISION), None),
    )
    unmet = tracks.unmet_safeguards(neighbourhood)
    return render(
        request,
        "designation/track/detail.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": neighbourhood,
            "track": track,
            "steps": steps,
            "current": tracks.current_step(steps),
            "term": term,
            "assessments": safeguards.shown_assessments(neighbourhood),
            "unmet": unmet,
            "met_count": len(SafeguardType.values) - len(unmet),
            "overrides": track.overrides.all() if track else [],
            "can_edit": membership.can_write,
        },
    )


def _writable_track(request, municipality_slug, neighbourhood_slug):
    neighbourhood, track, membership = get_track_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    if track is None:
        raise Http404
    return neighbourhood, track, membership


@login_required
@require_http_methods(["GET", "POST"])
def track_step(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, kind: str
) -> HttpResponse:
    if kind not in StepKind.values:
        raise Http404
    neighbourhood, track, membership = _writable_track(
        request, municipality_slug, neighbourhood_slug
    )
    step = get_object_or_404(track.steps, kind=kind)
    unmet = tracks.unmet_safeguards(neighbourhood) if kind in tracks.GATED else []
    form = StepForm(request.POST or None, instance=step, gated=bool(unmet))
    if request.method == "POST" and form.is_valid():
        try:
            tracks.save_step(
                request, step, form, motivation=form.cleaned_data.get("motivation", "")
            )
        except tracks.GateClosed as closed:
            # Said next to the motivation, which gets the focus (and so comes into view).
            form.add_error("motivation", closed)
            form.fields["motivation"].widget.attrs["autofocus"] = True
        else:
            messages.success(
                request, _("De stap %(step)s is opgeslagen.") % {"step": step.get_kind_display()}
            )
            return redirect(_track_url(neighbourhood, "stappen"))
    return render(
        request,
        "designation/track/step.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": neighbourhood,
            "step": step,
            "form": form,
            "unmet_labels": [SafeguardType(k).label for k in unmet],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def track_gas_end(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, track, membership = _writable_track(
        request, municipality_slug, neighbourhood_slug
    )
    form = GasEndForm(request.POST or None, instance=track)
    if request.method == "POST" and form.is_valid():
        tracks.save_gas_end(request, form)
        term = tracks.check_term(track.gas_end_date, tracks.council_decision_date(track))
        if term.ok:
            messages.success(request, _("De einddatum is opgeslagen."))
        else:
            messages.warning(request, _("De einddatum is opgeslagen.") + " " + term.message)
        return redirect(_track_url(neighbourhood, "einddatum"))
    return render(
        request,
        "designation/track/gas_end.html",
        {"municipality": membership.municipality, "neighbourhood": neighbourhood, "form": form},
    )


@login_required
@require_http_methods(["GET", "POST"])
def safeguard_detail(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, kind: str
) -> HttpResponse:
    """One safeguard: its assessment and its evidence (two forms, one page)."""
    if kind not in SafeguardType.values:
        raise Http404
    neighbourhood, track, membership = _writable_track(
        request, municipality_slug, neighbourhood_slug
    )
    roadmap, _created = Roadmap.objects.get_or_create(neighbourhood=neighbourhood)
    assessment = next(a for a in safeguards.assessments_for(roadmap) if a.safeguard.kind == kind)
    which = request.POST.get("formulier") if request.method == "POST" else None
    form = AssessmentForm(request.POST if which == "oordeel" else None, instance=assessment)
    evidence_form = EvidenceForm(
        request.POST if which == "bewijs" else None,
        request.FILES if which == "bewijs" else None,
        prefix="bewijs",
    )
    if which == "oordeel" and form.is_valid():
        safeguards.assess(request, form, membership)
        messages.success(request, _("Het oordeel is opgeslagen."))
        return redirect(_track_url(neighbourhood, "waarborgen"))
    if which == "bewijs" and evidence_form.is_valid():
        safeguards.add_evidence(request, evidence_form, assessment, membership)
        messages.success(request, _("Het bewijsstuk is toegevoegd."))
        return redirect(request.path + "#bewijs")
    return render(
        request,
        "designation/track/safeguard.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": neighbourhood,
            "assessment": assessment,
            "kind_label": SafeguardType(kind).label,
            "form": form,
            "evidence_form": evidence_form,
        },
    )


@login_required
@require_POST
def evidence_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, kind: str, pk: int
) -> HttpResponse:
    neighbourhood, track, membership = _writable_track(
        request, municipality_slug, neighbourhood_slug
    )
    evidence = get_object_or_404(
        safeguards.Evidence,
        pk=pk,
        assessment__safeguard__kind=kind,
        assessment__safeguard__roadmap__neighbourhood=neighbourhood,
    )
    safeguards.remove_evidence(request, evidence, membership)
    messages.success(request, _("Het bewijsstuk is verwijderd."))
    return redirect(
        reverse("designation:safeguard", args=[municipality_slug, neighbourhood_slug, kind])
    )


_T = "beheer/<slug:municipality_slug>/aanwijzing/<slug:neighbourhood_slug>/"

routes: list[URLPattern] = [
    path(_T, track_detail, name="track"),
    path(_T + "stap/<slug:kind>/", track_step, name="track_step"),
    path(_T + "einddatum/", track_gas_end, name="track_gas_end"),
    path(_T + "waarborgen/<slug:kind>/", safeguard_detail, name="safeguard"),
    path(
        _T + "waarborgen/<slug:kind>/bewijs/<int:pk>/verwijderen/",
        evidence_delete,
        name="evidence_delete",
    ),
]
