"""The access helper for dialogue sessions, on the first line of every staff view about one."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from wup.access import get_membership
from wup.models import Membership, Neighbourhood

from .models import DialogueSession


def get_session_for(
    request: HttpRequest, municipality_slug: str, pk: int, *, write: bool = False
) -> tuple[DialogueSession, Membership]:
    """Return a session in a neighbourhood the user's membership reaches (404 otherwise);
    403 when `write` and the membership only reads."""
    membership = get_membership(request, municipality_slug)
    session = get_object_or_404(
        DialogueSession.objects.select_related("neighbourhood__municipality").filter(
            neighbourhood__in=Neighbourhood.objects.visible_to(membership)
        ),
        pk=pk,
    )
    if write and not membership.can_write:
        raise PermissionDenied
    return session, membership
