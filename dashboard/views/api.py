"""Open data: a read-only JSON API under /api/v1/ with its OpenAPI schema, CSV files per
municipality, and a page at /api/ that explains both to people.

Everything here is public and the same for everyone: no login, no session, no CSRF, only GET,
HEAD and OPTIONS (anything else is 405). The answers are in Dutch whatever language the visitor
chose, so a shared cache can keep them; each carries an ETag and a public max-age. What is
public, and what not, is decided in `opendata`; the shapes are in `serializers`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import SimpleTemplateResponse
from django.urls import URLPattern, URLResolver, path, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, set_response_etag
from django.views.decorators.http import require_safe
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from dashboard import opendata
from dashboard.serializers import (
    ApiRootSerializer,
    IndicatorSerializer,
    MeasurementSerializer,
    MilestoneSerializer,
    MunicipalityDetailSerializer,
    MunicipalitySerializer,
    NeighbourhoodDetailSerializer,
    NeighbourhoodSerializer,
    RoadmapVersionDetailSerializer,
    RoadmapVersionSerializer,
)
from designation import serializers as designation_serializers
from roadmap.models import RoadmapVersion
from wup import links
from wup.client import AddressRateThrottle
from wup.csv_files import csv_lines
from wup.models import Municipality, Neighbourhood, Party

MAX_AGE = 300  # seconds a shared cache may keep an answer; figures change at most daily
SAFE_METHODS = ["get", "head", "options"]
# Stands in for a slug while a URL is reversed once for a whole list.
PLACEHOLDER = "__slug__"

TITLE = "Wijkwaarde open data"
DESCRIPTION = (
    "Openbare gegevens over de warmtetransitie per wijk: wijken met hun kerncijfers, "
    "vastgestelde routekaarten, tussendoelen, indicatoren met hun vastgestelde route, en "
    "metingen. Alleen lezen (GET). Geen persoonsgegevens. Codes blijven gelijk; de labels "
    "(…_label) zijn Nederlands. Per gemeente zijn er ook CSV-bestanden (UTF-8, puntkomma's, "
    "decimale komma)."
)
VERSION = "1.0.0"


# --- The common behaviour ---------------------------------------------------------------------


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Give a rendered answer its ETag; answer 304 when the client already has it."""
    set_response_etag(response)
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


class PublicAnswers:
    """Dutch, cacheable, conditional answers; mixed into every view of the API."""

    def dispatch(self, request, *args, **kwargs):
        with translation.override("nl"):
            return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request: Request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = "nl"
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        patch_cache_control(response, public=True, max_age=MAX_AGE)
        if isinstance(response, SimpleTemplateResponse):  # a DRF Response: not rendered yet
            response.add_post_render_callback(partial(_conditional, request._request))
            return response
        if isinstance(response, StreamingHttpResponse):
            return response
        return _conditional(request._request, response)


class OpenDataSchema(AutoSchema):
    """Operation ids from the view (`operation_id`). The rest of the schema is declared with
    @extend_schema on the view *class*: decorating a method would build on whatever
    DEFAULT_SCHEMA_CLASS is at import time, and break the schema without the settings."""

    def get_operation_id(self) -> str:
        return getattr(self.view, "operation_id", None) or super().get_operation_id()


class OpenDataView(PublicAnswers, APIView):
    # Public and the same for everyone: no authentication (so no session and no CSRF), and
    # no write handlers, so POST, PUT, PATCH and DELETE are 405.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    throttle_classes = [AddressRateThrottle]
    http_method_names = SAFE_METHODS
    schema = OpenDataSchema()


class AnyAccept(BaseContentNegotiation):
    """A CSV download is CSV whatever the client accepts; its errors are JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _url(request: Request, name: str, *args) -> str:
    return links.absolute(reverse(f"dashboard:{name}", args=args), request)


def _url_template(request: Request, name: str, *args) -> str:
    """Return the absolute URL with PLACEHOLDER for the last slug, reversed once per list."""
    return _url(request, name, *args, PLACEHOLDER)


def _municipality(slug: str) -> Municipality:
    return get_object_or_404(Municipality.objects.only("cbs_code", "slug", "name"), slug=slug)


def _neighbourhood(municipality_slug: str, neighbourhood_slug: str) -> Neighbourhood:
    return get_object_or_404(
        Neighbourhood.objects.only("slug", "name", "municipality_id"),
        municipality__slug=municipality_slug,
        slug=neighbourhood_slug,
    )


def _neighbourhood_links(request: Request, m: str, n: str) -> dict[str, str]:
    return {
        "public_page": links.absolute(reverse("residents:neighbourhood", args=[m, n]), request),
        "roadmap_versions": _url(request, "api_roadmaps", m, n),
        "milestones": _url(request, "api_milestones", m, n),
        "indicators": _url(request, "api_indicators", m, n),
        "measurements": _url(request, "api_measurements", m, n),
    }


# --- JSON -------------------------------------------------------------------------------------


@extend_schema(
    tags=["start"],
    responses=ApiRootSerializer,
    description="Waar u begint: de lijst van gemeenten, het schema en de uitleg.",
)
class ApiRoot(OpenDataView):
    """Where to start: the list of municipalities, the schema and the documentation."""

    operation_id = "api_root"

    def get(self, request: Request) -> Response:
        data = {
            "municipalities": _url(request, "api_municipalities"),
            "schema": _url(request, "api_schema"),
            "documentation": _url(request, "api_docs"),
        }
        return Response(ApiRootSerializer(data).data)


@extend_schema(
    tags=["gemeenten"],
    responses=MunicipalitySerializer(many=True),
    description="Alle gemeenten: CBS-code, adres (slug) en naam.",
)
class MunicipalityList(OpenDataView):
    """Every municipality: CBS code, slug and name."""

    operation_id = "municipalities_list"

    def get(self, request: Request) -> Response:
        template = _url_template(request, "api_municipality")
        municipalities = list(Municipality.objects.only("cbs_code", "slug", "name"))
        for m in municipalities:
            m.api_url = template.replace(PLACEHOLDER, m.slug)
        return Response(MunicipalitySerializer(municipalities, many=True).data)


@extend_schema(
    tags=["gemeenten"],
    responses=MunicipalityDetailSerializer,
    description="Eén gemeente, met links naar haar wijken en CSV-bestanden.",
)
class MunicipalityDetail(OpenDataView):
    """One municipality, with links to its neighbourhoods and its CSV files."""

    operation_id = "municipalities_retrieve"

    def get(self, request: Request, municipality_slug: str) -> Response:
        m = _municipality(municipality_slug)
        m.api_url = _url(request, "api_municipality", m.slug)
        m.links = {
            "neighbourhoods": _url(request, "api_neighbourhoods", m.slug),
            "neighbourhoods_csv": _url(request, "api_csv_neighbourhoods", m.slug),
            "indicators_csv": _url(request, "api_csv_indicators", m.slug),
            "route_csv": _url(request, "api_csv_route", m.slug),
            "milestones_csv": _url(request, "api_csv_milestones", m.slug),
            "measurements_csv": _url(request, "api_csv_measurements", m.slug),
        }
        return Response(MunicipalityDetailSerializer(m).data)


@extend_schema(
    tags=["wijken"],
    responses=NeighbourhoodSerializer(many=True),
    description="De wijken (plangebieden) van een gemeente met hun CBS-codes en kerncijfers.",
)
class NeighbourhoodList(OpenDataView):
    """The neighbourhoods (plan areas) of a municipality, with their CBS codes and key figures."""

    operation_id = "neighbourhoods_list"

    def get(self, request: Request, municipality_slug: str) -> Response:
        municipality = _municipality(municipality_slug)
        neighbourhoods = list(opendata.neighbourhoods_of(municipality))
        numbers = opendata.adopted_numbers(municipality=municipality)
        template = _url_template(request, "api_neighbourhood", municipality.slug)
        for n in neighbourhoods:
            n.api_url = template.replace(PLACEHOLDER, n.slug)
            n.adopted_version_number = numbers.get(n.pk)
        return Response(NeighbourhoodSerializer(neighbourhoods, many=True).data)


@extend_schema(
    tags=["wijken"],
    responses=NeighbourhoodDetailSerializer,
    description="Eén wijk: de velden uit de lijst, plus samenvatting, partijen en links.",
)
class NeighbourhoodDetail(OpenDataView):
    """One neighbourhood: the list's fields plus its summary, parties and links."""

    operation_id = "neighbourhoods_retrieve"

    def get(self, request: Request, municipality_slug: str, neighbourhood_slug: str) -> Response:
        n = get_object_or_404(
            Neighbourhood.objects.select_related("startanalyse_variant").prefetch_related(
                opendata.areas(),
                Prefetch(
                    "parties",
                    queryset=Party.objects.only("name", "party_type").order_by(
                        "party_type", "name"
                    ),
                ),
            ),
            municipality__slug=municipality_slug,
            slug=neighbourhood_slug,
        )
        n.api_url = _url(request, "api_neighbourhood", municipality_slug, n.slug)
        n.adopted_version_number = opendata.adopted_numbers(pk=n.pk).get(n.pk)
        n.links = _neighbourhood_links(request, municipality_slug, n.slug)
        return Response(NeighbourhoodDetailSerializer(n).data)


@extend_schema(
    tags=["routekaarten"],
    responses=RoadmapVersionSerializer(many=True),
    description="De vastgestelde versies van de routekaart van een wijk, nieuwste eerst. "
    "Een concept staat er nooit in.",
)
class RoadmapVersionList(OpenDataView):
    """The adopted versions of a neighbourhood's roadmap, newest first; never a draft."""

    operation_id = "roadmap_versions_list"

    def get(self, request: Request, municipality_slug: str, neighbourhood_slug: str) -> Response:
        n = _neighbourhood(municipality_slug, neighbourhood_slug)
        versions = list(
            RoadmapVersion.objects.filter(roadmap__neighbourhood=n)
            .only(
                "number",
                "adopted_by",
                "decision_date",
                "decision_reference",
                "reason",
            )
            .order_by("-number")
        )
        for v in versions:  # a handful: reversing each is cheap enough
            v.api_url = _url(request, "api_roadmap", municipality_slug, n.slug, v.number)
        return Response(RoadmapVersionSerializer(versions, many=True).data)


@extend_schema(
    tags=["routekaarten"],
    responses=RoadmapVersionDetailSerializer,
    description="Eén vastgestelde versie met de routekaart zoals die is vastgesteld.",
)
class RoadmapVersionDetail(OpenDataView):
    """One adopted version with its snapshot: the roadmap as it was adopted."""

    operation_id = "roadmap_versions_retrieve"

    def get(
        self, request: Request, municipality_slug: str, neighbourhood_slug: str, number: int
    ) -> Response:
        n = _neighbourhood(municipality_slug, neighbourhood_slug)
        version = get_object_or_404(
            RoadmapVersion.objects.defer("checksum", "created_by", "created_at"),
            roadmap__neighbourhood=n,
            number=number,
        )
        version.api_url = _url(request, "api_roadmap", municipality_slug, n.slug, number)
        return Response(RoadmapVersionDetailSerializer(version).data)


@extend_schema(
    tags=["routekaarten"],
    responses=MilestoneSerializer(many=True),
    description="De tussendoelen uit de laatst vastgestelde routekaart, met hoe ze er nu "
    "voor staan. Leeg zolang er geen vastgestelde routekaart is.",
)
class MilestoneList(OpenDataView):
    """The milestones of the latest adopted roadmap with today's progress; empty before the
    first adoption."""

    operation_id = "milestones_list"

    def get(self, request: Request, municipality_slug: str, neighbourhood_slug: str) -> Response:
        n = _neighbourhood(municipality_slug, neighbourhood_slug)
        milestones = opendata.public_milestones(opendata.latest_adopted(pk=n.pk), pk=n.pk)
        return Response(MilestoneSerializer(milestones.get(n.pk, []), many=True).data)


@extend_schema(
    tags=["indicatoren"],
    responses=IndicatorSerializer(many=True),
    description="De indicatoren van een wijk, elk met de route uit de laatst vastgestelde "
    "routekaart.",
)
class IndicatorList(OpenDataView):
    """The indicators of a neighbourhood, each with the route of the latest adopted roadmap."""

    operation_id = "indicators_list"

    def get(self, request: Request, municipality_slug: str, neighbourhood_slug: str) -> Response:
        n = _neighbourhood(municipality_slug, neighbourhood_slug)
        indicators = opendata.public_indicators(opendata.latest_adopted(pk=n.pk), pk=n.pk)
        return Response(IndicatorSerializer(indicators, many=True).data)


class MeasurementPages(PageNumberPagination):
    page_size = 500
    page_size_query_param = "page_size"
    max_page_size = 5000


@extend_schema(
    tags=["indicatoren"],
    description="De metingen van een wijk, per indicator en datum, 500 per pagina.",
    parameters=[
        OpenApiParameter(
            "indicator", OpenApiTypes.INT, description="Alleen de metingen van deze indicator (id)."
        )
    ],
)
class MeasurementList(PublicAnswers, ListAPIView):
    """The measurements of a neighbourhood by indicator and date, a page at a time."""

    operation_id = "measurements_list"
    authentication_classes = OpenDataView.authentication_classes
    permission_classes = OpenDataView.permission_classes
    renderer_classes = OpenDataView.renderer_classes
    throttle_classes = OpenDataView.throttle_classes
    http_method_names = SAFE_METHODS
    schema = OpenDataSchema()
    serializer_class = MeasurementSerializer
    pagination_class = MeasurementPages
    filter_backends: list = []

    def get_queryset(self):
        n = _neighbourhood(self.kwargs["municipality_slug"], self.kwargs["neighbourhood_slug"])
        measurements = opendata.public_measurements().filter(indicator__neighbourhood=n)
        indicator = self.request.query_params.get("indicator")
        if indicator is not None:
            if not indicator.isdigit():
                raise ValidationError({"indicator": "Geef het id van een indicator (een getal)."})
            measurements = measurements.filter(indicator_id=int(indicator))
        return measurements


# --- CSV --------------------------------------------------------------------------------------

CSV = "text/csv; charset=utf-8"


class CsvDownload(OpenDataView):
    """A municipality's file: `rows` gives its lines under `header`."""

    content_negotiation_class = AnyAccept
    file_name = ""  # after the municipality's slug: testdal-<file_name>.csv
    header: list[str] = []
    stream = False

    def rows(self, municipality: Municipality) -> Iterable[list[str]]:
        raise NotImplementedError

    def get(self, request: Request, municipality_slug: str) -> HttpResponse:
        municipality = _municipality(municipality_slug)
        # A server drops the body of a HEAD answer but may still read a stream to its end.
        skip = self.stream and request.method == "HEAD"
        lines = csv_lines(self.header, [] if skip else self.rows(municipality))
        if self.stream:
            response = StreamingHttpResponse(lines, content_type=CSV)
        else:
            response = HttpResponse("".join(lines), content_type=CSV)
        response["Content-Disposition"] = (
            f'attachment; filename="{municipality.slug}-{self.file_name}.csv"'
        )
        return response


def _csv_schema(header: list[str]):
    return extend_schema(
        tags=["csv"],
        description="Kolommen: " + ";".join(header),
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Het CSV-bestand."),
            (404, "application/json"): OpenApiResponse(description="Geen gemeente met dit adres."),
        },
    )


@_csv_schema(opendata.NEIGHBOURHOOD_HEADER)
class NeighbourhoodsCsv(CsvDownload):
    """The municipality's neighbourhoods with their key figures, one line each."""

    operation_id = "csv_neighbourhoods"
    file_name = "wijken"
    header = opendata.NEIGHBOURHOOD_HEADER

    def rows(self, municipality):
        return opendata.neighbourhood_rows(municipality)


@_csv_schema(opendata.INDICATOR_HEADER)
class IndicatorsCsv(CsvDownload):
    """Every indicator of the municipality's neighbourhoods, one line each."""

    operation_id = "csv_indicators"
    file_name = "indicatoren"
    header = opendata.INDICATOR_HEADER

    def rows(self, municipality):
        return opendata.indicator_rows(municipality)


@_csv_schema(opendata.ROUTE_HEADER)
class RouteCsv(CsvDownload):
    """The adopted routes: one line per planned value."""

    operation_id = "csv_route"
    file_name = "route"
    header = opendata.ROUTE_HEADER

    def rows(self, municipality):
        return opendata.route_rows(municipality)


@_csv_schema(opendata.MILESTONE_HEADER)
class MilestonesCsv(CsvDownload):
    """The milestones of the latest adopted roadmaps, with today's progress."""

    operation_id = "csv_milestones"
    file_name = "tussendoelen"
    header = opendata.MILESTONE_HEADER

    def rows(self, municipality):
        return opendata.milestone_rows(municipality)


@_csv_schema(opendata.MEASUREMENT_HEADER)
class MeasurementsCsv(CsvDownload):
    """Every measurement in the municipality, in the back office's columns without the note."""

    operation_id = "csv_measurements"
    file_name = "metingen"
    header = opendata.MEASUREMENT_HEADER
    stream = True  # can be large: written while it is read

    def rows(self, municipality):
        return opendata.measurement_rows(municipality)


# --- The schema and the page for people -------------------------------------------------------


@extend_schema(exclude=True)
class OpenApiSchema(PublicAnswers, SpectacularAPIView):
    """The OpenAPI 3 schema: YAML, or JSON with ?format=json."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AddressRateThrottle]
    http_method_names = SAFE_METHODS
    schema = OpenDataSchema()
    custom_settings = {
        "TITLE": TITLE,
        "DESCRIPTION": DESCRIPTION,
        "VERSION": VERSION,
        "SCHEMA_PATH_PREFIX": r"/api/v1",
        "ENUM_NAME_OVERRIDES": {
            "MilestoneStatusEnum": "roadmap.models.MilestoneStatus",
            "PartyTypeEnum": "wup.models.PartyType",
        },
    }

    def get(self, request, *args, **kwargs):
        # Not the parent's decorated method: its schema class is fixed when drf-spectacular is
        # imported; this one has none, so the class's exclusion holds.
        return super().get(request, *args, **kwargs)


@extend_schema(
    tags=["warmteprogramma"],
    responses=designation_serializers.HeatProgrammeSerializer(many=True),
    description="De vastgestelde versies van het warmteprogramma van een gemeente, nieuwste "
    "eerst, met de volgorde van de wijken. Een concept staat er nooit in.",
)
class HeatProgrammeList(OpenDataView):
    operation_id = "heat_programmes_list"

    def get(self, request: Request, municipality_slug: str) -> Response:
        municipality = _municipality(municipality_slug)
        return Response(designation_serializers.programmes_data(municipality))


@extend_schema(
    tags=["warmteprogramma"],
    responses=designation_serializers.DesignationTrackSerializer,
    description="Het aanwijzingstraject van een wijk: de stappen, de einddatum van de "
    "aardgaslevering en de beoordeling van de zes waarborgen (wie oordeelde alleen als rol).",
)
class DesignationTrackDetail(OpenDataView):
    operation_id = "designation_track_retrieve"

    def get(self, request: Request, municipality_slug: str, neighbourhood_slug: str) -> Response:
        neighbourhood = _neighbourhood(municipality_slug, neighbourhood_slug)
        data = designation_serializers.track_data(neighbourhood)
        if data is None:
            return Response({"detail": "Geen aanwijzingstraject."}, status=404)
        return Response(data)


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """The page for people: what the open data holds, and links to the schema and the CSVs."""
    municipalities = Municipality.objects.only("slug", "name").order_by("name")
    codes = [
        (name, [(value, label) for value, label in choices.choices])
        for name, choices in opendata.CODE_LISTS.items()
    ]
    return render(
        request,
        "dashboard/api/index.html",
        {
            "municipalities": municipalities,
            "api_root": reverse("dashboard:api_root"),
            "codes": codes,
            "csv_columns": {
                "wijken": opendata.NEIGHBOURHOOD_HEADER,
                "indicatoren": opendata.INDICATOR_HEADER,
                "route": opendata.ROUTE_HEADER,
                "tussendoelen": opendata.MILESTONE_HEADER,
                "metingen": opendata.MEASUREMENT_HEADER,
            },
        },
    )


M = "api/v1/gemeenten/<slug:municipality_slug>/"
N = M + "wijken/<slug:neighbourhood_slug>/"

routes: list[URLPattern | URLResolver] = [
    path("api/", api_docs, name="api_docs"),
    path("api/v1/", ApiRoot.as_view(), name="api_root"),
    path("api/v1/schema/", OpenApiSchema.as_view(), name="api_schema"),
    path("api/v1/gemeenten/", MunicipalityList.as_view(), name="api_municipalities"),
    path(M, MunicipalityDetail.as_view(), name="api_municipality"),
    path(M + "wijken/", NeighbourhoodList.as_view(), name="api_neighbourhoods"),
    path(M + "wijken.csv", NeighbourhoodsCsv.as_view(), name="api_csv_neighbourhoods"),
    path(M + "indicatoren.csv", IndicatorsCsv.as_view(), name="api_csv_indicators"),
    path(M + "route.csv", RouteCsv.as_view(), name="api_csv_route"),
    path(M + "tussendoelen.csv", MilestonesCsv.as_view(), name="api_csv_milestones"),
    path(M + "metingen.csv", MeasurementsCsv.as_view(), name="api_csv_measurements"),
    path(N, NeighbourhoodDetail.as_view(), name="api_neighbourhood"),
    path(N + "routekaart/", RoadmapVersionList.as_view(), name="api_roadmaps"),
    path(N + "routekaart/<int:number>/", RoadmapVersionDetail.as_view(), name="api_roadmap"),
    path(N + "tussendoelen/", MilestoneList.as_view(), name="api_milestones"),
    path(N + "indicatoren/", IndicatorList.as_view(), name="api_indicators"),
    path(N + "metingen/", MeasurementList.as_view(), name="api_measurements"),
    path(M + "warmteprogramma/", HeatProgrammeList.as_view(), name="api_heat_programmes"),
    path(N + "aanwijzing/", DesignationTrackDetail.as_view(), name="api_designation_track"),
]
