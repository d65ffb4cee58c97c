"""What the dashboard adds to a neighbourhood's public timeline: new developments that were
accepted into the planning.

Only accepted developments are events: an open one is a what-if, a dismissed one changed
nothing. The wording is public: the title, the kind, the date and which milestones moved by how
many days. Never the description (staff notes) or who recorded it. A milestone is named only
when it is in the latest adopted roadmap version, with the title that version adopted: a draft
is never public. The event is dated on the development's date and became public when it was
accepted. The follower digest tells the same events, for the developments accepted in its window
(`accepted_between`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from roadmap.models import RoadmapVersion
from roadmap.public import LatestAdopted
from wup.events import Event, EventKind
from wup.models import Neighbourhood

from .models import Development, DevelopmentImpact, DevelopmentKind

# wup.events names the kind; until it does, the event shows as a milestone event.
DEVELOPMENT_RECORDED = EventKind.DEVELOPMENT_RECORDED


def _accepted(neighbourhood: Neighbourhood) -> QuerySet[Development]:
    return Development.objects.filter(
        status=Development.Status.ACCEPTED,
        pk__in=DevelopmentImpact.objects.filter(
            milestone__roadmap__neighbourhood=neighbourhood
        ).values("development_id"),
    ).only("pk", "title", "kind", "occurs_on", "decided_at", "applied")


def events_for(
    neighbourhood: Neighbourhood, *, adopted: LatestAdopted | None = None
) -> list[Event]:
    """Return the accepted developments that touched this neighbourhood, in one query (two
    when `adopted` has not read the latest version yet)."""
    developments = list(_accepted(neighbourhood))
    if not developments:
        return []
    adopted = adopted or LatestAdopted(neighbourhood)
    public = (
        {m["id"]: m["title"] for m in adopted.version.snapshot.get("milestones", [])}
        if adopted.version
        else {}
    )
    url = reverse("roadmap:public", args=[neighbourhood.municipality.slug, neighbourhood.slug])
    kinds = _kind_labels()
    return [
        _event(d, public, url if adopted.version else None, neighbourhood, kinds)
        for d in developments
    ]


@dataclass(frozen=True)
class Accepted:
    """An accepted development for the follower digest: the timeline's event, the development's
    own title and the moment it was accepted (when it became news)."""

    decided_at: datetime.datetime
    title: str
    event: Event


def accepted_between(
    neighbourhood: Neighbourhood, since: datetime.datetime, until: datetime.datetime
) -> list[Accepted]:
    """Return the developments accepted after `since` up to `until` that touched this
    neighbourhood, oldest first, in the timeline's public wording.

    One query: the latest adopted version's number and milestones come along as subqueries
    (pass a neighbourhood with its municipality loaded).
    """
    latest = RoadmapVersion.objects.filter(roadmap__neighbourhood=neighbourhood).order_by("-number")
    developments = (
        _accepted(neighbourhood)
        .filter(decided_at__gt=since, decided_at__lte=until)
        .annotate(
            adopted_number=Subquery(latest.values("number")[:1]),
            adopted_milestones=Subquery(latest.values("snapshot__milestones")[:1]),
        )
        .order_by("decided_at", "pk")
    )
    url = reverse("roadmap:public", args=[neighbourhood.municipality.slug, neighbourhood.slug])
    kinds = _kind_labels()
    return [
        Accepted(
            d.decided_at,
            d.title,
            _event(
                d,
                {m["id"]: m["title"] for m in d.adopted_milestones or []},
                url if d.adopted_number is not None else None,
                neighbourhood,
                kinds,
            ),
        )
        for d in developments
    ]


def _kind_labels() -> dict[str, str]:
    """Return each kind's label, translated once (not get_kind_display() per development)."""
    return {value: str(label) for value, label in DevelopmentKind.choices}


def _event(
    development: Development,
    public: dict[int, str],
    url: str | None,
    neighbourhood: Neighbourhood,
    kinds: dict[str, str] | None = None,
) -> Event:
    stored = (development.applied or {}).get(str(neighbourhood.pk), {})
    moves = []
    for row in stored.get("milestones", []):
        if row["id"] not in public:
            continue
        days = (
            datetime.date.fromisoformat(row["after"]) - datetime.date.fromisoformat(row["before"])
        ).days
        if days > 0:
            moves.append(
                ngettext("‘%(title)s’ %(n)s dag later", "‘%(title)s’ %(n)s dagen later", days)
                % {"title": public[row["id"]], "n": days}
            )
        elif days < 0:
            moves.append(
                ngettext("‘%(title)s’ %(n)s dag eerder", "‘%(title)s’ %(n)s dagen eerder", -days)
                % {"title": public[row["id"]], "n": -days}
            )
    label = (
        kinds.get(development.kind, development.kind)
        if kinds is not None
        else development.get_kind_display()
    )
    kind = _("Soort: %(kind)s.") % {"kind": label}
    if moves:
        change = _("Daardoor is de planning aangepast: %(moves)s.") % {
            "moves": get_text_list(moves, _("en"))
        }
    else:
        change = _("De planning van de wijk is hierop nagekeken.")
    text = f"{kind} {change}"
    decided = timezone.localdate(development.decided_at) if development.decided_at else None
    return Event(
        date=development.occurs_on,
        kind=DEVELOPMENT_RECORDED,
        title=_("Nieuwe ontwikkeling: %(title)s") % {"title": development.title},
        text=text,
        url=url,
        app="dashboard",
        public_on=decided,
    )
