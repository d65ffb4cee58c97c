"""Periodic work for followers: the weekly digest and removing sign-ups nobody confirmed.

Both are in CELERY_BEAT_SCHEDULE. Both may run twice (a replayed beat, two beat processes): the
digest marks each follower in the same transaction that queues its mail, and skips followers who
had one less than DIGEST_INTERVAL ago, so a replay sends nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from celery import shared_task
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from residents.following import (
    UNCONFIRMED_KEPT,
    absolute,
    digest_for,
    queue_follow_mail,
    remove_sign_ups,
)
from wup.models import Follower, Neighbourhood

# The beat runs weekly; anything shorter than a week but longer than a late run's delay works.
DIGEST_INTERVAL = timedelta(days=6)


def _due(now: datetime):
    return Follower.objects.confirmed().filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - DIGEST_INTERVAL)
    )


def _send_for_neighbourhood(neighbourhood: Neighbourhood, now: datetime) -> int:
    with transaction.atomic():
        # Locked rows are another run's: it sends them, this run leaves them alone.
        followers = list(
            _due(now)
            .filter(neighbourhood=neighbourhood)
            .select_for_update(skip_locked=True)
            .order_by("pk")
        )
        if not followers:
            return 0
        since = {f.pk: f.last_digest_at or f.confirmed_at for f in followers}
        items = digest_for(neighbourhood, min(since.values()), until=now)
        sent = []
        for follower in followers:
            news = [item for item in items if item.when > since[follower.pk]]
            if not news:
                continue
            follower.neighbourhood = neighbourhood
            queue_follow_mail(
                "residents/email/follow_digest",
                follower,
                {"items": [(item, absolute(item.path)) for item in news]},
            )
            sent.append(follower.pk)
        # Marked in the same transaction that queues the mails: a replay finds nothing due.
        Follower.objects.filter(pk__in=sent).update(last_digest_at=now)
    return len(sent)


@shared_task
def send_digests() -> int:
    """Send each confirmed follower whose neighbourhood had news one e-mail; return how many."""
    now = timezone.now()
    neighbourhoods = Neighbourhood.objects.filter(
        pk__in=_due(now).values("neighbourhood_id")
    ).select_related("municipality")
    return sum(_send_for_neighbourhood(n, now) for n in neighbourhoods)


@shared_task
def purge_unconfirmed() -> int:
    """Remove sign-ups nobody confirmed within seven days; return how many."""
    return remove_sign_ups(Follower.objects.unconfirmed_before(timezone.now() - UNCONFIRMED_KEPT))


@shared_task
def purge_question_details() -> int:
    """Remove residents' details from questions past their retention; return how many."""
    from residents.questions import purge_question_details as purge

    return purge()
