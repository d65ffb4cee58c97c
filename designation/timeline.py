"""What the designation track adds to a neighbourhood's timeline: each step that is done, on
its date. residents.timeline composes it with the other apps' events."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wup.events import Event, EventKind
from wup.models import Neighbourhood

from .models import StepKind, StepStatus, TrackStep


def events_for(neighbourhood: Neighbourhood, *, today=None) -> list[Event]:
    """Return the steps done on or before today (one query)."""
    today = today or timezone.localdate()
    steps = TrackStep.objects.filter(
        track__neighbourhood=neighbourhood, status=StepStatus.DONE, date__lte=today
    ).only("kind", "date", "end_date", "objection_count", "document_url")
    url = reverse(
        "residents:neighbourhood", args=[neighbourhood.municipality.slug, neighbourhood.slug]
    )
    events = []
    for s in steps:
        text = ""
        if s.kind == StepKind.OBJECTIONS and s.objection_count is not None:
            text = _("Er kwamen %(n)s zienswijzen binnen.") % {"n": s.objection_count}
        events.append(
            Event(
                date=s.date,
                kind=EventKind.DESIGNATION_STEP,
                title=_("Aanwijzing van de wijk: %(step)s") % {"step": s.get_kind_display()},
                text=text,
                url=s.document_url or f"{url}#aanwijzing",
                app="designation",
            )
        )
    return events
