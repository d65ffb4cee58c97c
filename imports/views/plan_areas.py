"""Compose a neighbourhood (plan area) of CBS wijken and buurten, chosen by code.

The choice is about the municipality's newest reference year: those areas are given to (or
taken from) the neighbourhood; older years stay as history. The key figures follow by
themselves (Neighbourhood.key_figures reads the newest year's areas).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wup import audit
from wup.access import get_neighbourhood_for
from wup.models import CbsArea, Neighbourhood
from wup.svg_map import MapArea, render_map

from ..forms import PlanAreaForm

CHOSEN_FILL = "#154273"  # rijksblauw, 10:1 on white
FREE_FILL = "#b4b4b4"
OTHER_FILL = "#696969"


def _label(area: CbsArea, neighbourhood: Neighbourhood) -> str:
    parts = [f"{area.code} {area.name}"]
    if area.homes is not None:
        parts.append(_("%(homes)d woningen") % {"homes": area.homes})
    if area.neighbourhood_id and area.neighbourhood_id != neighbourhood.pk:
        parts.append(_("nu bij %(name)s") % {"name": area.neighbourhood.name})
    return " · ".join(parts)


@login_required
@require_http_methods(["GET", "POST"])
def plan_area(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    municipality = neighbourhood.municipality
    year = CbsArea.objects.filter(municipality=municipality).aggregate(y=Max("reference_year"))["y"]
    areas = list(
        CbsArea.objects.filter(municipality=municipality, reference_year=year)
        .select_related("neighbourhood")
        .order_by("code")
    )
    query = request.GET.get("q", "").strip()[:80]
    chosen = {a.code for a in areas if a.neighbourhood_id == neighbourhood.pk}
    shown = [
        a
        for a in areas
        if not query
        or a.code in chosen
        or query.lower() in a.code.lower()
        or query.lower() in a.name.lower()
    ]
    posted = request.method == "POST"
    form = PlanAreaForm(
        request.POST if posted else None,
        choices=[(a.code, _label(a, neighbourhood)) for a in (areas if posted else shown)],
        initial={"codes": sorted(chosen)},
    )
    if request.method == "POST" and form.is_valid():
        codes = set(form.cleaned_data["codes"])
        with transaction.atomic():
            CbsArea.objects.filter(
                municipality=municipality, reference_year=year, code__in=codes
            ).update(neighbourhood=neighbourhood)
            CbsArea.objects.filter(
                Q(neighbourhood=neighbourhood), ~Q(code__in=codes), reference_year=year
            ).update(neighbourhood=None)
            audit.record(
                request,
                action="plan_area",
                obj=neighbourhood,
                municipality=municipality,
                changes={
                    "peiljaar": year,
                    "toegevoegd": sorted(codes - chosen),
                    "weggehaald": sorted(chosen - codes),
                },
            )
        messages.success(request, _("De CBS-gebieden van de wijk zijn opgeslagen."))
        return redirect("imports:plan_area", municipality.slug, neighbourhood.slug)
    neighbourhood = Neighbourhood.objects.for_page().get(pk=neighbourhood.pk)
    map_areas = [
        MapArea(
            name=f"{a.code} {a.name}",
            url=f"#id_codes_{index}",
            geometry=a.geometry,
            fill=CHOSEN_FILL
            if a.code in chosen
            else OTHER_FILL
            if a.neighbourhood_id
            else FREE_FILL,
            label=_("gekozen")
            if a.code in chosen
            else _("bij een andere wijk")
            if a.neighbourhood_id
            else _("nog bij geen wijk"),
        )
        for index, a in enumerate(shown)
        if a.level == CbsArea.Level.NEIGHBOURHOOD and a.geometry
    ]
    return render(
        request,
        "imports/plan_area.html",
        {
            "municipality": municipality,
            "membership": membership,
            "neighbourhood": neighbourhood,
            "form": form,
            "year": year,
            "query": query,
            "figures": neighbourhood.key_figures(),
            "map": render_map(
                map_areas,
                title=_("Buurten van %(name)s") % {"name": municipality.name},
                description=_(
                    "Donkerblauw: gekozen voor deze wijk. Donkergrijs: bij een andere wijk. "
                    "Lichtgrijs: nog bij geen wijk. Kies een buurt om naar het vakje te gaan."
                ),
                id_prefix="ww-plan-map",
            )
            if map_areas
            else "",
        },
    )


routes = [
    path(
        "beheer/<slug:municipality_slug>/wijken/<slug:neighbourhood_slug>/cbs-gebieden/",
        plan_area,
        name="plan_area",
    ),
]
