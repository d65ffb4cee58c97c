"""Who took part, by group, against the neighbourhood's CBS tenure split.

The participatieverslag asks whether the people who took part look like the neighbourhood. The
CBS key figures (wup.models.Neighbourhood.key_figures) give the tenure split of the homes:
owner-occupied, corporation rental and other rental. Participants are counted per stakeholder
group (dialogue.StakeholderGroup): owner-occupiers against owner-occupied homes, tenants against
all rented homes. Landlords, businesses and "other" have no CBS counterpart and are shown as
counts only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from dialogue.models import StakeholderGroup
from dialogue.reach import reach_by_neighbourhood
from wup.models import Neighbourhood

from .models import Activity

# A difference (in percentage points) between participants and homes that the verslag calls out.
NOTABLE_GAP = 10.0


def participants_by_group(neighbourhood: Neighbourhood) -> dict[str, int]:
    """Return {StakeholderGroup value: number of participants} over everything that happened in
    the neighbourhood: the participants of its triangle sessions that took place (closed or
    published) plus the reach by group that leads recorded for other activities.

    The sessions' part counts people, not attendances (dialogue.reach: someone who came to two
    sessions counts once); other activities add the reach by group their lead recorded, which
    may count someone who was also at a session a second time.
    """
    counts: Counter[str] = Counter(
        reach_by_neighbourhood([neighbourhood.pk])[neighbourhood.pk].groups
    )
    for reach in Activity.objects.filter(neighbourhood=neighbourhood).values_list(
        "reach_by_group", flat=True
    ):
        for group, n in (reach or {}).items():
            if group in StakeholderGroup.values and n:
                counts[group] += int(n)
    return {group.value: counts.get(group.value, 0) for group in StakeholderGroup}


@dataclass(frozen=True)
class GroupRow:
    group: str
    label: str
    participants: int
    share_participants: float | None  # % of the owner-occupiers and tenants who took part
    share_homes: float | None  # % of the homes (CBS), for owner-occupiers and tenants only


@dataclass(frozen=True)
class Representativeness:
    rows: list[GroupRow]
    total: int
    reference_year: int | None
    # Groups (labels) whose share among participants is NOTABLE_GAP points or more below or
    # above their share of the homes.
    under: list[str]
    over: list[str]

    @property
    def has_cbs(self) -> bool:
        return any(row.share_homes is not None for row in self.rows)


def representativeness(neighbourhood: Neighbourhood) -> Representativeness:
    """Compare the participants' groups with the neighbourhood's tenure split (CBS)."""
    counts = participants_by_group(neighbourhood)
    figures = Neighbourhood.objects.for_page().get(pk=neighbourhood.pk).key_figures()
    owner = figures.share_owner_occupied
    rented = None
    if figures.share_corporation is not None or figures.share_other_rental is not None:
        rented = (figures.share_corporation or 0) + (figures.share_other_rental or 0)
    homes: dict[str, float | None] = {
        StakeholderGroup.OWNER_OCCUPIER: None,
        StakeholderGroup.TENANT: None,
    }
    if owner is not None and rented is not None and owner + rented > 0:
        homes[StakeholderGroup.OWNER_OCCUPIER] = round(100 * owner / (owner + rented), 1)
        homes[StakeholderGroup.TENANT] = round(100 * rented / (owner + rented), 1)
    residents = counts[StakeholderGroup.OWNER_OCCUPIER] + counts[StakeholderGroup.TENANT]
    rows, under, over = [], [], []
    for group in StakeholderGroup:
        n = counts[group.value]
        share = None
        if group.value in homes and residents:
            share = round(100 * n / residents, 1)
        row = GroupRow(
            group=group.value,
            label=str(group.label),
            participants=n,
            share_participants=share,
            share_homes=homes.get(group.value),
        )
        rows.append(row)
        if row.share_participants is not None and row.share_homes is not None:
            gap = row.share_participants - row.share_homes
            if gap <= -NOTABLE_GAP:
                under.append(row.label)
            elif gap >= NOTABLE_GAP:
                over.append(row.label)
    return Representativeness(
        rows=rows,
        total=sum(counts.values()),
        reference_year=figures.reference_year,
        under=under,
        over=over,
    )
