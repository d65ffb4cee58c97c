"""The roadmap editor in the back office: one overview page and a form per part.

Project leads and admins edit everything; council members only read; partners add and edit
their own party's ambitions and report progress on the milestones their party owns. Every
change writes an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from roadmap import charts
from roadmap.access import get_roadmap_for
from roadmap.forms import (
    AgreementForm,
    AmbitionForm,
    CoreValueForm,
    MilestoneForm,
    MilestoneProgressForm,
    RoadmapSummaryForm,
    SafeguardFormSet,
    role_formset,
)
from roadmap.models import (
    Agreement,
    Ambition,
    CoreValue,
    Milestone,
    MunicipalRole,
    Roadmap,
    RoadmapVersion,
    SafeguardStatus,
    SafeguardType,
)
from wup import audit
from wup.access import get_municipality_for
from wup.models import Membership, Neighbourhood, Phase, Role


def _editor_url(roadmap: Roadmap, anchor: str = "") -> str:
    neighbourhood = roadmap.neighbourhood
    url = reverse("roadmap:editor", args=[neighbourhood.municipality.slug, neighbourhood.slug])
    return f"{url}#{anchor}" if anchor else url


def _partner_party_id(membership: Membership) -> int | None:
    """Return the party a partner acts for; partners without a party may change nothing."""
    if membership.role != Role.PARTNER:
        return None
    if membership.party_id is None:
        raise PermissionDenied
    return membership.party_id


def _form_page(request, roadmap, membership, form, *, title, intro="", delete_url=None):
    return render(
        request,
        "roadmap/editor/form.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "roadmap": roadmap,
            "neighbourhood": roadmap.neighbourhood,
            "form": form,
            "title": title,
            "intro": intro,
            "delete_url": delete_url,
        },
    )


@login_required
@require_safe
def roadmap_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug)
    latest = RoadmapVersion.objects.filter(roadmap__neighbourhood=OuterRef("pk")).order_by(
        "-number"
    )
    neighbourhoods = (
        Neighbourhood.objects.visible_to(membership)
        .annotate(
            milestone_count=Count("roadmap__milestones"),
            version_number=Subquery(latest.values("number")[:1]),
            version_date=Subquery(latest.values("decision_date")[:1]),
        )
        .order_by("name")
    )
    return render(
        request,
        "roadmap/editor/list.html",
        {"municipality": municipality, "membership": membership, "neighbourhoods": neighbourhoods},
    )


@login_required
@require_safe
def editor(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    roadmap, membership = get_roadmap_for(request, municipality_slug, neighbourhood_slug)
    if roadmap.pk:
        roadmap = Roadmap.objects.for_editor().get(pk=roadmap.pk)
        parts = {
            name: list(getattr(roadmap, name).all())
            for name in (
                "roles",
                "ambitions",
                "core_values",
                "milestones",
                "agreements",
                "safeguards",
                "versions",
            )
        }
    else:
        parts = dict.fromkeys(
            ("roles", "ambitions", "core_values", "milestones", "agreements", "safeguards"), []
        )
        parts["versions"] = []
    roles = {r.phase: r for r in parts["roles"]}
    safeguards = {s.kind: s for s in parts["safeguards"]}
    partner_party_id = membership.party_id if membership.role == Role.PARTNER else None
    return render(
        request,
        "roadmap/editor/editor.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "neighbourhood": roadmap.neighbourhood,
            "roadmap": roadmap,
            "can_edit": membership.can_write,
            "partner_party_id": partner_party_id,
            "phase_roles": [(phase, roles.get(phase.value)) for phase in Phase],
            "ambitions": parts["ambitions"],
            "core_values": parts["core_values"],
            "milestones": parts["milestones"],
            "timeline": charts.timeline(
                [
                    charts.TimelineRow(m.title, m.baseline_date, m.expected_date, m.status)
                    for m in parts["milestones"]
                ]
            ),
            "agreements": parts["agreements"],
            # All six safeguards, also those without a row yet: reading never writes.
            "safeguards": [(kind, safeguards.get(kind.value)) for kind in SafeguardType],
            "safeguard_open": SafeguardStatus.OPEN,
            "latest_version": max(parts["versions"], key=lambda v: v.number, default=None),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def roles_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    formset = role_formset(roadmap, request.POST or None)
    if request.method == "POST" and formset.is_valid():
        changes = {}
        with transaction.atomic():
            for form in formset.forms:
                if not form.has_changed():
                    continue
                role = form.cleaned_data.get("role")
                if role:
                    MunicipalRole.objects.update_or_create(
                        roadmap=roadmap,
                        phase=form.phase,
                        defaults={"role": role, "reasoning": form.cleaned_data["reasoning"]},
                    )
                else:
                    roadmap.roles.filter(phase=form.phase).delete()
                changes[form.phase] = role or ""
            if changes:
                audit.record(
                    request,
                    action="update_roles",
                    obj=roadmap,
                    municipality=membership.municipality,
                    changes=changes,
                )
        messages.success(request, _("De rollen van de gemeente zijn opgeslagen."))
        return redirect(_editor_url(roadmap, "rollen"))
    return render(
        request,
        "roadmap/editor/roles.html",
        {
            "municipality": membership.municipality,
            "roadmap": roadmap,
            "neighbourhood": roadmap.neighbourhood,
            "formset": formset,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ambition_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int | None = None
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True, partner=True
    )
    party_id = _partner_party_id(membership)
    if pk:
        ambition = get_object_or_404(roadmap.ambitions, pk=pk)
        if party_id is not None and ambition.party_id != party_id:
            raise PermissionDenied
    else:
        ambition = Ambition(roadmap=roadmap, party_id=party_id)
    form = AmbitionForm(
        request.POST or None,
        instance=ambition,
        parties=membership.municipality.parties.order_by("name"),
        fixed_party=membership.party if party_id is not None else None,
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request,
            form,
            action="update" if pk else "create",
            municipality=membership.municipality,
        )
        messages.success(request, _("De ambitie is opgeslagen."))
        return redirect(_editor_url(roadmap, "ambities"))
    return _form_page(
        request,
        roadmap,
        membership,
        form,
        title=_("Ambitie bewerken") if pk else _("Ambitie toevoegen"),
        intro=_(
            "Wat wil deze partij in de wijk bereiken? Een getal en een jaar maken het "
            "later makkelijk om te zien of het gelukt is."
        ),
        delete_url=_part_url("ambition_delete", roadmap, pk) if pk else None,
    )


@login_required
@require_POST
def ambition_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True, partner=True
    )
    party_id = _partner_party_id(membership)
    ambition = get_object_or_404(roadmap.ambitions, pk=pk)
    if party_id is not None and ambition.party_id != party_id:
        raise PermissionDenied
    _delete(request, ambition, membership)
    messages.success(request, _("De ambitie is verwijderd."))
    return redirect(_editor_url(roadmap, "ambities"))


def _part_url(name: str, roadmap: Roadmap, pk: int) -> str:
    neighbourhood = roadmap.neighbourhood
    return reverse(
        f"roadmap:{name}", args=[neighbourhood.municipality.slug, neighbourhood.slug, pk]
    )


def _delete(request: HttpRequest, obj, membership: Membership) -> None:
    with transaction.atomic():
        audit.record(request, action="delete", obj=obj, municipality=membership.municipality)
        obj.delete()


@login_required
@require_http_methods(["GET", "POST"])
def value_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int | None = None
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    value = get_object_or_404(roadmap.core_values, pk=pk) if pk else CoreValue(roadmap=roadmap)
    form = CoreValueForm(request.POST or None, instance=value, roadmap=roadmap)
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request,
            form,
            action="update" if pk else "create",
            municipality=membership.municipality,
        )
        messages.success(request, _("De kernwaarde is opgeslagen."))
        return redirect(_editor_url(roadmap, "kernwaarden"))
    return _form_page(
        request,
        roadmap,
        membership,
        form,
        title=_("Kernwaarde bewerken") if pk else _("Kernwaarde toevoegen"),
        intro=_(
            "Een kernwaarde zegt wat bewoners en partijen belangrijk vinden, en waarom. "
            "Laat zien uit welke afspraken in de dialoogsessies ze komt."
        ),
        delete_url=_part_url("value_delete", roadmap, pk) if pk else None,
    )


@login_required
@require_POST
def value_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    _delete(request, get_object_or_404(roadmap.core_values, pk=pk), membership)
    messages.success(request, _("De kernwaarde is verwijderd."))
    return redirect(_editor_url(roadmap, "kernwaarden"))


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int | None = None
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    milestone = get_object_or_404(roadmap.milestones, pk=pk) if pk else Milestone(roadmap=roadmap)
    form = MilestoneForm(
        request.POST or None,
        instance=milestone,
        roadmap=roadmap,
        parties=membership.municipality.parties.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request,
            form,
            action="update" if pk else "create",
            municipality=membership.municipality,
        )
        messages.success(request, _("Het tussendoel is opgeslagen."))
        return redirect(_editor_url(roadmap, "tussendoelen"))
    return _form_page(
        request,
        roadmap,
        membership,
        form,
        title=_("Tussendoel bewerken") if pk else _("Tussendoel toevoegen"),
        delete_url=_part_url("milestone_delete", roadmap, pk) if pk else None,
    )


@login_required
@require_POST
def milestone_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    _delete(request, get_object_or_404(roadmap.milestones, pk=pk), membership)
    messages.success(request, _("Het tussendoel is verwijderd."))
    return redirect(_editor_url(roadmap, "tussendoelen"))


@login_required
@require_http_methods(["GET", "POST"])
def milestone_progress(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True, partner=True
    )
    party_id = _partner_party_id(membership)
    milestone = get_object_or_404(roadmap.milestones.select_related("owner"), pk=pk)
    if party_id is not None and milestone.owner_id != party_id:
        raise PermissionDenied
    form = MilestoneProgressForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request, form, action="update_progress", municipality=membership.municipality
        )
        messages.success(request, _("De voortgang is opgeslagen."))
        return redirect(_editor_url(roadmap, "tussendoelen"))
    return _form_page(
        request,
        roadmap,
        membership,
        form,
        title=_("Voortgang: %(title)s") % {"title": milestone.title},
        intro=_("Gepland (basis): %(date)s. Eigenaar: %(owner)s.")
        % {
            "date": formats.date_format(milestone.baseline_date, "j F Y"),
            "owner": milestone.owner.name,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int | None = None
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    agreement = get_object_or_404(roadmap.agreements, pk=pk) if pk else Agreement(roadmap=roadmap)
    form = AgreementForm(
        request.POST or None,
        instance=agreement,
        parties=membership.municipality.parties.order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(
            request,
            form,
            action="update" if pk else "create",
            municipality=membership.municipality,
        )
        messages.success(request, _("De afspraak is opgeslagen."))
        return redirect(_editor_url(roadmap, "afspraken"))
    return _form_page(
        request,
        roadmap,
        membership,
        form,
        title=_("Afspraak bewerken") if pk else _("Afspraak toevoegen"),
        delete_url=_part_url("agreement_delete", roadmap, pk) if pk else None,
    )


@login_required
@require_POST
def agreement_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    _delete(request, get_object_or_404(roadmap.agreements, pk=pk), membership)
    messages.success(request, _("De afspraak is verwijderd."))
    return redirect(_editor_url(roadmap, "afspraken"))


@login_required
@require_http_methods(["GET", "POST"])
def safeguards_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    roadmap.ensure_safeguards()
    formset = SafeguardFormSet(
        request.POST or None, queryset=roadmap.safeguards.order_by("pk"), prefix="waarborgen"
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.forms:
                if form.has_changed():
                    audit.save_form(
                        request, form, action="update", municipality=membership.municipality
                    )
        messages.success(request, _("De waarborgen zijn opgeslagen."))
        return redirect(_editor_url(roadmap, "waarborgen"))
    return render(
        request,
        "roadmap/editor/safeguards.html",
        {
            "municipality": membership.municipality,
            "roadmap": roadmap,
            "neighbourhood": roadmap.neighbourhood,
            "formset": formset,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    roadmap, membership = get_roadmap_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    form = RoadmapSummaryForm(request.POST or None, instance=roadmap)
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=membership.municipality)
        messages.success(request, _("De samenvatting is opgeslagen."))
        return redirect(_editor_url(roadmap, "samenvatting"))
    return _form_page(
        request,
        roadmap,
        membership,
        form,
        title=_("Samenvatting in gewone taal"),
        intro=_(
            "Schrijf kort wat het plan is en waarom. Gebruik gewone woorden: een nieuwe "
            "bewoner moet het in twee minuten snappen."
        ),
    )


_N = "beheer/<slug:municipality_slug>/routekaarten/<slug:neighbourhood_slug>/"

routes: list[URLPattern] = [
    path("beheer/<slug:municipality_slug>/routekaarten/", roadmap_list, name="list"),
    path(_N, editor, name="editor"),
    path(_N + "rollen/", roles_edit, name="roles"),
    path(_N + "ambities/nieuw/", ambition_edit, name="ambition_create"),
    path(_N + "ambities/<int:pk>/", ambition_edit, name="ambition_edit"),
    path(_N + "ambities/<int:pk>/verwijderen/", ambition_delete, name="ambition_delete"),
    path(_N + "kernwaarden/nieuw/", value_edit, name="value_create"),
    path(_N + "kernwaarden/<int:pk>/", value_edit, name="value_edit"),
    path(_N + "kernwaarden/<int:pk>/verwijderen/", value_delete, name="value_delete"),
    path(_N + "tussendoelen/nieuw/", milestone_edit, name="milestone_create"),
    path(_N + "tussendoelen/<int:pk>/", milestone_edit, name="milestone_edit"),
    path(_N + "tussendoelen/<int:pk>/verwijderen/", milestone_delete, name="milestone_delete"),
    path(_N + "tussendoelen/<int:pk>/voortgang/", milestone_progress, name="milestone_progress"),
    path(_N + "afspraken/nieuw/", agreement_edit, name="agreement_create"),
    path(_N + "afspraken/<int:pk>/", agreement_edit, name="agreement_edit"),
    path(_N + "afspraken/<int:pk>/verwijderen/", agreement_delete, name="agreement_delete"),
    path(_N + "waarborgen/", safeguards_edit, name="safeguards"),
    path(_N + "samenvatting/", summary_edit, name="summary"),
]
