"""The shapes of the open-data API: what a municipality, neighbourhood, adopted roadmap version,
milestone, indicator and measurement look like in JSON, and so in the OpenAPI schema.

Only public fields are declared here; nothing about the people who entered or follow anything
(no user, e-mail, note, question or follower data). Codes stay stable; each code has a Dutch
`…_label` next to it, the way the adopted roadmap snapshots store them.
"""

from __future__ import annotations

from django.db.models import Choices
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from roadmap.models import DecisionBody, MilestoneStatus
from wup.models import HeatSolution, PartyType, Phase

from .models import DataSource, DataStatus, Direction, IndicatorCategory, IndicatorUnit


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.ReadOnlyField):
    """The Dutch label of a choice code (read from the field named by `source`)."""

    def __init__(self, choices: type[Choices], **kwargs):
        with translation.override("nl"):
            self.labels = {value: str(label) for value, label in choices.choices}
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.labels.get(value, value or "")


def _decimal() -> serializers.DecimalField:
    # A number in JSON, not a string: the values have at most two decimals.
    return serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)


# --- Municipalities ---------------------------------------------------------------------------


class MunicipalitySerializer(serializers.Serializer):
    code = serializers.CharField(source="cbs_code", help_text="CBS-gemeentecode, zoals GM0363.")
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.URLField(source="api_url")


class MunicipalityLinksSerializer(serializers.Serializer):
    neighbourhoods = serializers.URLField()
    neighbourhoods_csv = serializers.URLField()
    indicators_csv = serializers.URLField()
    route_csv = serializers.URLField()
    milestones_csv = serializers.URLField()
    measurements_csv = serializers.URLField()


class MunicipalityDetailSerializer(MunicipalitySerializer):
    links = MunicipalityLinksSerializer()


# --- Neighbourhoods ---------------------------------------------------------------------------


class CbsAreaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="CBS-code van de wijk (WK…) of buurt (BU…).")
    level = serializers.CharField(help_text="wijk of buurt")
    name = serializers.CharField()
    reference_year = serializers.IntegerField(help_text="Peiljaar van de CBS-indeling.")


class StartanalyseSerializer(serializers.Serializer):
    edition = serializers.CharField()
    code = serializers.CharField()
    name = serializers.CharField()


class KeyFiguresSerializer(serializers.Serializer):
    reference_year = serializers.IntegerField(allow_null=True)
    homes = serializers.IntegerField(allow_null=True)
    share_owner_occupied = serializers.FloatField(allow_null=True, help_text="Procent.")
    share_corporation = serializers.FloatField(allow_null=True, help_text="Procent.")
    share_other_rental = serializers.FloatField(allow_null=True, help_text="Procent.")
    avg_gas_m3 = serializers.FloatField(allow_null=True, help_text="m³ per woning per jaar.")
    build_periods = serializers.DictField(
        child=serializers.FloatField(), help_text="Procent van de woningen per bouwjaarklasse."
    )


class NeighbourhoodSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.URLField(source="api_url")
    phase = serializers.ChoiceField(choices=Phase.choices)
    phase_label = LabelField(Phase, source="phase")
    phase_detail = serializers.CharField()
    preferred_solution = serializers.ChoiceField(choices=HeatSolution.choices)
    preferred_solution_label = LabelField(HeatSolution, source="preferred_solution")
    startanalyse_strategy = StartanalyseSerializer(
        source="startanalyse_variant", allow_null=True, required=False
    )
    planned_gas_free_year = serializers.IntegerField(allow_null=True)
    cbs_areas = CbsAreaSerializer(source="areas", many=True)
    key_figures = KeyFiguresSerializer()
    roadmap_version = serializers.IntegerField(
        source="adopted_version_number",
        allow_null=True,
        help_text="Nummer van de laatst vastgestelde routekaart; leeg als die er nog niet is.",
    )


class PartySerializer(serializers.Serializer):
    name = serializers.CharField()
    type = serializers.ChoiceField(source="party_type", choices=PartyType.choices)
    type_label = LabelField(PartyType, source="party_type")


class NeighbourhoodLinksSerializer(serializers.Serializer):
    public_page = serializers.URLField()
    roadmap_versions = serializers.URLField()
    milestones = serializers.URLField()
    indicators = serializers.URLField()
    measurements = serializers.URLField()


class NeighbourhoodDetailSerializer(NeighbourhoodSerializer):
    summary = serializers.CharField()
    parties = PartySerializer(many=True)
    links = NeighbourhoodLinksSerializer()


# --- Adopted roadmap versions and milestones --------------------------------------------------


class RoadmapVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    adopted_by = serializers.ChoiceField(choices=DecisionBody.choices)
    adopted_by_label = LabelField(DecisionBody, source="adopted_by")
    decision_date = serializers.DateField()
    decision_reference = serializers.CharField()
    reason = serializers.CharField(help_text="Reden van de wijziging; leeg bij versie 1.")
    url = serializers.URLField(source="api_url")


class RoadmapVersionDetailSerializer(RoadmapVersionSerializer):
    snapshot = serializers.JSONField(
        help_text="De routekaart zoals die is vastgesteld: dezelfde inhoud als de openbare "
        "pagina van deze versie."
    )


class MilestoneSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    owner = serializers.CharField(source="owner_name", help_text="De partij die het doet.")
    baseline_date = serializers.DateField(help_text="Gepland, zoals vastgesteld.")
    forecast_date = serializers.DateField(allow_null=True, help_text="Nu verwacht.")
    achieved_date = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=MilestoneStatus.choices, allow_blank=True)
    status_label = LabelField(MilestoneStatus, source="status")
    depends_on = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids van de tussendoelen waar dit op wacht."
    )
    roadmap_version = serializers.IntegerField()


# --- Indicators, the adopted route, measurements ----------------------------------------------


class RoutePointSerializer(serializers.Serializer):
    date = serializers.DateField()
    value = _decimal()


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="Code van een standaardindicator; leeg als eigen.")
    name = serializers.CharField()
    description = serializers.CharField()
    category = serializers.ChoiceField(choices=IndicatorCategory.choices)
    category_label = LabelField(IndicatorCategory, source="category")
    unit = serializers.ChoiceField(choices=IndicatorUnit.choices)
    unit_label = LabelField(IndicatorUnit, source="unit")
    direction = serializers.ChoiceField(choices=Direction.choices)
    direction_label = LabelField(Direction, source="direction")
    source = serializers.ChoiceField(choices=DataSource.choices)
    source_label = LabelField(DataSource, source="source")
    measured_by = serializers.CharField(
        source="party_name", allow_null=True, help_text="De partij die meet, als die er is."
    )
    milestone = serializers.IntegerField(
        source="public_milestone_id",
        allow_null=True,
        help_text="Id van het tussendoel in de vastgestelde routekaart waar dit bij hoort.",
    )
    route_version = serializers.IntegerField(
        allow_null=True, help_text="De vastgestelde routekaartversie waar de route uit komt."
    )
    route = RoutePointSerializer(many=True, help_text="De vastgestelde route: geplande waarden.")


class MeasurementSerializer(serializers.Serializer):
    indicator = serializers.IntegerField(source="indicator_id")
    date = serializers.DateField()
    value = _decimal()
    source = serializers.ChoiceField(choices=DataSource.choices)
    source_label = LabelField(DataSource, source="source")
    data_status = serializers.ChoiceField(
        choices=DataStatus.choices,
        allow_blank=True,
        help_text="Hoe definitief het cijfer is; leeg als onbekend.",
    )
    data_status_label = LabelField(DataStatus, source="data_status")


class ApiRootSerializer(serializers.Serializer):
    municipalities = serializers.URLField()
    schema = serializers.URLField()
    documentation = serializers.URLField()
