"""The council's decision log: besluiten, moties, amendementen, toezeggingen and
raadsinformatiebrieven of a municipality and its neighbourhoods, with a CSV export.

Every member who reads the council's dashboard reads it (partners: 403); project leads and
admins add, change and delete entries (others: 403). A membership limited to some
neighbourhoods reads and writes only the entries of those. Outsiders get a 404. Every change
writes an audit entry.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from dashboard.forms.council import CouncilRecordForm
from dashboard.models import CouncilRecord, CouncilRecordKind, CouncilRecordStatus
from wup import audit
from wup.access import get_municipality_for
from wup.csv_files import quote_cell, write_csv
from wup.models import Membership, Municipality, Neighbourhood, Role


def _member(request: HttpRequest, slug: str, *, write: bool = False):
    municipality, membership = get_municipality_for(request, slug, write=write)
    if membership.role == Role.PARTNER:
        raise PermissionDenied
    return municipality, membership


def _records(membership: Membership, request: HttpRequest):
    """The entries the member reads, filtered by the list's `wijk` and `soort` parameters."""
    qs = CouncilRecord.objects.visible_to(membership).select_related("neighbourhood")
    chosen = request.GET.get("wijk", "")
    if chosen == "gemeente":
        qs = qs.filter(neighbourhood=None)
    elif chosen:
        qs = qs.filter(neighbourhood__slug=chosen)
    kind = request.GET.get("soort", "")
    if kind in CouncilRecordKind.values:
        qs = qs.filter(kind=kind)
    return qs.order_by("-date", "-pk")


def _list_url(municipality: Municipality) -> str:
    return reverse("dashboard:decision_log", args=[municipality.slug])


@login_required
@require_safe
def decision_log(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = _member(request, municipality_slug)
    today = timezone.localdate()
    records = list(_records(membership, request))
    return render(
        request,
        "dashboard/decisions/list.html",
        {
            "municipality": municipality,
            "membership": membership,
            "records": [
                (
                    r,
                    r.kind == CouncilRecordKind.PROMISE
                    and r.status == CouncilRecordStatus.OPEN
                    and r.due_on is not None
                    and r.due_on < today,
                )
                for r in records
            ],
            "neighbourhoods": Neighbourhood.objects.visible_to(membership)
            .order_by("name")
            .values_list("slug", "name"),
            "kinds": CouncilRecordKind.choices,
            "chosen_wijk": request.GET.get("wijk", ""),
            "chosen_kind": request.GET.get("soort", ""),
            "can_edit": membership.can_write,
            "query": request.GET.urlencode(),
        },
    )


def _form_page(request, municipality, form, *, title: str, record=None) -> HttpResponse:
    return render(
        request,
        "dashboard/decisions/form.html",
        {"municipality": municipality, "form": form, "title": title, "record": record},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = _member(request, municipality_slug, write=True)
    record = CouncilRecord(municipality=municipality, created_by=request.user)
    initial = {"date": timezone.localdate()}
    if request.GET.get("wijk"):
        found = (
            Neighbourhood.objects.visible_to(membership).filter(slug=request.GET["wijk"]).first()
        )
        if found:
            initial["neighbourhood"] = found.pk
    form = CouncilRecordForm(
        request.POST or None, instance=record, membership=membership, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="create", municipality=municipality)
        messages.success(request, _("Het is vastgelegd in het besluitenlog."))
        return redirect(_list_url(municipality))
    return _form_page(request, municipality, form, title=_("Nieuw in het besluitenlog"))


def _own_record(membership: Membership, pk: int) -> CouncilRecord:
    return get_object_or_404(CouncilRecord.objects.visible_to(membership), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    municipality, membership = _member(request, municipality_slug, write=True)
    record = _own_record(membership, pk)
    form = CouncilRecordForm(request.POST or None, instance=record, membership=membership)
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=municipality)
        messages.success(request, _("De wijziging is opgeslagen."))
        return redirect(_list_url(municipality))
    return _form_page(request, municipality, form, title=_("Bewerken"), record=record)


@login_required
@require_http_methods(["GET", "POST"])
def decision_delete(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    municipality, membership = _member(request, municipality_slug, write=True)
    record = _own_record(membership, pk)
    if request.method == "POST":
        with transaction.atomic():
            audit.record(request, action="delete", obj=record, municipality=municipality)
            record.delete()
        messages.success(request, _("Het is uit het besluitenlog verwijderd."))
        return redirect(_list_url(municipality))
    return render(
        request,
        "dashboard/decisions/confirm_delete.html",
        {"municipality": municipality, "record": record},
    )


@login_required
@require_safe
def decision_export(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """The (filtered) decision log as a CSV file for Excel."""
    municipality, membership = _member(request, municipality_slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="besluitenlog-{municipality.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    header = [
        _("soort"),
        _("onderwerp"),
        _("wijk"),
        _("datum"),
        _("nummer"),
        _("link"),
        _("eigenaar"),
        _("status"),
        _("af te doen op"),
        _("toelichting"),
    ]
    write_csv(
        response,
        header,
        (
            [
                str(r.get_kind_display()),
                quote_cell(r.title),
                quote_cell(r.neighbourhood.name if r.neighbourhood else _("hele gemeente")),
                r.date.isoformat(),
                quote_cell(r.number),
                quote_cell(r.url),
                quote_cell(r.owner),
                str(r.get_status_display()),
                r.due_on.isoformat() if r.due_on else "",
                quote_cell(r.notes),
            ]
            for r in _records(membership, request)
        ),
    )
    return response


_B = "beheer/<slug:municipality_slug>/besluiten/"

routes: list[URLPattern] = [
    path(_B, decision_log, name="decision_log"),
    path(_B + "nieuw/", decision_create, name="decision_create"),
    path(_B + "besluitenlog.csv", decision_export, name="decision_export"),
    path(_B + "<int:pk>/", decision_edit, name="decision_edit"),
    path(_B + "<int:pk>/verwijderen/", decision_delete, name="decision_delete"),
]
