"""Access to the warmteprogramma and the designation tracks: the first line of every staff view.

Members of the municipality read; project leads and admins write. The warmteprogramma covers
the whole municipality, so a member limited to some neighbourhoods reads it but does not change
it; a track is reached only by members who reach its neighbourhood (404 for the others).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wup.access import get_municipality_for, get_neighbourhood_for
from wup.models import Membership, Municipality, Neighbourhood

from .models import DesignationTrack, HeatProgramme, ProgrammeNeighbourhood
from .track import ensure_track


def get_programmes_for(
    request: HttpRequest, municipality_slug: str, *, write: bool = False
) -> tuple[Municipality, Membership]:
    municipality, membership = get_municipality_for(request, municipality_slug, write=write)
    if write and membership.limited_to_neighbourhoods:
        raise PermissionDenied
    return municipality, membership


def get_programme_for(
    request: HttpRequest, municipality_slug: str, number: int, *, write: bool = False
) -> tuple[HeatProgramme, Membership]:
    municipality, membership = get_programmes_for(request, municipality_slug, write=write)
    programme = get_object_or_404(HeatProgramme, municipality=municipality, number=number)
    programme.municipality = municipality
    return programme, membership


def designation_intended(neighbourhood: Neighbourhood) -> bool:
    """Whether a warmteprogramma (the newest that names it) intends to designate it."""
    entry = (
        ProgrammeNeighbourhood.objects.filter(neighbourhood=neighbourhood)
        .order_by("-programme__number")
        .first()
    )
    return bool(entry and entry.designation_intended)


def get_track_for(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, *, write: bool = False
) -> tuple[Neighbourhood, DesignationTrack | None, Membership]:
    """Return the neighbourhood, its track (None while no programme intends to designate it,
    and never created by reading) and the membership."""
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug, write=write
    )
    if not designation_intended(neighbourhood):
        track = None
    elif write:
        track = ensure_track(neighbourhood)
    else:
        track = DesignationTrack.objects.filter(neighbourhood=neighbourhood).first()
    return neighbourhood, track, membership
