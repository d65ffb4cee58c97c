"""Residents' questions: the public ask form, the project lead's inbox and answer form, the public
questions and answers on the neighbourhood page, and removing the asker's details in time.

A question is due two Dutch working days after the day it was asked (wup.workdays). The asker's
name and e-mail address never appear in a URL, a log line, the public page or the lead's
notification mail; only the answer mail goes to the address.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from residents.forms.questions import AnswerForm, AskForm
from residents.questions import receive
from wup import audit
from wup.access import get_membership, get_municipality_for
from wup.antispam import over_limit
from wup.mail import queue_email
from wup.models import (
    Membership,
    Neighbourhood,
    Question,
    Role,
)

INBOX_PAGE_SIZE = 50


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
            question = receive(request, neighbourhood, form.cleaned_data)
            thanks = reverse(
                "residents:question_thanks",
                args=[neighbourhood.municipality.slug, neighbourhood.slug],
            )
            # Only the due date travels in the URL: it is no personal data.
            return redirect(f"{thanks}?{urlencode({'antwoord': question.due_on.isoformat()})}")
    return render(
        request,
        "residents/questions/ask.html",
        {"municipality": neighbourhood.municipality, "neighbourhood": neighbourhood, "form": form},
        status=status,
    )


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
        "residents/questions/thanks.html",
        {
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
            "due_on": due_on,
        },
    )


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
        "residents/questions/inbox.html",
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
                    "residents/email/question_answer",
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
        return redirect("residents:bo_questions", municipality.slug)
    return render(
        request,
        "residents/questions/answer.html",
        {
            "municipality": municipality,
            "membership": membership,
            "question": question,
            "form": form,
            "today": timezone.localdate(),
        },
    )
