"""The Zonnedal demo gives every neighbourhood past planning an adopted roadmap, and those in
planvorming a draft; the content hangs together and a second run changes nothing."""

import re

import pytest

from demo.base import seed_base
from demo.data.base import USERS
from demo.data.roadmap import PLANS, AddValue
from demo.dialogue import seed_dialogue
from demo.roadmap import THEMES, seed_roadmap
from dialogue.models import Outcome
from roadmap.graph import find_cycle
from roadmap.models import (
    Agreement,
    AgreementType,
    Ambition,
    CoreValue,
    DecisionBody,
    Milestone,
    MilestoneStatus,
    MunicipalRole,
    Roadmap,
    RoadmapVersion,
    Safeguard,
    SafeguardType,
    WooCategory,
    snapshot_checksum,
)
from roadmap.snapshots import diff, take_snapshot
from wup.models import Phase

pytestmark = pytest.mark.django_db

ADOPTED = {Phase.DECIDING, Phase.IMPLEMENTING, Phase.MANAGING}


@pytest.fixture
def zonnedal():
    municipality = seed_base()
    seed_dialogue(municipality)
    seed_roadmap(municipality)
    return municipality


def roadmaps(municipality):
    return Roadmap.objects.filter(neighbourhood__municipality=municipality)


def counts(municipality) -> dict[str, int]:
    mine = {"roadmap__neighbourhood__municipality": municipality}
    return {
        "roadmaps": roadmaps(municipality).count(),
        "versions": RoadmapVersion.objects.filter(**mine).count(),
        "roles": MunicipalRole.objects.filter(**mine).count(),
        "ambitions": Ambition.objects.filter(**mine).count(),
        "core_values": CoreValue.objects.filter(**mine).count(),
        "value_links": CoreValue.outcomes.through.objects.filter(
            corevalue__roadmap__neighbourhood__municipality=municipality
        ).count(),
        "milestones": Milestone.objects.filter(**mine).count(),
        "dependencies": Milestone.depends_on.through.objects.filter(
            from_milestone__roadmap__neighbourhood__municipality=municipality
        ).count(),
        "agreements": Agreement.objects.filter(**mine).count(),
        "safeguards": Safeguard.objects.filter(**mine).count(),
    }


def test_every_neighbourhood_past_planning_has_an_adopted_roadmap(zonnedal):
    past = zonnedal.neighbourhoods.filter(phase__in=ADOPTED)
    assert past.count() == 6
    for neighbourhood in past:
        roadmap = neighbourhood.roadmap
        first = roadmap.versions.get(number=1)
        assert first.adopted_by == DecisionBody.EXECUTIVE
        assert first.decision_reference.startswith("B&W ")
        assert roadmap.summary


def test_some_roadmaps_were_amended_by_the_raad_with_a_reason(zonnedal):
    amendments = RoadmapVersion.objects.filter(
        roadmap__neighbourhood__municipality=zonnedal, number=2
    )
    assert amendments.count() >= 1
    for version in amendments:
        assert version.is_amendment
        assert version.adopted_by == DecisionBody.COUNCIL
        assert version.reason.startswith("Na de dialoogsessie")
        first = version.roadmap.versions.get(number=1)
        assert version.decision_date > first.decision_date
        # A real amendment: the content differs from version 1.
        assert version.checksum != first.checksum
        changed = diff(first.snapshot, version.snapshot)
        assert changed
    zonnehoek = amendments.get(roadmap__neighbourhood__slug="zonnehoek")
    changed = diff(zonnehoek.roadmap.versions.get(number=1).snapshot, zonnehoek.snapshot)
    assert {"ambitions", "core_values", "milestones"} <= changed.keys()


def test_planning_neighbourhoods_have_a_draft_without_versions(zonnedal):
    planning = zonnedal.neighbourhoods.filter(phase=Phase.PLANNING)
    assert planning.count() == 3
    for neighbourhood in planning:
        roadmap = neighbourhood.roadmap
        assert not roadmap.versions.exists()
        assert roadmap.summary
        assert roadmap.milestones.count() >= 6
        assert roadmap.core_values.exists()


def test_exploring_neighbourhoods_have_no_roadmap(zonnedal):
    exploring = zonnedal.neighbourhoods.filter(phase=Phase.EXPLORING)
    assert exploring.exists()
    assert not Roadmap.objects.filter(neighbourhood__in=exploring).exists()


def test_some_drafts_differ_from_the_adopted_version_and_the_others_match(zonnedal):
    drafted = set()
    for roadmap in roadmaps(zonnedal).filter(versions__isnull=False).distinct():
        latest = roadmap.latest_version()
        now = take_snapshot(roadmap)
        if snapshot_checksum(now) != latest.checksum:
            assert diff(latest.snapshot, now)
            drafted.add((roadmap.neighbourhood.slug, latest.number))
    assert ("molenbuurt", 2) in drafted
    assert {slug for slug, _number in drafted} == {"molenbuurt", "rivierzicht"}


def test_core_values_rest_on_agreed_outcomes_of_their_own_neighbourhood(zonnedal):
    for roadmap in roadmaps(zonnedal).prefetch_related("core_values__outcomes__session"):
        values = list(roadmap.core_values.all())
        assert 3 <= len(values) <= 4, roadmap.neighbourhood.slug
        for value in values:
            assert value.why
            outcomes = list(value.outcomes.all())
            assert 1 <= len(outcomes) <= 2, value.name
            for outcome in outcomes:
                assert outcome.agreed
                assert outcome.session.neighbourhood_id == roadmap.neighbourhood_id
    assert not Outcome.objects.filter(agreed=False, core_values__isnull=False).exists()


def test_core_values_match_outcomes_by_theme(zonnedal):
    value = CoreValue.objects.get(
        roadmap__neighbourhood__slug="zonnehoek", name="Open over de prijs"
    )
    assert [o.text for o in value.outcomes.all()] == [
        "Het warmtebedrijf maakt elk jaar openbaar hoe het tarief is opgebouwd."
    ]
    # No value falls back to an outcome on another theme.
    themes = {
        (slug, value.name): value.themes
        for slug, plan in PLANS.items()
        for value in all_values(plan)
    }
    for value in CoreValue.objects.filter(
        roadmap__neighbourhood__municipality=zonnedal
    ).prefetch_related("outcomes__session__neighbourhood"):
        for outcome in value.outcomes.all():
            slug = outcome.session.neighbourhood.slug
            theme = THEMES[(slug, outcome.session.title, outcome.text)]
            assert theme in themes[(slug, value.name)], (value.name, outcome.text)


def all_values(plan):
    yield from plan.values
    yield from (step.value for step in plan.history if isinstance(step, AddValue))


def test_milestones_have_owners_dates_and_no_dependency_cycles(zonnedal):
    for roadmap in roadmaps(zonnedal):
        milestones = list(roadmap.milestones.prefetch_related("depends_on"))
        assert 6 <= len(milestones) <= 10
        edges = {m.pk: {d.pk for d in m.depends_on.all()} for m in milestones}
        ids = set(edges)
        assert find_cycle(edges) is None
        for milestone in milestones:
            assert edges[milestone.pk] <= ids  # only within the same roadmap
            assert milestone.owner.municipality_id == zonnedal.pk
            assert 2025 <= milestone.baseline_date.year <= 2031
            if milestone.status == MilestoneStatus.ACHIEVED:
                assert milestone.achieved_date
            else:
                assert milestone.achieved_date is None
            if milestone.status == MilestoneStatus.DELAYED:
                assert milestone.forecast_date > milestone.baseline_date


def test_the_permit_comes_before_the_heat_network(zonnedal):
    network = Milestone.objects.get(
        roadmap__neighbourhood__slug="zonnehoek", title="Warmtenet fase 1 aangelegd"
    )
    assert "Vergunning warmtenet" in {m.title for m in network.depends_on.all()}


def test_one_neighbourhood_carries_the_delays(zonnedal):
    delayed = Milestone.objects.filter(
        roadmap__neighbourhood__municipality=zonnedal, status=MilestoneStatus.DELAYED
    )
    assert 1 <= delayed.count() <= 2
    assert set(delayed.values_list("roadmap__neighbourhood__slug", flat=True)) == {"de-akkers"}
    assert (
        Milestone.objects.filter(
            roadmap__neighbourhood__municipality=zonnedal, status=MilestoneStatus.ACHIEVED
        ).count()
        >= 6
    )


def test_ambitions_of_the_woonstichting_were_raised(zonnedal):
    ambition = Ambition.objects.get(
        roadmap__neighbourhood__slug="zonnehoek", party__name="Woonstichting Zonnedal"
    )
    assert ambition.target_value == 960
    assert ambition.target_year == 2029
    first = Roadmap.objects.get(neighbourhood__slug="zonnehoek").versions.get(number=1)
    texts = [a["text"] for a in first.snapshot["ambitions"]]
    assert "Alle 640 flats in 2029 op label B en aangesloten op het warmtenet." in texts


def test_agreements_go_from_intent_to_covenant(zonnedal):
    for slug in ("zonnehoek", "de-akkers", "molenbuurt"):
        kinds = set(
            Agreement.objects.filter(roadmap__neighbourhood__slug=slug).values_list(
                "agreement_type", flat=True
            )
        )
        assert {AgreementType.LETTER_OF_INTENT, AgreementType.COVENANT} <= kinds
    for agreement in Agreement.objects.filter(roadmap__neighbourhood__municipality=zonnedal):
        assert agreement.parties.count() >= 2
        assert agreement.woo_category == WooCategory.COVENANTS


def test_every_roadmap_has_all_six_safeguards(zonnedal):
    for roadmap in roadmaps(zonnedal):
        assert sorted(roadmap.safeguards.values_list("kind", flat=True)) == sorted(
            SafeguardType.values
        )
        if roadmap.versions.exists():
            assert all(roadmap.safeguards.values_list("evidence", flat=True))


def test_every_phase_role_has_a_reason(zonnedal):
    for roadmap in roadmaps(zonnedal).filter(neighbourhood__phase__in=ADOPTED):
        roles = {r.phase: r for r in roadmap.roles.all()}
        assert set(roles) == set(Phase.values)
        assert all(r.reasoning for r in roles.values())


def test_running_again_changes_nothing(zonnedal):
    before = counts(zonnedal)
    checksums = sorted(
        RoadmapVersion.objects.filter(roadmap__neighbourhood__municipality=zonnedal).values_list(
            "checksum", flat=True
        )
    )
    seed_base()
    seed_dialogue(zonnedal)
    seed_roadmap(zonnedal)
    assert counts(zonnedal) == before
    assert before["roadmaps"] == 9
    assert (
        sorted(
            RoadmapVersion.objects.filter(
                roadmap__neighbourhood__municipality=zonnedal
            ).values_list("checksum", flat=True)
        )
        == checksums
    )


def test_a_hand_made_draft_is_left_alone(zonnedal):
    roadmap = Roadmap.objects.get(neighbourhood__slug="bloemenwijk")
    roadmap.milestones.filter(title="500 huizen met een warmtepomp").delete()
    before = counts(zonnedal)
    seed_roadmap(zonnedal)
    assert counts(zonnedal) == before


def test_the_seed_is_deterministic(zonnedal):
    def fingerprint():
        rows = []
        for roadmap in roadmaps(zonnedal).order_by("neighbourhood__slug"):
            rows.append(
                (
                    roadmap.neighbourhood.slug,
                    roadmap.summary,
                    list(roadmap.milestones.values_list("title", "baseline_date", "status")),
                    list(roadmap.core_values.values_list("name", "outcomes__text")),
                    list(
                        roadmap.versions.order_by("number").values_list(
                            "number", "adopted_by", "decision_date", "decision_reference"
                        )
                    ),
                )
            )
        return rows

    first = fingerprint()
    roadmaps(zonnedal).delete()
    seed_roadmap(zonnedal)
    assert fingerprint() == first


def test_no_personal_names(zonnedal):
    first_names = {full.split()[0] for _email, full, _role in USERS}
    blob = " ".join(repr(plan) for plan in PLANS.values())
    for name in first_names:
        assert not re.search(rf"\b{name}\b", blob), name
