"""Access helpers for the participation pages, on the first line of every staff view.

Participation records hold residents' questions and what was said at the kitchen table, so they
are for the municipality's own people: members whose membership reaches the neighbourhood read
them (partners do not: 403), project leads and admins change them. Outsiders get a 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wup.access import get_municipality_for, get_neighbourhood_for
from wup.models import Membership, Municipality, Neighbourhood, Role


def _no_partners(membership: Membership) -> None:
    if membership.role == Role.PARTNER:
        raise PermissionDenied


def municipality_for(request: HttpRequest, slug: str) -> tuple[Municipality, Membership]:
    municipality, membership = get_municipality_for(request, slug)
    _no_partners(membership)
    return municipality, membership


def neighbourhood_for(
    request: HttpRequest, municipality_slug: str, slug: str, *, write: bool = False
) -> tuple[Neighbourhood, Membership]:
    """Return a neighbourhood the membership reaches (404 otherwise); 403 for partners, and for
    members who only read when `write`."""
    neighbourhood, membership = get_neighbourhood_for(request, municipality_slug, slug)
    _no_partners(membership)
    if write and not membership.can_write:
        raise PermissionDenied
    return neighbourhood, membership


def object_for(
    request: HttpRequest,
    municipality_slug: str,
    neighbourhood_slug: str,
    queryset,
    pk: int,
    *,
    lookup: str = "neighbourhood",
    write: bool = False,
):
    """Return (object, neighbourhood, membership) for an object of a reachable neighbourhood."""
    neighbourhood, membership = get_neighbourhood_for(
        request, municipality_slug, neighbourhood_slug
    )
    obj = get_object_or_404(queryset, pk=pk, **{lookup: neighbourhood})
    _no_partners(membership)
    if write and not membership.can_write:
        raise PermissionDenied
    return obj, neighbourhood, membership
