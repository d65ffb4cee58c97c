import pytest
from django.db import DatabaseError, connection, transaction

from tests.factories import CbsAreaFactory
from wup.models import AuditEntry
from wup.theme import contrast_ratio, contrast_text_colour


def test_key_figures_sum_homes_and_weight_shares_by_homes(neighbourhood):
    CbsAreaFactory(
        neighbourhood=neighbourhood,
        homes=100,
        share_owner_occupied=80.0,
        build_periods={"voor_2000": 90.0},
    )
    CbsAreaFactory(
        neighbourhood=neighbourhood,
        homes=300,
        share_owner_occupied=40.0,
        build_periods={"voor_2000": 50.0},
    )
    figures = neighbourhood.key_figures()
    assert figures.homes == 400
    assert figures.share_owner_occupied == 50.0
    assert figures.build_periods == {"voor_2000": 60.0}
    assert figures.reference_year == 2024


def test_key_figures_skip_missing_values(neighbourhood):
    CbsAreaFactory(neighbourhood=neighbourhood, homes=100, avg_gas_m3=None)
    figures = neighbourhood.key_figures()
    assert figures.homes == 100
    assert figures.avg_gas_m3 is None


def test_key_figures_of_a_neighbourhood_without_cbs_areas_are_empty(neighbourhood):
    figures = neighbourhood.key_figures()
    assert figures.homes is None
    assert figures.reference_year is None


@pytest.mark.parametrize(
    "colour", ["#000000", "#ffffff", "#777777", "#0b5c50", "#ffdd00", "#e17000"]
)
def test_theme_text_colour_always_reaches_aa_contrast(colour):
    assert contrast_ratio(colour, contrast_text_colour(colour)) >= 4.5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger lives in PostgreSQL")
def test_audit_entries_cannot_be_changed_or_deleted(municipality):
    entry = AuditEntry.objects.create(
        actor_name="x", municipality=municipality, action="update", object_type="wijk"
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="niets")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "update"
