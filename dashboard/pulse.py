"""The public-value pulse: three short questions residents answer on the neighbourhood page and at
the end of a live session, and the month-by-month means the dashboard shows.

Anonymous by design: no account, no e-mail, no address. A random token in an HttpOnly cookie
lets us count one answer per browser per month; we store only a keyed hash of that token and
the month, so the token itself is nowhere in the database and two months cannot be linked.

A browser that drops its cookie could answer again and again, so each client address
(wup.client.client_address) may give at most PULSE_ANSWERS_PER_ADDRESS answers per neighbourhood
per month. The address is not stored: a keyed hash of it and the month is, and only until the
month is over (`forget_addresses`, a monthly task); each answer keeps whether it was the first
from its address, so the figures say "antwoorden van N adressen". Phones in a live session share
the venue's address: an answer sent from a phone that takes part in that session (its
participation cookie) is tied to the session and counts per phone, not per address.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.conf import settings
from django.core.signals import setting_changed
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from dialogue.models import DialogueSession, Participant
from dialogue.views.participation import COOKIE_PREFIX as SESSION_COOKIE_PREFIX
from wup.antispam import ProtectedForm
from wup.client import client_address
from wup.models import Neighbourhood

from .models import PulseResponse

COOKIE_NAME = "ww_peiling"
COOKIE_AGE = 365 * 24 * 3600
# Months with fewer answers are not shown: a mean of two or three people says little and
# could tell neighbours who answered what.
MIN_RESPONSES = 5
# Three hundred phones behind one venue address must all get in (over_limit allows ten times
# this per address); one browser is stopped long before by the one-per-month rule.
PER_HOUR = 100
MONTHS_ON_PAGE = 6

QUESTIONS = {
    "trust": gettext_lazy("Ik vertrouw erop dat de gemeente eerlijk met ons omgaat."),
    "co_ownership": gettext_lazy("Ik heb het gevoel dat ik mee kan beslissen over mijn wijk."),
    "legitimacy": gettext_lazy("Ik vind de manier waarop besluiten worden genomen goed."),
}
SCALE = [
    (1, gettext_lazy("Helemaal oneens")),
    (2, gettext_lazy("Oneens")),
    (3, gettext_lazy("Niet eens, niet oneens")),
    (4, gettext_lazy("Eens")),
    (5, gettext_lazy("Helemaal eens")),
]


class PulseForm(ProtectedForm):
    """The three statements, each on a scale from 1 (helemaal oneens) to 5 (helemaal eens)."""

    trust = forms.TypedChoiceField(
        label=QUESTIONS["trust"], choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    co_ownership = forms.TypedChoiceField(
        label=QUESTIONS["co_ownership"], choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    legitimacy = forms.TypedChoiceField(
        label=QUESTIONS["legitimacy"], choices=SCALE, coerce=int, widget=forms.RadioSelect
    )
    # The live session the pulse closes, if any; checked against the neighbourhood in the view.
    session = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        # Its own ids: the pulse shares the neighbourhood page with other forms.
        kwargs.setdefault("auto_id", "peiling_%s")
        super().__init__(*args, **kwargs)
        for name in QUESTIONS:
            self.fields[name].error_messages["required"] = _("Kies een antwoord.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the template has its {% csrf_token %}
        # Only what people answer; the anti-spam fields have their own template.
        self.helper.layout = Layout(*QUESTIONS, "session")


# The fields of a fresh pulse form are the same markup for every visitor in a language; rendering
# them through crispy is the costliest part of the neighbourhood page, so it happens once per
# language and process. The anti-spam fields (with their timestamp) and the CSRF token are
# rendered per request, outside this markup.
_FRESH_FORM_HTML: dict[str | None, SafeString] = {}


def _forget_fresh_form_html(**kwargs) -> None:
    _FRESH_FORM_HTML.clear()


setting_changed.connect(_forget_fresh_form_html)


def fresh_form_html(form: PulseForm) -> SafeString:
    """Return what `{% crispy form %}` shows for an unbound PulseForm(), rendered once per
    language (every time while DEBUG is on, so template edits show)."""
    if settings.DEBUG:
        return render_crispy_form(form)
    language = get_language()
    html = _FRESH_FORM_HTML.get(language)
    if html is None:
        html = _FRESH_FORM_HTML[language] = render_crispy_form(form)
    return html


@dataclass(frozen=True)
class MonthMeans:
    """One month of answers: how many, and the mean of each question (1–5)."""

    month: datetime.date
    n: int
    trust: float
    co_ownership: float
    legitimacy: float
    # From how many client addresses; None for a month with answers from before we counted.
    addresses: int | None = None


def pulse_summary(neighbourhood: Neighbourhood) -> list[MonthMeans]:
    """Return the month-by-month means with their number of answers, oldest first; months with
    fewer than MIN_RESPONSES answers are left out. One query."""
    rows = (
        PulseResponse.objects.filter(neighbourhood=neighbourhood)
        .order_by()
        .values("month")
        .annotate(
            n=Count("pk"),
            trust_mean=Avg("trust"),
            co_ownership_mean=Avg("co_ownership"),
            legitimacy_mean=Avg("legitimacy"),
            addresses=Count("pk", filter=Q(new_address=True)),
            uncounted=Count("pk", filter=Q(new_address__isnull=True)),
        )
        .filter(n__gte=MIN_RESPONSES)
        .order_by("month")
    )
    return [
        MonthMeans(
            month=row["month"],
            n=row["n"],
            trust=round(float(row["trust_mean"]), 2),
            co_ownership=round(float(row["co_ownership_mean"]), 2),
            legitimacy=round(float(row["legitimacy_mean"]), 2),
            addresses=None if row["uncounted"] else row["addresses"],
        )
        for row in rows
    ]


def current_month(today: datetime.date | None = None) -> datetime.date:
    """Return the first day of this month in the site's time zone (Europe/Amsterdam)."""
    return (today or timezone.localdate()).replace(day=1)


def client_key(token: str, month: datetime.date) -> str:
    """Return the keyed hash standing for one browser in one month (the token is never stored)."""
    return salted_hmac(
        "dashboard.pulse.client", f"{token}|{month:%Y-%m}", algorithm="sha256"
    ).hexdigest()


def browser_token(request: HttpRequest) -> str | None:
    token = request.COOKIES.get(COOKIE_NAME, "")
    return token if 20 <= len(token) <= 100 else None


def answered(neighbourhood: Neighbourhood, token: str | None, month: datetime.date) -> bool:
    if token is None:
        return False
    return PulseResponse.objects.filter(
        neighbourhood=neighbourhood, month=month, client_key=client_key(token, month)
    ).exists()


def closing_session(neighbourhood: Neighbourhood, raw) -> DialogueSession | None:
    """Return the live (or just closed) session of this neighbourhood the pulse closes."""
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return (
        neighbourhood.sessions.filter(
            pk=pk, status__in=[DialogueSession.Status.LIVE, DialogueSession.Status.CLOSED]
        )
        .only("pk", "title", "neighbourhood_id")
        .first()
    )


def takes_part(request: HttpRequest, session: DialogueSession) -> bool:
    """Whether this browser is a phone in the session (its participation cookie)."""
    token = request.COOKIES.get(f"{SESSION_COOKIE_PREFIX}{session.pk}")
    return bool(token) and Participant.objects.filter(session=session, token=token).exists()


def address_key(request: HttpRequest, month: datetime.date) -> str:
    """The keyed hash standing for the client's address in one month (the address is never
    stored)."""
    return salted_hmac(
        "dashboard.pulse.address", f"{client_address(request)}|{month:%Y-%m}", algorithm="sha256"
    ).hexdigest()


class Saved:
    """What became of an answer."""

    SAVED = "saved"
    ALREADY = "already"  # this browser answered this month
    LIMIT = "limit"  # its address reached PULSE_ANSWERS_PER_ADDRESS


def record_pulse(
    *,
    neighbourhood: Neighbourhood,
    month: datetime.date,
    key: str,
    answers: dict[str, int],
    address: str = "",
    limit: int | None = None,
    session: DialogueSession | None = None,
) -> str:
    """Store one browser's answers for the month, unless it already answered or (with `limit`)
    its address gave that many answers for the neighbourhood this month; return a Saved value."""
    try:
        with transaction.atomic():
            # One answer at a time per neighbourhood, so the count per address holds.
            Neighbourhood.objects.select_for_update().filter(pk=neighbourhood.pk).first()
            earlier = PulseResponse.objects.filter(
                neighbourhood=neighbourhood, month=month, address_key=address
            ).count()
            if limit is not None and earlier >= limit:
                return Saved.LIMIT
            PulseResponse.objects.create(
                neighbourhood=neighbourhood,
                session=session,
                month=month,
                client_key=key,
                address_key=address,
                new_address=earlier == 0,
                **answers,
            )
    except IntegrityError:
        return Saved.ALREADY  # the unique constraint: a second answer this month changes nothing
    return Saved.SAVED


def forget_addresses(today: datetime.date | None = None) -> int:
    """Empty the address keys of months before this one; return how many answers had one."""
    return (
        PulseResponse.objects.filter(month__lt=current_month(today))
        .exclude(address_key="")
        .update(address_key="")
    )


def for_neighbourhood(
    request: HttpRequest, neighbourhood: Neighbourhood, *, form: PulseForm | None = None, **extra
) -> dict:
    """Return what templates/dashboard/_pulse.html shows, as its `pulse` context variable.

    Costs one query for the summary, and one more when the browser carries a pulse cookie.
    """
    already = answered(neighbourhood, browser_token(request), current_month())
    fresh = None if already or form is not None else PulseForm()
    return {
        "neighbourhood": neighbourhood,
        "url": reverse(
            "residents:pulse", args=[neighbourhood.municipality.slug, neighbourhood.slug]
        ),
        "form": None if already else (form or fresh),
        # Without it, the template renders "form" itself.
        "form_html": fresh_form_html(fresh) if fresh is not None else None,
        "done": already,
        "thanks": _("U hebt deze maand al meegedaan. Dank u wel!") if already else "",
        "summary": pulse_summary(neighbourhood)[-MONTHS_ON_PAGE:],
        "min_responses": MIN_RESPONSES,
        **extra,
    }
