"""Residents' questions: receiving one (with its consent, the lead's notice and the asker's
receipt), the published answers on the neighbourhood page, and removing the asker's details in
time. A question is due two Dutch working days after the day it was asked (wup.workdays). The
asker's name and e-mail address never appear in a URL, a log line, the public page or the lead's
notification mail; only the answer mail goes to the address. The pages are in
residents.views.questions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from residents.forms.questions import CONSENT_TEXT, CONSENT_VERSION
from wup import links
from wup.mail import queue_email
from wup.models import (
    ConsentPurpose,
    ConsentRecord,
    Membership,
    Neighbourhood,
    Question,
    Role,
)
from wup.workdays import add_working_days

ANSWER_WITHIN_WORKING_DAYS = 2
PUBLIC_ANSWERS_SHOWN = 20


def receive(request: HttpRequest, neighbourhood: Neighbourhood, data: dict) -> Question:
    """Store the question with its consent; tell the lead(s) and send the asker a receipt."""
    today = timezone.localdate()  # Europe/Amsterdam (TIME_ZONE)
    with transaction.atomic():
        consent = ConsentRecord.objects.create(
            email=data["email"],
            purpose=ConsentPurpose.QUESTION,
            text_version=CONSENT_VERSION,
            text=str(CONSENT_TEXT),
            channel="web",
        )
        question = Question.objects.create(
            neighbourhood=neighbourhood,
            asker_name=data["name"],
            asker_email=data["email"],
            consent=consent,
            text=data["text"],
            due_on=add_working_days(today, ANSWER_WITHIN_WORKING_DAYS),
        )
        context = {
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
            "question": question,
        }
        leads = lead_addresses(neighbourhood)
        if leads:
            answer_path = reverse(
                "residents:bo_question_answer", args=[neighbourhood.municipality.slug, question.pk]
            )
            # No name or address of the asker in this mail: the lead answers in the back office.
            queue_email(
                "residents/email/question_new",
                {**context, "link": links.absolute(answer_path, request)},
                leads,
            )
        queue_email("residents/email/question_receipt", context, [question.asker_email])
    return question


def lead_addresses(neighbourhood: Neighbourhood) -> list[str]:
    """Return the e-mail addresses of the neighbourhood's project leads, or else its admins."""
    members = Membership.objects.filter(
        municipality_id=neighbourhood.municipality_id, user__is_active=True
    ).exclude(user__email="")
    for role in (Role.PROJECT_LEAD, Role.ADMIN):
        addresses = sorted(
            set(
                members.filter(role=role)
                .filter(Q(limited_to_neighbourhoods=False) | Q(neighbourhoods=neighbourhood))
                .values_list("user__email", flat=True)
            )
        )
        if addresses:
            return addresses
    return []


@dataclass(frozen=True)
class PublicAnswer:
    question: str
    answer: str
    answered_on: datetime.date


def public_answers(
    neighbourhood: Neighbourhood,
    answered: list[tuple[int, str, str, datetime.datetime]] | None = None,
) -> list[PublicAnswer]:
    """Return the newest published answers of a neighbourhood, in the lead's public wording.

    Only the anonymised question, the answer and its date: never who asked. Pass `answered`
    (residents.timeline's `answered_questions`: pk, public text, answer, answered at) when the page
    has read them already for its timeline: then there is no query.
    """
    if answered is None:
        rows = (
            neighbourhood.questions.published()
            .exclude(public_text="")
            .order_by("-answered_at", "-pk")
            .values_list("public_text", "answer", "answered_at")[:PUBLIC_ANSWERS_SHOWN]
        )
    else:
        newest = sorted(answered, key=lambda row: (row[3], row[0]), reverse=True)
        rows = [row[1:] for row in newest[:PUBLIC_ANSWERS_SHOWN]]
    return [
        PublicAnswer(question=text, answer=answer, answered_on=timezone.localdate(answered_at))
        for text, answer, answered_at in rows
    ]


# --- Retention ----------------------------------------------------------------------------


def purge_question_details(*, now: datetime.datetime | None = None) -> int:
    """Blank the asker's name and address of old questions; return how many were cleaned.

    A question is old when it was answered more than QUESTION_RETENTION_DAYS ago, or asked that
    long ago and never answered. The consent record loses the address too; its date and text
    version stay as proof of what was agreed.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=getattr(settings, "QUESTION_RETENTION_DAYS", 365))
    old = Question.objects.filter(details_removed_at__isnull=True).filter(
        Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, asked_at__lt=cutoff)
    )
    with transaction.atomic():
        pks = list(old.select_for_update().values_list("pk", flat=True))
        ConsentRecord.objects.filter(questions__pk__in=pks).update(email="")
        Question.objects.filter(pk__in=pks).update(
            asker_name="", asker_email="", details_removed_at=now
        )
    return len(pks)
