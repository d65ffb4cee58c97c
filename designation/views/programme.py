"""The warmteprogramma in the back office: its versions, one version with its adoption and
review, and the sequence of neighbourhoods. Members read; leads and admins of the whole
municipality write; every write is audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from designation import programme as programmes
from designation.access import get_programme_for, get_programmes_for
from designation.forms import AddEntryForm, EntryFormSet, ProgrammeForm
from designation.models import HeatProgramme, ProgrammeNeighbourhood
from designation.review import draft_review
from designation.track import ensure_track
from wup import audit
from wup.models import Neighbourhood


def _url(programme: HeatProgramme, anchor: str = "") -> str:
    url = reverse("designation:programme", args=[programme.municipality.slug, programme.number])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_safe
def programme_list(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_programmes_for(request, municipality_slug)
    return render(
        request,
        "designation/programme/list.html",
        {
            "municipality": municipality,
            "membership": membership,
            "programmes": HeatProgramme.objects.filter(municipality=municipality),
            "deadline": programmes.deadline(municipality),
            "can_edit": membership.can_write and not membership.limited_to_neighbourhoods,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_programmes_for(request, municipality_slug, write=True)
    form = ProgrammeForm(
        request.POST or None, instance=HeatProgramme(municipality=municipality, number=1)
    )
    if request.method == "POST" and form.is_valid():
        programme = programmes.create(request, form, municipality)
        messages.success(request, _("Het warmteprogramma is aangemaakt."))
        return redirect(_url(programme))
    return render(
        request,
        "designation/programme/form.html",
        {"municipality": municipality, "form": form, "title": _("Nieuw warmteprogramma")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_detail(request: HttpRequest, municipality_slug: str, number: int) -> HttpResponse:
    write = request.method == "POST"
    programme, membership = get_programme_for(request, municipality_slug, number, write=write)
    can_edit = membership.can_write and not membership.limited_to_neighbourhoods
    initial = {}
    drafted = can_edit and programme.needs_review and request.GET.get("concept") == "1"
    if drafted:
        initial["review"] = draft_review(programme)
    form = ProgrammeForm(request.POST or None, instance=programme, initial=initial)
    if write and form.is_valid():
        programmes.save(request, form)
        messages.success(request, _("Het warmteprogramma is opgeslagen."))
        return redirect(_url(programme))
    entries = programme.entries.select_related("neighbourhood")
    in_programme = entries.values("neighbourhood_id")
    return render(
        request,
        "designation/programme/detail.html",
        {
            "municipality": programme.municipality,
            "programme": programme,
            "form": form,
            "drafted": drafted,
            "entries": entries,
            "can_edit": can_edit,
            "add_form": AddEntryForm(
                neighbourhoods=Neighbourhood.objects.filter(
                    municipality=programme.municipality
                ).exclude(pk__in=in_programme)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_sequence(request: HttpRequest, municipality_slug: str, number: int) -> HttpResponse:
    programme, membership = get_programme_for(request, municipality_slug, number, write=True)
    formset = EntryFormSet(
        request.POST or None,
        queryset=programme.entries.select_related("neighbourhood"),
        prefix="volgorde",
    )
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.forms:
                if form.has_changed():
                    entry = audit.save_form(
                        request, form, action="update", municipality=programme.municipality
                    )
                    if entry.designation_intended:  # its track, with the eight steps
                        ensure_track(entry.neighbourhood)
        messages.success(request, _("De volgorde is opgeslagen."))
        return redirect(_url(programme, "volgorde"))
    return render(
        request,
        "designation/programme/sequence.html",
        {"municipality": programme.municipality, "programme": programme, "formset": formset},
    )


@login_required
@require_POST
def programme_entry_add(request: HttpRequest, municipality_slug: str, number: int) -> HttpResponse:
    programme, membership = get_programme_for(request, municipality_slug, number, write=True)
    form = AddEntryForm(
        request.POST,
        neighbourhoods=Neighbourhood.objects.filter(municipality=programme.municipality),
    )
    if form.is_valid():
        neighbourhood = form.cleaned_data["neighbourhood"]
        with transaction.atomic():
            entry, created = ProgrammeNeighbourhood.objects.get_or_create(
                programme=programme,
                neighbourhood=neighbourhood,
                defaults={
                    "order": programme.entries.count() + 1,
                    "preferred_solution": neighbourhood.preferred_solution,
                },
            )
            if created:
                audit.record(
                    request,
                    action="create",
                    obj=entry,
                    municipality=programme.municipality,
                    changes={"neighbourhood": neighbourhood.name},
                )
        messages.success(
            request, _("%(name)s staat in de volgorde.") % {"name": neighbourhood.name}
        )
        return redirect(reverse("designation:programme_sequence", args=[municipality_slug, number]))
    messages.error(request, _("Kies een wijk."))
    return redirect(_url(programme, "volgorde"))


_P = "beheer/<slug:municipality_slug>/warmteprogramma/"

routes: list[URLPattern] = [
    path(_P, programme_list, name="programmes"),
    path(_P + "nieuw/", programme_create, name="programme_create"),
    path(_P + "<int:number>/", programme_detail, name="programme"),
    path(_P + "<int:number>/volgorde/", programme_sequence, name="programme_sequence"),
    path(_P + "<int:number>/volgorde/toevoegen/", programme_entry_add, name="programme_entry_add"),
]
