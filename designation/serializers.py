"""The open-data shapes of the warmteprogramma and the designation track (the API lives in the
dashboard's open data, which composes these). Public fields only: never a judge's name, a user
or a draft programme. Codes stay stable; each has a Dutch `…_label` next to it."""

from __future__ import annotations

from django.utils import translation
from rest_framework import serializers

from roadmap.models import SafeguardType
from wup.models import HeatSolution, Municipality, Neighbourhood

from .models import DesignationTrack, HeatProgramme, StepKind, StepStatus, Verdict
from .safeguards import shown_assessments
from .track import ordered_steps


def _labels(choices) -> dict[str, str]:
    with translation.override("nl"):
        return {value: str(label) for value, label in choices.choices}


class ProgrammeEntrySerializer(serializers.Serializer):
    neighbourhood = serializers.CharField(source="neighbourhood.slug")
    neighbourhood_name = serializers.CharField(source="neighbourhood.name")
    order = serializers.IntegerField()
    preferred_solution = serializers.CharField()
    preferred_solution_label = serializers.SerializerMethodField()
    designation_intended = serializers.BooleanField()
    designation_year = serializers.IntegerField(allow_null=True)
    gas_end_year = serializers.IntegerField(allow_null=True)

    def get_preferred_solution_label(self, obj) -> str:
        return _labels(HeatSolution).get(obj.preferred_solution, "")


class HeatProgrammeSerializer(serializers.Serializer):
    version = serializers.IntegerField(source="number")
    title = serializers.CharField()
    summary = serializers.CharField()
    adopted_on = serializers.DateField()
    decision_reference = serializers.CharField()
    decision_url = serializers.CharField()
    refresh_due = serializers.DateField(help_text="Het volgende warmteprogramma uiterlijk.")
    review = serializers.CharField()
    neighbourhoods = ProgrammeEntrySerializer(many=True, source="entries.all")


class StepSerializer(serializers.Serializer):
    step = serializers.CharField(source="kind")
    step_label = serializers.SerializerMethodField()
    body = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.SerializerMethodField()
    date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    document_title = serializers.CharField()
    document_url = serializers.CharField()
    objection_count = serializers.IntegerField(allow_null=True)
    summary = serializers.CharField()

    def get_step_label(self, obj) -> str:
        return _labels(StepKind)[obj.kind]

    def get_status_label(self, obj) -> str:
        return _labels(StepStatus)[obj.status]


class EvidenceSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    dated = serializers.DateField()
    owner = serializers.CharField()


class AssessmentSerializer(serializers.Serializer):
    safeguard = serializers.CharField(source="kind")
    safeguard_label = serializers.SerializerMethodField()
    verdict = serializers.CharField()
    verdict_label = serializers.SerializerMethodField()
    reasoning = serializers.CharField()
    judged_role = serializers.CharField(help_text="De rol van wie oordeelde; nooit een naam.")
    judged_on = serializers.DateField(allow_null=True)
    evidence = EvidenceSerializer(many=True)

    def get_safeguard_label(self, obj) -> str:
        return _labels(SafeguardType)[obj.kind]

    def get_verdict_label(self, obj) -> str:
        return _labels(Verdict)[obj.verdict]


class DesignationTrackSerializer(serializers.Serializer):
    neighbourhood = serializers.CharField()
    gas_end_date = serializers.DateField(allow_null=True)
    steps = StepSerializer(many=True)
    safeguards = AssessmentSerializer(many=True)


def programmes_data(municipality: Municipality) -> list[dict]:
    """The adopted versions of the municipality's warmteprogramma, newest first."""
    programmes = HeatProgramme.objects.filter(
        municipality=municipality, adopted_on__isnull=False
    ).prefetch_related("entries__neighbourhood")
    return HeatProgrammeSerializer(programmes, many=True).data


def track_data(neighbourhood: Neighbourhood) -> dict | None:
    track = (
        DesignationTrack.objects.filter(neighbourhood=neighbourhood)
        .prefetch_related("steps")
        .first()
    )
    if track is None:
        return None
    return DesignationTrackSerializer(
        {
            "neighbourhood": neighbourhood.slug,
            "gas_end_date": track.gas_end_date,
            "steps": ordered_steps(track),
            "safeguards": shown_assessments(neighbourhood),
        }
    ).data
