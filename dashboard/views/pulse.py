"""The public-value pulse on its own page: residents answer three short questions (without
JavaScript, and from a live session's phone page); with HTMX the same view answers with the
fragment the neighbourhood page shows. What is stored, and why it is anonymous, is in
dashboard.pulse."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from dashboard.pulse import (
    COOKIE_AGE,
    COOKIE_NAME,
    MIN_RESPONSES,
    MONTHS_ON_PAGE,
    PER_HOUR,
    QUESTIONS,
    PulseForm,
    Saved,
    address_key,
    answered,
    browser_token,
    client_key,
    closing_session,
    current_month,
    pulse_summary,
    record_pulse,
    takes_part,
)
from wup.antispam import over_limit
from wup.models import Neighbourhood


@never_cache
@require_http_methods(["GET", "POST"])
def pulse(request: HttpRequest, municipality_slug: str, neighbourhood_slug: str) -> HttpResponse:
    """The pulse on its own page (without JavaScript, and from a live session's phone page);
    with HTMX the same view answers with the fragment the neighbourhood page shows."""
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        municipality__slug=municipality_slug,
        slug=neighbourhood_slug,
    )
    month = current_month()
    token = browser_token(request)
    new_token = None
    session = closing_session(neighbourhood, request.POST.get("session", request.GET.get("sessie")))
    status = 200
    form = None
    thanks = ""
    if answered(neighbourhood, token, month):
        thanks = _("U hebt deze maand al meegedaan. Dank u wel!")
    elif request.method == "POST":
        form = PulseForm(request.POST)
        if form.is_valid():
            if token is None:
                token = new_token = secrets.token_urlsafe(32)
            key = client_key(token, month)
            if over_limit(request, "pulse", email=key, per_hour=PER_HOUR):
                form.add_error(
                    None,
                    _(
                        "Er komen nu heel veel antwoorden binnen. Probeer het over een uur "
                        "opnieuw. Uw keuzes staan er nog."
                    ),
                )
                status = 429
            else:
                answers = {name: form.cleaned_data[name] for name in QUESTIONS}
                # A phone of the session counts for itself; anyone else for their address.
                if session is not None and not takes_part(request, session):
                    session = None
                saved = record_pulse(
                    neighbourhood=neighbourhood,
                    month=month,
                    key=key,
                    answers=answers,
                    address=address_key(request, month),
                    limit=None if session else settings.PULSE_ANSWERS_PER_ADDRESS,
                    session=session,
                )
                if saved == Saved.LIMIT:
                    form.add_error(
                        None,
                        _(
                            "Vanaf dit internetadres zijn deze maand al %(n)s antwoorden voor "
                            "deze wijk gegeven. Meer kan niet, zodat niemand vaker meetelt. "
                            "Volgende maand kunt u weer meedoen. Uw keuzes staan er nog."
                        )
                        % {"n": settings.PULSE_ANSWERS_PER_ADDRESS},
                    )
                    new_token = None
                    status = 422  # swapped in by htmx (base.html), so the message shows
                else:
                    thanks = (
                        _("Dank u wel! Uw antwoorden zijn opgeslagen.")
                        if saved == Saved.SAVED
                        else _("U hebt deze maand al meegedaan. Dank u wel!")
                    )
        else:
            status = 422  # swapped in by htmx (base.html), so the errors show
    else:
        form = PulseForm(initial={"session": session.pk if session else None})
    context = {
        "municipality": neighbourhood.municipality,
        "neighbourhood": neighbourhood,
        "session": session,
        "pulse": {
            "neighbourhood": neighbourhood,
            "url": request.path,
            "form": None if thanks else form,
            "done": bool(thanks),
            "thanks": thanks,
            "summary": pulse_summary(neighbourhood)[-MONTHS_ON_PAGE:],
            "min_responses": MIN_RESPONSES,
        },
    }
    template = "dashboard/_pulse.html" if request.htmx else "dashboard/pulse.html"
    response = render(request, template, context, status=status)
    if new_token and thanks:
        response.set_cookie(
            COOKIE_NAME,
            new_token,
            max_age=COOKIE_AGE,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )
    return response
