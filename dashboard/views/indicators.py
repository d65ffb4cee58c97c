"""Indicators in the back office: the list per neighbourhood, custom indicators, the draft
route, measurements by hand, and measurements as CSV for a whole municipality.

Who may do what:
- every member of the municipality who reaches the neighbourhood reads (council members
  included); partners see only the indicators their party measures, and get a 404 for the
  others, as if they did not exist;
- project leads and admins change indicators and routes and enter measurements;
- partners enter, correct and import measurements of their own party's indicators only;
- council members only read (403 on every change).
Every change writes an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, URLResolver, include, path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dashboard import app_measurements, csv_io, progress
from dashboard.forms.indicators import (
    IndicatorForm,
    MeasurementForm,
    MeasurementImportForm,
    route_formset,
)
from dashboard.models import Indicator, Measurement, RoutePoint
from dashboard.route import RouteStatus
from roadmap.models import RoadmapVersion
from wup import audit
from wup.access import get_membership, get_municipality_for, get_neighbourhood_for
from wup.models import Membership, Neighbourhood, Role

STATUS = {
    RouteStatus.ON_ROUTE: (gettext_lazy("Op route"), "ok"),
    RouteStatus.BEHIND: (gettext_lazy("Achter"), "warning"),
    RouteStatus.FAR_BEHIND: (gettext_lazy("Ver achter"), "error"),
    RouteStatus.NO_DATA: (gettext_lazy("Geen route of meting"), "neutral"),
}


@dataclass
class Standing:
    """An indicator's progress against one route, as the templates show it."""

    progress: progress.IndicatorProgress

    @property
    def label(self) -> str:
        return STATUS[self.progress.status][0]

    @property
    def badge(self) -> str:
        return STATUS[self.progress.status][1]

    @property
    def has_route(self) -> bool:
        return bool(self.progress.route)


@dataclass
class Row:
    indicator: Indicator
    draft: Standing
    adopted: Standing

    @property
    def latest(self):
        return self.draft.progress.latest

    @property
    def forecast(self):
        """When the target is reached at today's pace: against the adopted route if there is
        one, else against the draft, and which of the two it is."""
        if self.adopted.has_route:
            return self.adopted.progress.forecast, False
        return self.draft.progress.forecast, self.draft.has_route


# --- Access ----------------------------------------------------------------------------------


def _may_enter(membership: Membership, indicator: Indicator) -> bool:
    """Whether the member may enter and correct this indicator's measurements."""
    if membership.can_write:
        return True
    return (
        membership.role == Role.PARTNER
        and membership.party_id is not None
        and indicator.party_id == membership.party_id
    )


def get_indicator_for(
    request: HttpRequest,
    municipality_slug: str,
    neighbourhood_slug: str,
    pk: int,
    *,
    write: bool = False,
    partner: bool = False,
) -> tuple[Indicator, Membership]:
    """Return an indicator of a neighbourhood the membership reaches, with that membership.

    404 for outsiders, and for partners when another party measures it. With `write`, 403 for
    roles that only read; with `partner` as well, a partner passes for their own indicators.
    """
    membership = get_membership(request, municipality_slug)
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.visible_to(membership).select_related("municipality"),
        slug=neighbourhood_slug,
    )
    indicator = get_object_or_404(
        Indicator.objects.select_related("party", "milestone"), neighbourhood=neighbourhood, pk=pk
    )
    indicator.neighbourhood = neighbourhood
    if membership.role == Role.PARTNER and (
        membership.party_id is None or indicator.party_id != membership.party_id
    ):
        raise Http404
    if write and not (membership.can_write or (partner and _may_enter(membership, indicator))):
        raise PermissionDenied
    return indicator, membership


def _visible_indicators(neighbourhood: Neighbourhood, membership: Membership):
    indicators = neighbourhood.indicators.select_related("party", "milestone").order_by(
        "order", "pk"
    )
    if membership.role == Role.PARTNER:
        indicators = indicators.for_party(membership.party_id)
    return indicators


def _rows(neighbourhood: Neighbourhood, indicators: list[Indicator]) -> list[Row]:
    """Return each indicator against the draft and the adopted route (seven queries)."""
    draft = progress.indicator_progress([neighbourhood], draft=True, indicators=indicators)
    adopted = progress.indicator_progress([neighbourhood], draft=False, indicators=indicators)
    return [
        Row(d.indicator, Standing(d), Standing(a))
        for d, a in zip(draft[neighbourhood.pk], adopted[neighbourhood.pk], strict=True)
    ]


def _list_url(neighbourhood: Neighbourhood) -> str:
    return reverse(
        "dashboard:indicator_list", args=[neighbourhood.municipality.slug, neighbourhood.slug]
    )


def _detail_url(indicator: Indicator) -> str:
    n = indicator.neighbourhood
    return reverse("dashboard:indicator_detail", args=[n.municipality.slug, n.slug, indicator.pk])


def _points(points) -> str:
    return "; ".join(f"{p.date.isoformat()}: {csv_io.format_number(p.value)}" for p in points)


# --- Indicators ------------------------------------------------------------------------------


@login_required
@require_safe
def indicator_list(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug
    )
    indicators = list(_visible_indicators(neighbourhood, membership))
    rows = _rows(neighbourhood, indicators)
    return render(
        request,
        "dashboard/indicators/list.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "neighbourhood": neighbourhood,
            "rows": rows,
            "can_edit": membership.can_write,
            "can_enter": {
                row.indicator.pk for row in rows if _may_enter(membership, row.indicator)
            },
            "can_import": _may_import(membership),
            "is_partner": membership.role == Role.PARTNER,
        },
    )


@login_required
@require_safe
def indicator_detail(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    indicator, membership = get_indicator_for(request, municipality_slug, neighbourhood_slug, pk)
    neighbourhood = indicator.neighbourhood
    row = _rows(neighbourhood, [indicator])[0]
    version_id = progress.latest_versions([neighbourhood.pk]).get(neighbourhood.pk)
    version = RoadmapVersion.objects.filter(pk=version_id).first() if version_id else None
    measurements = list(indicator.measurements.select_related("entered_by").order_by("-date"))
    return render(
        request,
        "dashboard/indicators/detail.html",
        {
            "municipality": membership.municipality,
            "membership": membership,
            "neighbourhood": neighbourhood,
            "indicator": indicator,
            "row": row,
            "version": version,
            "measurements": measurements,
            "can_edit": membership.can_write,
            "can_enter": _may_enter(membership, indicator),
        },
    )


def _indicator_form_page(request, neighbourhood, membership, form, *, indicator=None, name=""):
    return render(
        request,
        "dashboard/indicators/form.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": neighbourhood,
            "indicator": indicator,
            # As saved: a form with errors has already put what was typed on the instance.
            "indicator_name": name,
            "form": form,
            "title": _("Indicator bewerken") if indicator else _("Indicator toevoegen"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    last = neighbourhood.indicators.order_by("-order").values_list("order", flat=True).first()
    form = IndicatorForm(
        request.POST or None,
        instance=Indicator(neighbourhood=neighbourhood, order=(last or 0) + 1),
        neighbourhood=neighbourhood,
    )
    if request.method == "POST" and form.is_valid():
        indicator = audit.save_form(
            request, form, action="create", municipality=membership.municipality
        )
        messages.success(
            request,
            _("De indicator is toegevoegd. Geef hem nu een route: wat verwacht u wanneer?"),
        )
        indicator.neighbourhood = neighbourhood
        return redirect(_detail_url(indicator))
    return _indicator_form_page(request, neighbourhood, membership, form)


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    indicator, membership = get_indicator_for(
        request, municipality_slug, neighbourhood_slug, pk, write=True
    )
    neighbourhood = indicator.neighbourhood
    name = indicator.name
    form = IndicatorForm(request.POST or None, instance=indicator, neighbourhood=neighbourhood)
    if request.method == "POST" and form.is_valid():
        audit.save_form(request, form, action="update", municipality=membership.municipality)
        messages.success(request, _("De indicator is opgeslagen."))
        return redirect(_detail_url(indicator))
    return _indicator_form_page(
        request, neighbourhood, membership, form, indicator=indicator, name=name
    )


@login_required
@require_http_methods(["GET", "POST"])
def indicator_delete(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    indicator, membership = get_indicator_for(
        request, municipality_slug, neighbourhood_slug, pk, write=True
    )
    if indicator.code:
        raise PermissionDenied  # the standard set stays; the page offers no button for it
    neighbourhood = indicator.neighbourhood
    if request.method == "POST":
        with transaction.atomic():
            audit.record(
                request, action="delete", obj=indicator, municipality=membership.municipality
            )
            indicator.delete()
        messages.success(
            request, _("De indicator “%(name)s” is verwijderd.") % {"name": indicator.name}
        )
        return redirect(_list_url(neighbourhood))
    return render(
        request,
        "dashboard/indicators/confirm_delete.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": neighbourhood,
            "indicator": indicator,
            "title": _("Indicator verwijderen"),
            "what": indicator.name,
            "consequence": _(
                "Ook de route en alle %(count)d metingen van deze indicator worden verwijderd. "
                "Een vastgestelde versie van de routekaart houdt de route zoals hij toen was."
            )
            % {"count": indicator.measurements.count()},
            "back_url": _detail_url(indicator),
        },
    )


# --- The draft route ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def route_edit(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    indicator, membership = get_indicator_for(
        request, municipality_slug, neighbourhood_slug, pk, write=True
    )
    neighbourhood = indicator.neighbourhood
    adding = request.method == "POST" and "meer_regels" in request.POST
    formset = route_formset(
        indicator, request.POST if request.method == "POST" else None, add_rows=adding
    )
    if request.method == "POST" and not adding and formset.is_valid():
        before = list(indicator.route_points.filter(version=None).order_by("date"))
        points = formset.points()
        with transaction.atomic():
            indicator.route_points.filter(version=None).delete()
            RoutePoint.objects.bulk_create(
                RoutePoint(indicator=indicator, date=day, value=value) for day, value in points
            )
            after = [RoutePoint(date=day, value=value) for day, value in points]
            audit.record(
                request,
                action="update_route",
                obj=indicator,
                municipality=membership.municipality,
                changes={"before": _points(before), "after": _points(after)},
            )
        messages.success(
            request,
            _(
                "De conceptroute is opgeslagen. De raad meet pas met deze route als de "
                "routekaart opnieuw is vastgesteld."
            ),
        )
        return redirect(_detail_url(indicator))
    version_id = progress.latest_versions([neighbourhood.pk]).get(neighbourhood.pk)
    version = (
        RoadmapVersion.objects.filter(pk=version_id).only("number", "decision_date").first()
        if version_id
        else None
    )
    adopted = (
        list(indicator.route_points.filter(version_id=version_id).order_by("date"))
        if version_id
        else []
    )
    return render(
        request,
        "dashboard/indicators/route.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": neighbourhood,
            "indicator": indicator,
            "formset": formset,
            "version": version,
            "adopted": adopted,
            "draft": list(indicator.route_points.filter(version=None).order_by("date")),
        },
    )


# --- Measurements by hand -------------------------------------------------------------------


def _measurement_page(request, indicator, membership, form, *, measurement=None):
    return render(
        request,
        "dashboard/indicators/measurement_form.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": indicator.neighbourhood,
            "indicator": indicator,
            "measurement": measurement,
            "form": form,
            "title": _("Meting bewerken") if measurement else _("Meting invoeren"),
        },
    )


def _save_measurement(request, form: MeasurementForm, membership: Membership) -> Measurement:
    replaced = form.replaces is not None
    created = form.instance.pk is None and not replaced
    with transaction.atomic():
        measurement = form.save(commit=False)
        measurement.entered_by = request.user
        measurement.via = Measurement.Via.HAND
        measurement.save()
        audit.record(
            request,
            action="create" if created else "update",
            obj=measurement,
            municipality=membership.municipality,
            changes=audit.form_changes(form) | ({"replaced": "ja"} if replaced else {}),
        )
    return measurement


@login_required
@require_http_methods(["GET", "POST"])
def measurement_create(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    indicator, membership = get_indicator_for(
        request, municipality_slug, neighbourhood_slug, pk, write=True, partner=True
    )
    form = MeasurementForm(
        request.POST or None,
        instance=Measurement(indicator=indicator),
        indicator=indicator,
        initial={"date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        replaced = form.replaces is not None
        measurement = _save_measurement(request, form, membership)
        day = formats.date_format(measurement.date, "j F Y")
        messages.success(
            request,
            _("De meting van %(date)s is vervangen.") % {"date": day}
            if replaced
            else _("De meting van %(date)s is opgeslagen.") % {"date": day},
        )
        return redirect(_detail_url(indicator))
    return _measurement_page(request, indicator, membership, form)


def _measurement_for(request, municipality_slug, neighbourhood_slug, pk, measurement_pk):
    indicator, membership = get_indicator_for(
        request, municipality_slug, neighbourhood_slug, pk, write=True, partner=True
    )
    measurement = get_object_or_404(indicator.measurements, pk=measurement_pk)
    measurement.indicator = indicator
    return indicator, measurement, membership


@login_required
@require_http_methods(["GET", "POST"])
def measurement_edit(
    request: HttpRequest,
    municipality_slug: str,
    neighbourhood_slug: str,
    pk: int,
    measurement_pk: int,
) -> HttpResponse:
    indicator, measurement, membership = _measurement_for(
        request, municipality_slug, neighbourhood_slug, pk, measurement_pk
    )
    form = MeasurementForm(request.POST or None, instance=measurement, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        _save_measurement(request, form, membership)
        messages.success(request, _("De meting is opgeslagen."))
        return redirect(_detail_url(indicator))
    return _measurement_page(request, indicator, membership, form, measurement=measurement)


@login_required
@require_http_methods(["GET", "POST"])
def measurement_delete(
    request: HttpRequest,
    municipality_slug: str,
    neighbourhood_slug: str,
    pk: int,
    measurement_pk: int,
) -> HttpResponse:
    indicator, measurement, membership = _measurement_for(
        request, municipality_slug, neighbourhood_slug, pk, measurement_pk
    )
    day = formats.date_format(measurement.date, "j F Y")
    if request.method == "POST":
        with transaction.atomic():
            audit.record(
                request,
                action="delete",
                obj=measurement,
                municipality=membership.municipality,
                changes={"value": str(measurement.value), "date": measurement.date.isoformat()},
            )
            measurement.delete()
        messages.success(request, _("De meting van %(date)s is verwijderd.") % {"date": day})
        return redirect(_detail_url(indicator))
    return render(
        request,
        "dashboard/indicators/confirm_delete.html",
        {
            "municipality": membership.municipality,
            "neighbourhood": indicator.neighbourhood,
            "indicator": indicator,
            "title": _("Meting verwijderen"),
            "what": _("%(indicator)s: %(value)s op %(date)s")
            % {
                "indicator": indicator.name,
                "value": formats.localize(measurement.value),
                "date": day,
            },
            "consequence": _(
                "De status en de verwachting van de indicator worden opnieuw berekend."
            ),
            "back_url": _detail_url(indicator),
        },
    )


@login_required
@require_POST
def measurements_refresh(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """Recompute the indicators Wijkwaarde measures itself, now instead of tonight."""
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=True
    )
    with transaction.atomic():
        written = app_measurements.refresh(neighbourhood)
        if written:
            audit.record(
                request,
                action="refresh_measurements",
                obj=neighbourhood,
                municipality=membership.municipality,
                changes={"rows": written},
            )
    messages.success(
        request,
        _("Opnieuw berekend: %(count)d metingen zijn toegevoegd, veranderd of vervallen.")
        % {"count": written}
        if written
        else _("Opnieuw berekend: alles was al bij."),
    )
    return redirect(_list_url(neighbourhood))


# --- Measurements as CSV ---------------------------------------------------------------------


def _may_import(membership: Membership) -> bool:
    return membership.can_write or (
        membership.role == Role.PARTNER and membership.party_id is not None
    )


@login_required
@require_http_methods(["GET", "POST"])
def measurements_import(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Read measurements from a CSV file: all rows or none."""
    municipality, membership = get_municipality_for(request, municipality_slug)
    if not _may_import(membership):
        raise PermissionDenied
    # Not `request.POST or None`: a post may carry only the file.
    form = (
        MeasurementImportForm(request.POST, request.FILES)
        if request.method == "POST"
        else MeasurementImportForm()
    )
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            plan = csv_io.read_csv(upload.read(), membership=membership)
        except csv_io.CsvImportError as exc:
            errors = exc.errors
        else:
            with transaction.atomic():
                result = csv_io.apply(plan, user=request.user)
                audit.record(
                    request,
                    action="import_measurements",
                    obj=municipality,
                    municipality=municipality,
                    changes={
                        "file": upload.name,
                        "created": [csv_io.describe(row) for row in plan.create],
                        "updated": [csv_io.describe(row) for row, _old in plan.update],
                        "unchanged": result.unchanged,
                    },
                )
            messages.success(
                request,
                _(
                    "Het bestand is ingelezen: %(created)d nieuwe metingen, %(updated)d "
                    "veranderd en %(unchanged)d al gelijk."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("dashboard:measurements_import", municipality.slug)
    return render(
        request,
        "dashboard/indicators/csv.html",
        {
            "municipality": municipality,
            "membership": membership,
            "form": form,
            "errors": errors,
            "header": ";".join(csv_io.HEADER),
            "max_mb": csv_io.MAX_UPLOAD_BYTES // (1024 * 1024),
            "is_partner": membership.role == Role.PARTNER,
        },
    )


@login_required
@require_safe
def measurements_export(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    """Every measurement the member may see, in the import's columns, as a download."""
    municipality, membership = get_municipality_for(request, municipality_slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"metingen-{municipality.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    csv_io.write_csv(response, csv_io.export_rows(csv_io.measurements_for(membership)))
    return response


indicator_routes = [
    path("", indicator_list, name="indicator_list"),
    path("nieuw/", indicator_create, name="indicator_create"),
    path("bereken-opnieuw/", measurements_refresh, name="measurements_refresh"),
    path("<int:pk>/", indicator_detail, name="indicator_detail"),
    path("<int:pk>/bewerken/", indicator_edit, name="indicator_edit"),
    path("<int:pk>/verwijderen/", indicator_delete, name="indicator_delete"),
    path("<int:pk>/route/", route_edit, name="route_edit"),
    path("<int:pk>/metingen/nieuw/", measurement_create, name="measurement_create"),
    path("<int:pk>/metingen/<int:measurement_pk>/", measurement_edit, name="measurement_edit"),
    path(
        "<int:pk>/metingen/<int:measurement_pk>/verwijderen/",
        measurement_delete,
        name="measurement_delete",
    ),
]

measurement_routes = [
    path("", measurements_import, name="measurements_import"),
    path("downloaden/", measurements_export, name="measurements_export"),
]

routes: list[URLPattern | URLResolver] = [
    path(
        "beheer/<slug:municipality_slug>/wijken/<slug:neighbourhood_slug>/indicatoren/",
        include(indicator_routes),
    ),
    path("beheer/<slug:municipality_slug>/metingen/", include(measurement_routes)),
]
