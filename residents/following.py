"""Following a neighbourhood by e-mail: sign-up with double opt-in, confirmation, one-click
unsubscribe, and what goes into the weekly digest (the task that sends it is in
residents.tasks; the pages are in residents.views.following).

From the outside a sign-up always looks the same, whether the address is new, waiting for
confirmation or already following: the page is identical and the mail is sent by a worker after
the transaction commits. Before an address is confirmed it receives only the confirmation mail.
An address that already follows gets a short "you already follow this neighbourhood" mail with
its unsubscribe link, so a resident who forgot learns where they stand; the per-address rate
limit keeps this from being used to flood someone's inbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dashboard import timeline as dashboard_timeline
from residents.forms.following import CONSENT_TEXT, CONSENT_TEXT_VERSION
from roadmap.models import RoadmapVersion
from wup import links
from wup.models import ConsentPurpose, ConsentRecord, Follower, Neighbourhood
from wup.tasks import send_email

CONFIRM_WITHIN = timedelta(hours=72)
UNCONFIRMED_KEPT = timedelta(days=7)


# What happened: one small function per source. To add a source, write a function with the
# same signature and add it to DIGEST_SOURCES.


@dataclass(frozen=True)
class DigestItem:
    when: datetime
    kind: str
    title: str
    path: str  # site-relative; mails make it absolute with SITE_URL
    text: str = ""  # a line of explanation under the title, when the source has one


def _published_sessions(n: Neighbourhood, since: datetime, until: datetime) -> list[DigestItem]:
    sessions = n.sessions.published().filter(published_at__gt=since, published_at__lte=until)
    return [
        DigestItem(
            s.published_at,
            _("Verslag van een gesprek"),
            s.title,
            reverse("dialogue:summary", args=[n.municipality.slug, n.slug, s.pk]),
        )
        for s in sessions.only("pk", "title", "published_at")
    ]


def _adopted_roadmaps(n: Neighbourhood, since: datetime, until: datetime) -> list[DigestItem]:
    versions = RoadmapVersion.objects.filter(
        roadmap__neighbourhood=n, created_at__gt=since, created_at__lte=until
    ).only("number", "decision_date", "created_at")
    return [
        DigestItem(
            v.created_at,
            _("Routekaart vastgesteld"),
            gettext("Versie %(number)s, besluit van %(date)s")
            % {"number": v.number, "date": date_format(v.decision_date, "j F Y")},
            reverse("roadmap:public_version", args=[n.municipality.slug, n.slug, v.number]),
        )
        for v in versions
    ]


def _answered_questions(n: Neighbourhood, since: datetime, until: datetime) -> list[DigestItem]:
    # Only the anonymised wording the project lead published; never the asker's own text.
    questions = (
        n.questions.published()
        .exclude(public_text="")
        .filter(answered_at__gt=since, answered_at__lte=until)
    )
    page = (
        reverse("residents:neighbourhood", args=[n.municipality.slug, n.slug])
        + "#questions-heading"
    )
    return [
        DigestItem(q.answered_at, _("Vraag beantwoord"), q.public_text, page)
        for q in questions.only("public_text", "answered_at")
    ]


def _accepted_developments(n: Neighbourhood, since: datetime, until: datetime) -> list[DigestItem]:
    # The timeline's public wording: title, kind, date and which adopted milestones moved by how
    # much. Never the description or who recorded it. News from the moment it was accepted.
    timeline = reverse("residents:neighbourhood", args=[n.municipality.slug, n.slug]) + "#tijdlijn"
    items = []
    for accepted in dashboard_timeline.accepted_between(n, since, until):
        event = accepted.event
        # Translators: the day the development happens (or happened), e.g. "1 oktober 2026".
        on = gettext("Datum van de ontwikkeling: %(date)s.") % {
            "date": date_format(event.date, "j F Y")
        }
        items.append(
            DigestItem(
                accepted.decided_at,
                _("Nieuwe ontwikkeling"),
                accepted.title,
                event.url or timeline,
                f"{on} {event.text}",
            )
        )
    return items


DigestSource = Callable[[Neighbourhood, datetime, datetime], list[DigestItem]]
DIGEST_SOURCES: list[DigestSource] = [
    _published_sessions,
    _adopted_roadmaps,
    _answered_questions,
    _accepted_developments,
]


def digest_for(
    neighbourhood: Neighbourhood, since: datetime, until: datetime | None = None
) -> list[DigestItem]:
    """Return what happened in the neighbourhood after `since` (up to `until`), oldest first."""
    until = until or timezone.now()
    items = [item for source in DIGEST_SOURCES for item in source(neighbourhood, since, until)]
    return sorted(items, key=lambda item: item.when)


# Mail


def absolute(path: str) -> str:
    """Mails go out from workers: their links use the public base URL (wup.links)."""
    return links.absolute(path)


def unsubscribe_url(follower: Follower) -> str:
    return absolute(reverse("residents:follow_unsubscribe", args=[follower.token]))


def queue_follow_mail(template_base: str, follower: Follower, context: dict) -> None:
    """Render `<base>_subject.txt` and `<base>_body.txt` now; send after commit.

    Every mail to a follower carries the unsubscribe link and the RFC 8058 one-click headers.
    """
    neighbourhood = follower.neighbourhood
    context = {
        "neighbourhood": neighbourhood,
        "municipality": neighbourhood.municipality,
        "neighbourhood_url": absolute(
            reverse(
                "residents:neighbourhood",
                args=[neighbourhood.municipality.slug, neighbourhood.slug],
            )
        ),
        "unsubscribe_url": unsubscribe_url(follower),
        **context,
    }
    subject = " ".join(render_to_string(f"{template_base}_subject.txt", context).split())
    body = render_to_string(f"{template_base}_body.txt", context)
    headers = {
        "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    to = [follower.email]
    transaction.on_commit(lambda: send_email.delay(subject, body, to, headers))


# Domain actions


def remove_sign_ups(followers: QuerySet[Follower]) -> int:
    """Delete unconfirmed sign-ups and the consent records nothing else uses; return how many."""
    with transaction.atomic():
        followers = followers.filter(confirmed_at__isnull=True)
        consent_ids = list(followers.values_list("consent_id", flat=True))
        count, _deleted = followers.delete()
        ConsentRecord.objects.filter(
            pk__in=consent_ids, followers__isnull=True, questions__isnull=True
        ).delete()
    return count


def sign_up(neighbourhood: Neighbourhood, *, email: str) -> None:
    """Record a sign-up and queue the mail that fits; the caller shows the same page anyway.

    A new address gets a confirmation mail. An address still waiting for confirmation is signed
    up afresh (new link, new 72 hours, consent as given now). A confirmed address gets a short
    reminder that it already follows, with its unsubscribe link.
    """
    with transaction.atomic():
        existing = (
            Follower.objects.select_for_update()
            .filter(neighbourhood=neighbourhood, email=email)
            .first()
        )
        if existing is not None and existing.confirmed_at is not None:
            queue_follow_mail("residents/email/follow_already", existing, {})
            return
        if existing is not None:
            remove_sign_ups(Follower.objects.filter(pk=existing.pk))
        try:
            with transaction.atomic():
                consent = ConsentRecord.objects.create(
                    email=email,
                    purpose=ConsentPurpose.UPDATES,
                    text_version=CONSENT_TEXT_VERSION,
                    text=str(CONSENT_TEXT),
                    channel="web",
                )
                follower = Follower.objects.create(
                    neighbourhood=neighbourhood, email=email, consent=consent
                )
        except IntegrityError:
            return  # the same address in a parallel request: that one sends the mail
        queue_follow_mail(
            "residents/email/follow_confirm",
            follower,
            {
                "confirm_url": absolute(reverse("residents:follow_confirm", args=[follower.token])),
                "hours": int(CONFIRM_WITHIN.total_seconds() // 3600),
            },
        )


def confirm(follower: Follower) -> None:
    """Start the follow: from now on the address receives digests."""
    Follower.objects.filter(pk=follower.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )


def unfollow(follower: Follower) -> None:
    """Stop all mail to this follower at once.

    A confirmed follower's consent record is kept, marked withdrawn, as proof of what was agreed
    and when it ended. An unconfirmed sign-up never became consent: it goes entirely.
    """
    with transaction.atomic():
        if follower.confirmed_at is None:
            remove_sign_ups(Follower.objects.filter(pk=follower.pk))
            return
        ConsentRecord.objects.filter(pk=follower.consent_id, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        follower.delete()


def is_expired(follower: Follower) -> bool:
    return follower.confirmed_at is None and follower.created_at < timezone.now() - CONFIRM_WITHIN
