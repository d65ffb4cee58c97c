"""The warmteprogramma of a municipality: its versions, their adoption by the raad, the deadline
the Wgiw sets and the five-yearly refresh.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wup import audit
from wup.models import Municipality

from .models import FIRST_PROGRAMME_DEADLINE, REFRESH_YEARS, HeatProgramme, add_years


def current(municipality: Municipality) -> HeatProgramme | None:
    """The newest adopted version, or None."""
    return (
        HeatProgramme.objects.filter(municipality=municipality, adopted_on__isnull=False)
        .order_by("-number")
        .first()
    )


@dataclass(frozen=True)
class Deadline:
    """When the next warmteprogramma must be adopted, and whether that day has passed."""

    due: datetime.date
    overdue: bool
    first: bool  # the statutory first deadline rather than a refresh

    @property
    def message(self) -> str:
        if self.first:
            if self.overdue:
                text = _("Het eerste warmteprogramma had vastgesteld moeten zijn op %(date)s.")
            else:
                text = _("De wet vraagt een vastgesteld warmteprogramma uiterlijk op %(date)s.")
        elif self.overdue:
            text = _("Het warmteprogramma moest uiterlijk %(date)s vernieuwd zijn: dat is te laat.")
        else:
            text = _("Het volgende warmteprogramma moet uiterlijk %(date)s vastgesteld zijn.")
        return text % {"date": date_format(self.due, "j F Y")}


def deadline(
    municipality: Municipality,
    *,
    today: datetime.date | None = None,
    adopted: HeatProgramme | None = None,
) -> Deadline:
    """When the next programme is due; pass `adopted` (current()) when it was read already."""
    today = today or timezone.localdate()
    adopted = adopted or current(municipality)
    if adopted is None:
        return Deadline(FIRST_PROGRAMME_DEADLINE, today > FIRST_PROGRAMME_DEADLINE, True)
    due = add_years(adopted.adopted_on, REFRESH_YEARS)
    return Deadline(due, today > due, False)


def create(request: HttpRequest, form, municipality: Municipality) -> HeatProgramme:
    """Save a new version (numbered after the last) with its audit entry."""
    with transaction.atomic():
        HeatProgramme.objects.select_for_update().filter(municipality=municipality).exists()
        last = HeatProgramme.objects.filter(municipality=municipality).aggregate(n=Max("number"))
        form.instance.municipality = municipality
        form.instance.number = (last["n"] or 0) + 1
        programme = audit.save_form(request, form, action="create", municipality=municipality)
        previous = (
            HeatProgramme.objects.filter(municipality=municipality, number__lt=programme.number)
            .order_by("-number")
            .first()
        )
        if previous is not None:  # the sequence carries over; the lead changes what changed
            for e in previous.entries.all():
                e.pk = None
                e.programme = programme
                e.save()
    return programme


def check_adoption(programme: HeatProgramme, adopted_on, review: str) -> None:
    """A second or later programme is adopted only with its written review."""
    if adopted_on and programme.number > 1 and not review.strip():
        raise ValidationError(
            {"review": _("Vanaf het tweede warmteprogramma is een terugblik verplicht.")}
        )


def save(request: HttpRequest, form) -> HeatProgramme:
    return audit.save_form(request, form, action="update", municipality=form.instance.municipality)
