"""What the adopted roadmap promises — its safeguards with their state and its core values with
their why, from the adopted version's snapshot — next to the indicators that show whether the
promise is kept. Where no indicator is linked, the page says so plainly."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.models import StandardIndicator
from roadmap.models import RoadmapVersion, SafeguardType
from roadmap.snapshots import localised

# Which standard indicators show whether a safeguard is kept.
SAFEGUARD_INDICATORS: dict[str, tuple[str, ...]] = {
    SafeguardType.PARTICIPATION: (
        StandardIndicator.PARTICIPATION,
        StandardIndicator.PULSE_LEGITIMACY,
    ),
    SafeguardType.ALTERNATIVE_AVAILABLE: (StandardIndicator.HEAT_NETWORK,),
    SafeguardType.CAPACITY_TO_ACT: (StandardIndicator.PULSE_CO_OWNERSHIP,),
}


@dataclass(frozen=True)
class Promise:
    name: str
    state: str  # the safeguard's state in words; "" for a core value
    text: str  # the evidence or the why
    indicators: list  # IndicatorView of the linked indicators (may be empty)


@dataclass(frozen=True)
class Promises:
    version_number: int
    decision_date: object
    safeguards: list[Promise]
    core_values: list[Promise]


def adopted_promises(neighbourhood, indicator_views) -> Promises | None:
    """Return the promises of the neighbourhood's latest adopted version (one query), linked to
    the given indicator views by code; None when no version was adopted."""
    version = (
        RoadmapVersion.objects.filter(roadmap__neighbourhood=neighbourhood)
        .order_by("-number")
        .only("number", "decision_date", "snapshot")
        .first()
    )
    if version is None:
        return None
    snapshot = localised(version.snapshot)
    by_code = {v.indicator.code: v for v in indicator_views if v.indicator.code}
    safeguards = [
        Promise(
            name=item.get("kind_label", ""),
            state=item.get("status_label", ""),
            text=item.get("evidence", ""),
            indicators=[
                by_code[c] for c in SAFEGUARD_INDICATORS.get(item.get("kind"), ()) if c in by_code
            ],
        )
        for item in snapshot.get("safeguards", [])
    ]
    core_values = [
        Promise(name=cv.get("name", ""), state="", text=cv.get("why", ""), indicators=[])
        for cv in snapshot.get("core_values", [])
    ]
    return Promises(version.number, version.decision_date, safeguards, core_values)
