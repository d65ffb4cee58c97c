"""Residents' questions: the public ask form, the project lead's inbox and answer form, the public
questions and answers on the neighbourhood page, and removing the asker's details in time.

A question is due two Dutch working days after the day it was asked (wup.workdays). The asker's
name and e-mail address never appear in a URL, a log line, the public page or the lead's
notification mail; only the answer mail goes to the address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from . import audit
from .access import get_membership, get_municipality_for
from .antispam import over_limit
from .mail import queue_email
from .models import (
    ConsentPurpose,
    ConsentRecord,
    Membership,
    Neighbourhood,
    Question,
    Role,
)
from .question_forms import CONSENT_TEXT, CONSENT_VERSION, AnswerForm, AskForm
from .workdays import add_working_days

ANSWER_WITHIN_WORKING_DAYS = 2
INBOX_PAGE_SIZE = 50
PUBLIC_ANSWERS_SHOWN = 20


# --- Residents ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        municipality__slug=municipality_slug,
        slug=neighbourhood_slug,
    )
    form = AskForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "question", email=form.cleaned_data["email"]):
            form.add_error(
                None,
                _(
                    "U hebt het afgelopen uur al veel vragen gestuurd. Probeer het over een uur "
                    "opnieuw. Wat u hebt getypt, staat er nog."
                ),
            )
            status = 429
        else:
            question = _receive(request, neighbourhood, form.cleaned_data)
            thanks = reverse(
                "wup:question_thanks", args=[neighbourhood.municipality.slug, neighbourhood.slug]
            )
            # Only the due date travels in the URL: it is no personal data.
            return redirect(f"{thanks}?{urlencode({'antwoord': question.due_on.isoformat()})}")
    return render(
        request,
        "wup/questions/ask.html",
        {"municipality": neighbourhood.municipality, "neighbourhood": neighbourhood, "form": form},
        status=status,
    )


def _receive(request: HttpRequest, neighbourhood: Neighbourhood, data: dict) -> Question:
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
        leads = _lead_addresses(neighbourhood)
        if leads:
            answer_path = reverse(
                "wup:bo_question_answer", args=[neighbourhood.municipality.slug, question.pk]
            )
            # No name or address of the asker in this mail: the lead answers in the back office.
            queue_email(
                "wup/email/question_new",
                {**context, "link": request.build_absolute_uri(answer_path)},
                leads,
            )
        queue_email("wup/email/question_receipt", context, [question.asker_email])
    return question


def _lead_addresses(neighbourhood: Neighbourhood) -> list[str]:
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


@require_safe
def thanks(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        municipality__slug=municipality_slug,
        slug=neighbourhood_slug,
    )
    try:
        due_on = datetime.date.fromisoformat(request.GET.get("antwoord", ""))
    except ValueError:
        due_on = None  # the page then says "within two working days"
    return render(
        request,
        "wup/questions/thanks.html",
        {
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
            "due_on": due_on,
        },
    )


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
    (wup.timeline's `answered_questions`: pk, public text, answer, answered at) when the page
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


# --- Staff --------------------------------------------------------------------------------


def _refuse_partners(membership: Membership) -> None:
    # Partners have no business with residents' questions; council members may read them.
    if membership.role == Role.PARTNER:
        raise PermissionDenied


def get_question_for(
    request: HttpRequest, municipality_slug: str, pk: int, *, write: bool = False
) -> tuple[Question, Membership]:
    """Return a question in a neighbourhood the user reaches: 404 for outsiders (and leads of
    other neighbourhoods), 403 for partners and, when writing, for read-only roles."""
    membership = get_membership(request, municipality_slug)
    question = get_object_or_404(
        Question.objects.select_related("neighbourhood", "answered_by"),
        pk=pk,
        neighbourhood__in=Neighbourhood.objects.visible_to(membership),
    )
    _refuse_partners(membership)
    if write and not membership.can_write:
        raise PermissionDenied
    return question, membership


@login_required
@require_safe
def inbox(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    municipality, membership = get_municipality_for(request, municipality_slug)
    _refuse_partners(membership)
    questions = (
        Question.objects.filter(neighbourhood__in=Neighbourhood.objects.visible_to(membership))
        .select_related("neighbourhood")
        .defer("asker_name", "asker_email", "answer", "public_text")
        # Open questions first, soonest due first; then the answered ones, newest first.
        .order_by(F("answered_at").desc(nulls_first=True), "due_on", "pk")
    )
    page = Paginator(questions, INBOX_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "wup/questions/inbox.html",
        {
            "municipality": municipality,
            "membership": membership,
            "page": page,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, municipality_slug: str, pk: int) -> HttpResponse:
    question, membership = get_question_for(
        request, municipality_slug, pk, write=request.method == "POST"
    )
    municipality = membership.municipality
    form = AnswerForm(request.POST or None, instance=question) if membership.can_write else None
    if form is not None and request.method == "POST" and form.is_valid():
        first_answer = not question.is_answered
        with transaction.atomic():
            if first_answer:
                form.instance.answered_at = timezone.now()
                form.instance.answered_by = request.user
            audit.save_form(
                request,
                form,
                action="answer" if first_answer else "update",
                municipality=municipality,
            )
            if first_answer and question.asker_email:
                queue_email(
                    "wup/email/question_answer",
                    {
                        "municipality": municipality,
                        "neighbourhood": question.neighbourhood,
                        "question": question,
                    },
                    [question.asker_email],
                )
        if first_answer:
            messages.success(request, _("Het antwoord is opgeslagen en per e-mail verstuurd."))
        else:
            messages.success(request, _("Het antwoord is bijgewerkt."))
        return redirect("wup:bo_questions", municipality.slug)
    return render(
        request,
        "wup/questions/answer.html",
        {
            "municipality": municipality,
            "membership": membership,
            "question": question,
            "form": form,
            "today": timezone.localdate(),
        },
    )


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
