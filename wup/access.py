"""Access helpers: one per object type, used on the first line of every back-office view.

Outsiders get a 404 (we do not confirm that an object exists); members whose role only reads get
a 403 when they try to change something.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Membership, Municipality, Neighbourhood, Party


def get_membership(request: HttpRequest, municipality_slug: str) -> Membership:
    """Return the user's membership of the municipality, or raise 404."""
    if not request.user.is_authenticated:
        raise Http404
    try:
        return Membership.objects.for_user(request.user).get(municipality__slug=municipality_slug)
    except Membership.DoesNotExist:
        raise Http404 from None


def _require(membership: Membership, *, write: bool, admin: bool) -> None:
    if admin and not membership.is_admin:
        raise PermissionDenied
    if write and not membership.can_write:
        raise PermissionDenied


def get_municipality_for(
    request: HttpRequest, slug: str, *, write: bool = False, admin: bool = False
) -> tuple[Municipality, Membership]:
    """Return the municipality and the user's membership of it."""
    membership = get_membership(request, slug)
    _require(membership, write=write, admin=admin)
    return membership.municipality, membership


def get_neighbourhood_for(
    request: HttpRequest, municipality_slug: str, slug: str, *, write: bool = False
) -> tuple[Neighbourhood, Membership]:
    """Return a neighbourhood the user's membership reaches, with that membership."""
    membership = get_membership(request, municipality_slug)
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.visible_to(membership).select_related("municipality"), slug=slug
    )
    _require(membership, write=write, admin=False)
    return neighbourhood, membership


def get_party_for(
    request: HttpRequest, municipality_slug: str, pk: int, *, write: bool = False
) -> tuple[Party, Membership]:
    """Return a party of the user's municipality, with the user's membership."""
    membership = get_membership(request, municipality_slug)
    party = get_object_or_404(Party, pk=pk, municipality_id=membership.municipality_id)
    _require(membership, write=write, admin=False)
    # A member limited to some neighbourhoods reads every party but changes only those that
    # work in none but theirs (the refusal is audited: wup.audit.AuditMiddleware).
    if write and not membership.may_change_party(party):
        raise PermissionDenied
    return party, membership


def get_member_for(
    request: HttpRequest, municipality_slug: str, pk: int
) -> tuple[Membership, Membership]:
    """Return another membership of the municipality; only its admins manage members."""
    membership = get_membership(request, municipality_slug)
    _require(membership, write=True, admin=True)
    other = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, municipality_id=membership.municipality_id
    )
    return other, membership
