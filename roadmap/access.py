"""Access helpers for roadmaps and reports: the first line of every staff view about them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wup.access import get_membership
from wup.models import Membership, Neighbourhood, Role

from .models import Roadmap


def get_roadmap_for(
    request: HttpRequest,
    municipality_slug: str,
    neighbourhood_slug: str,
    *,
    write: bool = False,
    partner: bool = False,
) -> tuple[Roadmap, Membership]:
    """Return the roadmap of a neighbourhood the membership reaches (created on first write).

    404 for outsiders. With `write`, 403 for roles that only read; with `partner` as well,
    partners pass too (the view then limits them to their own party's rows).
    """
    membership = get_membership(request, municipality_slug)
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.visible_to(membership).select_related("municipality"),
        slug=neighbourhood_slug,
    )
    if write and not (membership.can_write or (partner and membership.role == Role.PARTNER)):
        raise PermissionDenied
    if write:
        roadmap, _created = Roadmap.objects.get_or_create(neighbourhood=neighbourhood)
    else:
        # Reading never writes: a neighbourhood without a roadmap shows an empty, unsaved one.
        roadmap = Roadmap.objects.filter(neighbourhood=neighbourhood).first() or Roadmap(
            neighbourhood=neighbourhood
        )
    return roadmap, membership
