"""Reach and representativeness: how many different people (households) took part in a
neighbourhood's dialogue, and whether the tenure groups among them resemble the neighbourhood.

Counting a person once, without knowing who they are:
- a phone that joins a session gets a random key in a long-lived signed cookie (`PERSON_COOKIE`);
  the participant stores only a keyed hash of it (`person_key`), so the database cannot be
  linked back to the phone and the cookie's value is never stored;
- paper and kitchen-table input may carry a household code the lead enters (a street-and-number
  code, a card number): stored the same way, as a keyed hash per neighbourhood
  (`household_key`); without one, the entry counts as a new person.

Representativeness compares the participants whose tenure is known (owner-occupiers and
tenants) with the CBS split of the neighbourhood's homes (owner-occupied against social and
private rent together: the participants say "huurder", not which landlord). A group is clearly
under-represented when its share among the participants is less than half its CBS share, once
at least `MIN_FOR_VERDICT` participants gave their tenure. Public pages break groups down only
from `MIN_GROUP` people (fewer are shown as "fewer than 5").
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from wup.models import KeyFigures

from .models import DialogueSession, Participant, StakeholderGroup

PERSON_COOKIE = "ww_persoon"
PERSON_COOKIE_AGE = 2 * 365 * 24 * 3600  # two years
_SALT = "dialogue.reach"
# Sessions whose participants count: the session took place.
COUNTED = [DialogueSession.Status.CLOSED, DialogueSession.Status.PUBLISHED]
MIN_FOR_VERDICT = 10  # participants with a known tenure before a group is called under-represented
UNDER_FACTOR = 0.5  # under-represented: share below half of the CBS share
MIN_GROUP = 5  # public pages: smaller groups are not broken down

OWNERS = "eigenaren"
TENANTS = "huurders"
TENURE_OF_GROUP = {StakeholderGroup.OWNER_OCCUPIER: OWNERS, StakeholderGroup.TENANT: TENANTS}


def _hash(kind: str, value: str) -> str:
    return salted_hmac(f"{_SALT}.{kind}", value, algorithm="sha256").hexdigest()


def person_key(request: HttpRequest, response: HttpResponse) -> str:
    """Return the opaque key of the person behind this phone, for `Participant.person_key`: from
    the phone's signed cookie, or a new random one that `response` then sets (two years)."""
    raw = request.get_signed_cookie(PERSON_COOKIE, default="", salt=_SALT)
    if not raw:
        raw = secrets.token_urlsafe(24)
        response.set_signed_cookie(
            PERSON_COOKIE,
            raw,
            salt=_SALT,
            max_age=PERSON_COOKIE_AGE,
            httponly=True,
            secure=request.is_secure(),
            samesite="Lax",
        )
    return _hash("phone", raw)


def household_key(neighbourhood_id: int, code: str) -> str:
    """Return the opaque key of a household code entered with paper input ("" without a code).
    The code is normalised (case, spaces) and hashed per neighbourhood: it is never stored."""
    normalised = "".join(code.split()).upper()
    return _hash("household", f"{neighbourhood_id}:{normalised}") if normalised else ""


@dataclass(frozen=True)
class GroupShare:
    tenure: str  # OWNERS or TENANTS
    people: int
    share: float | None  # among participants with a known tenure, 0–100
    cbs_share: float | None  # of the homes, 0–100
    under: bool  # clearly under-represented (see the module's rule)


@dataclass(frozen=True)
class Reach:
    """Who took part in a neighbourhood: unique people, by stakeholder group."""

    people: int
    groups: dict[str, int]  # StakeholderGroup value → people (each person's latest group)
    attendances: int  # participations, a person at three sessions counting three times
    homes: int | None = None
    tenure: tuple[GroupShare, ...] = ()
    reference_year: int | None = None

    @property
    def known_tenure(self) -> int:
        return sum(self.groups.get(g, 0) for g in TENURE_OF_GROUP)

    @property
    def share_of_homes(self) -> float | None:
        if not self.homes:
            return None
        return round(min(100.0, 100 * self.people / self.homes), 1)

    @property
    def under_represented(self) -> list[GroupShare]:
        return [g for g in self.tenure if g.under]

    @property
    def can_judge(self) -> bool:
        return self.known_tenure >= MIN_FOR_VERDICT

    def public_groups(self) -> list[tuple[str, int | None]]:
        """(group value, people) for public pages; None where fewer than MIN_GROUP took part."""
        return [
            (value, count if count >= MIN_GROUP else None)
            for value, count in ((g.value, self.groups.get(g.value, 0)) for g in StakeholderGroup)
            if count
        ]


def _rows(neighbourhood_ids: list[int], until: datetime.date | None = None):
    qs = Participant.objects.filter(
        session__neighbourhood_id__in=neighbourhood_ids,
        session__status__in=COUNTED,
        party__isnull=True,  # a party's representative is not a household of the neighbourhood
    )
    if until is not None:
        qs = qs.filter(session__starts_at__date__lte=until)
    return qs.order_by("created_at", "pk").values_list(
        "session__neighbourhood_id", "pk", "person_key", "group", "session__starts_at"
    )


def _person(pk: int, key: str) -> str:
    return key or f"#{pk}"  # without a key: a new person


def tenure_shares(groups: dict[str, int], figures: KeyFigures | None) -> tuple[GroupShare, ...]:
    """Owners and tenants among the participants against the CBS split of the homes."""
    counts = {OWNERS: groups.get(StakeholderGroup.OWNER_OCCUPIER, 0)}
    counts[TENANTS] = groups.get(StakeholderGroup.TENANT, 0)
    known = sum(counts.values())
    cbs: dict[str, float | None] = {OWNERS: None, TENANTS: None}
    if figures is not None and figures.share_owner_occupied is not None:
        cbs[OWNERS] = figures.share_owner_occupied
        rent = [figures.share_corporation, figures.share_other_rental]
        if all(r is not None for r in rent):
            cbs[TENANTS] = round(sum(rent), 1)
    result = []
    for tenure, people in counts.items():
        share = round(100 * people / known, 1) if known else None
        expected = cbs[tenure]
        under = (
            known >= MIN_FOR_VERDICT
            and expected is not None
            and share is not None
            and share < UNDER_FACTOR * expected
        )
        result.append(GroupShare(tenure, people, share, expected, under))
    return tuple(result)


def reach_by_neighbourhood(
    neighbourhood_ids: Iterable[int],
    *,
    figures: dict[int, KeyFigures] | None = None,
    until: datetime.date | None = None,
) -> dict[int, Reach]:
    """Map neighbourhood id → its reach (one query), with the tenure compared to `figures` (the
    neighbourhoods' CBS key figures, when given)."""
    ids = list(neighbourhood_ids)
    latest: dict[int, dict[str, str]] = {pk: {} for pk in ids}
    attendances: dict[int, int] = defaultdict(int)
    for neighbourhood_id, pk, key, group, _starts in _rows(ids, until):
        latest[neighbourhood_id][_person(pk, key)] = group  # later rows overwrite: latest group
        attendances[neighbourhood_id] += 1
    result = {}
    for pk in ids:
        groups: dict[str, int] = defaultdict(int)
        for group in latest[pk].values():
            groups[group] += 1
        found = (figures or {}).get(pk)
        result[pk] = Reach(
            people=len(latest[pk]),
            groups=dict(groups),
            attendances=attendances[pk],
            homes=found.homes if found else None,
            tenure=tenure_shares(groups, found) if found else (),
            reference_year=found.reference_year if found else None,
        )
    return result


def unique_people_by_day(neighbourhood_id: int) -> dict[datetime.date, int]:
    """Map each session day → the number of different people who took part up to and including
    that day (one query): the participation indicator counts households, not attendances."""
    seen: set[str] = set()
    by_day: dict[datetime.date, int] = {}
    rows = sorted(_rows([neighbourhood_id]), key=lambda row: (row[4], row[1]))
    for _n, pk, key, _group, starts_at in rows:
        seen.add(_person(pk, key))
        by_day[timezone.localdate(starts_at)] = len(seen)
    return by_day


def unique_people(municipality_id: int) -> int:
    """The number of different people who took part anywhere in the municipality (one query)."""
    rows = Participant.objects.filter(
        session__neighbourhood__municipality_id=municipality_id,
        session__status__in=COUNTED,
        party__isnull=True,
    ).values_list("pk", "person_key")
    return len({_person(pk, key) for pk, key in rows})
