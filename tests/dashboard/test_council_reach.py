"""Reach and representativeness (issue 11, item 4), the roadmap's promises on the council view
(item 7) and the municipality's totals against its target year (item 8)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard import app_measurements
from dashboard.council.totals import municipality_totals
from dashboard.models import Indicator, Measurement, MunicipalityTarget, StandardIndicator
from dialogue import reach
from dialogue.models import DialogueSession, Participant, StakeholderGroup
from roadmap.models import Roadmap, SafeguardStatus, SafeguardType, adopt
from tests.factories import CbsAreaFactory
from wup.models import AuditEntry

DAY = datetime.timedelta(days=1)
OWNER, TENANT = StakeholderGroup.OWNER_OCCUPIER, StakeholderGroup.TENANT


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=["testdal", *args])


def session(neighbourhood, days_ago: int, status=DialogueSession.Status.PUBLISHED):
    return DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title=f"Sessie {days_ago}",
        proposition="Warmtenet",
        starts_at=timezone.now() - days_ago * DAY,
        location="Buurthuis",
        status=status,
    )


def take_part(session, key: str = "", group=StakeholderGroup.OTHER) -> Participant:
    return Participant.objects.create(
        session=session, token=Participant.new_token(), person_key=key, group=group
    )


@pytest.mark.django_db
def test_a_person_at_three_sessions_counts_once(neighbourhood):
    sessions = [session(neighbourhood, d) for d in (30, 20, 10)]
    for s in sessions:
        take_part(s, "phone-a", OWNER)
    take_part(sessions[0], "phone-b", TENANT)
    take_part(sessions[1])  # paper without a household code: a new person
    take_part(sessions[2])
    take_part(session(neighbourhood, 5, DialogueSession.Status.SCHEDULED), "phone-c")  # not held
    found = reach.reach_by_neighbourhood([neighbourhood.pk])[neighbourhood.pk]
    assert (found.people, found.attendances) == (4, 6)
    assert found.groups == {OWNER: 1, TENANT: 1, StakeholderGroup.OTHER: 2}


@pytest.mark.django_db
def test_the_participation_indicator_counts_households_not_attendances(neighbourhood):
    CbsAreaFactory(neighbourhood=neighbourhood, homes=100)
    first, second = session(neighbourhood, 20), session(neighbourhood, 10)
    for key in ("a", "b", "c"):
        take_part(first, key)
        take_part(second, key)  # the same three people came back
    take_part(second, "d")
    wanted = app_measurements.computed(neighbourhood)[StandardIndicator.PARTICIPATION]
    values = [value for _day, (value, _source, _note) in sorted(wanted.items())]
    assert values == [Decimal("3.00"), Decimal("4.00")]  # not 3 and 7


@pytest.mark.django_db
def test_the_phone_keeps_its_person_key_across_sessions(client, neighbourhood):
    keys = []
    for days in (0, 0):
        live = session(neighbourhood, days, DialogueSession.Status.SCHEDULED)
        live.open_live()
        client.post(reverse("dialogue:join"), {"code": live.join_code})
        keys.append(Participant.objects.get(session=live).person_key)
    assert keys[0] and keys[0] == keys[1]
    cookie = client.cookies[reach.PERSON_COOKIE]
    assert cookie["httponly"] and cookie.value not in keys[0]  # only a keyed hash is stored


def test_household_codes_are_hashed_and_normalised():
    assert reach.household_key(1, "12 a") == reach.household_key(1, "12A")
    assert reach.household_key(1, "12A") != reach.household_key(2, "12A")
    assert "12A" not in reach.household_key(1, "12A")
    assert reach.household_key(1, "  ") == ""


@pytest.mark.django_db
def test_an_under_represented_group_is_flagged_by_the_stated_rule(
    client, neighbourhood, council_member
):
    CbsAreaFactory(neighbourhood=neighbourhood, share_owner_occupied=40.0, share_corporation=45.0)
    held = session(neighbourhood, 10)
    for i in range(9):
        take_part(held, f"owner-{i}", OWNER)
    take_part(held, "tenant-0", TENANT)
    found = reach.reach_by_neighbourhood(
        [neighbourhood.pk], figures={neighbourhood.pk: neighbourhood.key_figures()}
    )[neighbourhood.pk]
    owners, tenants = found.tenure
    assert (tenants.share, tenants.cbs_share, tenants.under) == (10.0, 55.0, True)
    assert owners.under is False
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "bloemenwijk")).content.decode()
    assert "Duidelijk te weinig" in page
    assert "kleiner is dan de helft van haar aandeel in de woningen" in page
    assert "We tellen elke persoon één keer" in page


@pytest.mark.django_db
def test_too_few_participants_are_not_judged(neighbourhood):
    CbsAreaFactory(neighbourhood=neighbourhood)
    held = session(neighbourhood, 10)
    for i in range(reach.MIN_FOR_VERDICT - 1):
        take_part(held, f"owner-{i}", OWNER)
    found = reach.reach_by_neighbourhood(
        [neighbourhood.pk], figures={neighbourhood.pk: neighbourhood.key_figures()}
    )[neighbourhood.pk]
    assert not found.can_judge and not found.under_represented


@pytest.mark.django_db
def test_public_groups_below_five_are_not_broken_down(neighbourhood):
    held = session(neighbourhood, 10)
    for i in range(6):
        take_part(held, f"o{i}", OWNER)
    take_part(held, "t0", TENANT)
    found = reach.reach_by_neighbourhood([neighbourhood.pk])[neighbourhood.pk]
    assert found.public_groups() == [(OWNER, 6), (TENANT, None)]


@pytest.mark.django_db
def test_the_council_view_shows_the_adopted_promises_next_to_their_figures(
    client, neighbourhood, party, council_member, lead
):
    roadmap = Roadmap.objects.create(neighbourhood=neighbourhood)
    roadmap.ensure_safeguards()
    roadmap.safeguards.filter(kind=SafeguardType.PARTICIPATION).update(
        status=SafeguardStatus.SECURED, evidence="Bewonerspanel en klachtenregeling."
    )
    roadmap.core_values.create(name="Niemand gaat erop achteruit", why="Betaalbaarheid eerst.")
    adopt(
        roadmap,
        by="raad",
        decision_date=timezone.localdate(),
        decision_reference="RB-1",
        user=lead,
    )
    client.force_login(council_member)
    page = client.get(url("council_neighbourhood", "bloemenwijk")).content.decode()
    section = page[page.index('id="beloften"') :]
    section = section[: section.index("</section>")]
    assert "Participatie en rechtsbescherming" in section and "Geborgd" in section
    assert "Huishoudens die meededen" in section  # the linked indicator
    assert "Niemand gaat erop achteruit" in section and "Waarom: Betaalbaarheid eerst." in section
    assert "Aan deze kernwaarde is geen indicator gekoppeld" in section
    assert "Aan deze waarborg is geen indicator gekoppeld" in section  # e.g. affordability


@pytest.mark.django_db
def test_the_totals_stand_against_the_target_year_with_one_sentence(
    client, municipality, neighbourhood, lead
):
    today = timezone.localdate()
    CbsAreaFactory(neighbourhood=neighbourhood, homes=1000)
    gas_free = Indicator.objects.get(neighbourhood=neighbourhood, code=StandardIndicator.GAS_FREE)
    Measurement.objects.create(indicator=gas_free, date=today - 400 * DAY, value=100, source="app")
    Measurement.objects.create(indicator=gas_free, date=today - DAY, value=250, source="app")
    take_part(session(neighbourhood, 3), "a")
    totals = municipality_totals(municipality, today=today)
    assert (totals.homes, totals.gas_free, totals.people, totals.target_year) == (
        1000,
        250,
        1,
        None,
    )
    assert totals.explanation().endswith("de gemeente heeft nog geen doeljaar gekozen.")

    client.force_login(lead)
    response = client.post(url("council_target"), {"target_year": 2019})
    assert MunicipalityTarget.objects.count() == 0
    assert "Kies een jaar van 2020 tot en met 2050." in client.get(response.url).content.decode()
    client.post(url("council_target"), {"target_year": today.year + 10})
    assert MunicipalityTarget.objects.get().target_year == today.year + 10
    assert AuditEntry.objects.filter(object_type="municipalitytarget").exists()

    page = client.get(url("council_overview")).content.decode()
    sentence = (
        "Dit zijn de wijken samen: woningen van het aardgas af en op een warmtenet volgens de "
        "laatste meting in elke wijk, en huishoudens die meededen, elk één keer geteld, tegen "
        f"het doeljaar {today.year + 10} waarin de gemeente alle woningen van het aardgas af "
        "wil hebben."
    )
    assert f'<p class="utrecht-paragraph" data-testid="totals-explanation">{sentence}</p>' in page
    assert "Om het doeljaar" in page and "75 woningen per jaar" in page  # 750 left over 10 years


@pytest.mark.django_db
def test_the_public_neighbourhood_page_shows_reach_without_small_groups(client, neighbourhood):
    held = session(neighbourhood, 10)
    for i in range(6):
        take_part(held, f"o{i}", OWNER)
        take_part(session(neighbourhood, 5 + i), f"o{i}", OWNER)  # they came back: once each
    take_part(held, "t0", TENANT)
    page = client.get(reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]))
    text = page.content.decode()
    section = text[text.index('id="reach-heading"') :]
    section = section[: section.index("</section>")]
    assert "7 huishoudens deden mee." in section
    assert "Eigenaar-bewoner: 6" in section
    assert "Huurder: minder dan 5" in section
    assert "t0" not in section and "o1" not in section
