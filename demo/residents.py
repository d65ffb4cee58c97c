"""Zonnedal's residents: people who follow a neighbourhood, questions to the project lead, and
answers to the public-value pulse. `seed_demo` runs this after the dialogue and the roadmap.

Everything comes from seeded random generators, so the demo looks the same on every run;
dates are relative to today, so the inbox always has questions that are open, and one or two
that are overdue. Tokens are real random secrets. The municipality keeps what it has: once it
has followers or questions, running the seed again changes nothing.

The addresses are fictional (bewoner1@voorbeeld.nl, …); nobody is named anywhere.
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation

from dashboard.models import PulseResponse
from dialogue.models import DialogueSession
from residents.forms import following as follow_forms
from residents.forms import questions as question_forms
from wup.models import (
    ConsentPurpose,
    ConsentRecord,
    Follower,
    Municipality,
    Neighbourhood,
    Question,
)
from wup.workdays import add_working_days, is_working_day

from .data.residents import (
    FOLLOWERS,
    OPEN,
    OVERDUE,
    PRIVATE,
    PUBLISHED,
    PULSE,
    QUESTIONS,
    DemoQuestion,
)

SEED = "zonnedal-bewoners-2026"
PROJECT_LEAD = "projectleider@zonnedal.example"
EMAIL_DOMAIN = "voorbeeld.nl"
ANSWER_WITHIN = 2  # working days, as residents.questions.ANSWER_WITHIN_WORKING_DAYS
MONTHS = 12
HELD = {DialogueSession.Status.CLOSED, DialogueSession.Status.PUBLISHED}


def _rng(*parts: object) -> random.Random:
    return random.Random("|".join(map(str, (SEED, *parts))))  # noqa: S311  # nosec B311  # demo data, not secrets


def _email(n: int) -> str:
    return f"bewoner{n}@{EMAIL_DOMAIN}"


def _local(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def has_residents(municipality: Municipality) -> bool:
    return (
        Follower.objects.filter(neighbourhood__municipality=municipality).exists()
        or Question.objects.filter(neighbourhood__municipality=municipality).exists()
    )


@transaction.atomic
def seed_residents(municipality: Municipality) -> None:
    """Add followers, questions and pulse answers to Zonnedal, unless it has residents already
    (any follower or question)."""
    if has_residents(municipality):
        return
    neighbourhoods = {n.slug: n for n in municipality.neighbourhoods.order_by("pk")}
    now = timezone.now()
    with translation.override("nl"):  # consent records keep the Dutch text the form shows
        emails = _seed_followers(neighbourhoods, now)
        _seed_questions(neighbourhoods, emails, now)
    _seed_pulse(neighbourhoods, now)


def _seed_followers(neighbourhoods: dict[str, Neighbourhood], now: dt.datetime) -> dict:
    """Create the followers with their consent; return {slug: [confirmed addresses]}."""
    plan = []  # (neighbourhood, email, created_at, confirmed_at)
    number = 0
    for slug, (confirmed, unconfirmed) in FOLLOWERS.items():
        neighbourhood = neighbourhoods.get(slug)
        if neighbourhood is None:
            continue
        rng = _rng("volgers", slug)
        for i in range(confirmed + unconfirmed):
            number += 1
            if i < confirmed:
                created = now - dt.timedelta(days=rng.uniform(3, 330))
                confirmed_at = created + dt.timedelta(minutes=rng.randint(2, 36 * 60))
                confirmed_at = min(confirmed_at, now - dt.timedelta(minutes=5))
            else:
                created = now - dt.timedelta(hours=rng.uniform(2, 44))
                confirmed_at = None
            plan.append((neighbourhood, _email(number), created, confirmed_at))

    consents = ConsentRecord.objects.bulk_create(
        ConsentRecord(
            email=email,
            purpose=ConsentPurpose.UPDATES,
            text_version=follow_forms.CONSENT_TEXT_VERSION,
            text=str(follow_forms.CONSENT_TEXT),
            channel="web",
            given_at=created,
        )
        for _n, email, created, _c in plan
    )
    last_digest = _last_monday_morning(now)
    followers = Follower.objects.bulk_create(
        Follower(
            neighbourhood=neighbourhood,
            email=email,
            consent=consent,
            confirmed_at=confirmed_at,
            # The weekly digest went out on Monday to those who were confirmed by then.
            last_digest_at=last_digest if confirmed_at and confirmed_at < last_digest else None,
        )
        for (neighbourhood, email, _c, confirmed_at), consent in zip(plan, consents, strict=True)
    )
    for follower, (_n, _e, created, _c) in zip(followers, plan, strict=True):
        follower.created_at = created  # auto_now_add set it to now; bulk_update keeps ours
    Follower.objects.bulk_update(followers, ["created_at"], batch_size=500)

    addresses: dict[str, list[str]] = {}
    for neighbourhood, email, _created, confirmed_at in plan:
        if confirmed_at:
            addresses.setdefault(neighbourhood.slug, []).append(email)
    return {"by_slug": addresses, "next": number + 1}


def _last_monday_morning(now: dt.datetime) -> dt.datetime:
    today = timezone.localdate(now)
    monday = today - dt.timedelta(days=today.weekday())
    moment = _local(monday, 7, 0)
    return moment if moment < now else moment - dt.timedelta(days=7)


def _seed_questions(neighbourhoods: dict[str, Neighbourhood], emails: dict, now: dt.datetime):
    lead = get_user_model().objects.filter(username=PROJECT_LEAD).first()
    today = timezone.localdate(now)
    number = emails["next"]
    rows = []  # (Question, ConsentRecord)
    for index, spec in enumerate(QUESTIONS):
        neighbourhood = neighbourhoods.get(spec.neighbourhood)
        if neighbourhood is None:
            continue
        rng = _rng("vraag", index)
        # Some askers follow the neighbourhood already; the others are new addresses.
        known = emails["by_slug"].get(spec.neighbourhood, [])
        if known and rng.random() < 0.4:
            email = rng.choice(known)
        else:
            email, number = _email(number), number + 1
        asked_at = _asked_at(spec, rng, now, today)
        due_on = add_working_days(timezone.localdate(asked_at), ANSWER_WITHIN)
        question = Question(
            neighbourhood=neighbourhood,
            asker_email=email,
            text=spec.text,
            asked_at=asked_at,
            due_on=due_on,
        )
        if spec.kind in {PUBLISHED, PRIVATE}:
            question.answer = spec.answer
            question.answered_at = _answered_at(spec, rng, asked_at, due_on, now)
            question.answered_by = lead
            question.published = spec.kind == PUBLISHED
            question.public_text = spec.public_text
        consent = ConsentRecord(
            email=email,
            purpose=ConsentPurpose.QUESTION,
            text_version=question_forms.CONSENT_VERSION,
            text=str(question_forms.CONSENT_TEXT),
            channel="web",
            given_at=asked_at,
        )
        rows.append((question, consent))
    consents = ConsentRecord.objects.bulk_create(consent for _q, consent in rows)
    for (question, _c), consent in zip(rows, consents, strict=True):
        question.consent = consent
    Question.objects.bulk_create(question for question, _c in rows)


def _asked_at(spec: DemoQuestion, rng: random.Random, now: dt.datetime, today: dt.date):
    if spec.kind == OPEN:
        # Asked in the last day: still within the two working days.
        return now - dt.timedelta(hours=rng.uniform(1, 20))
    day = today - dt.timedelta(days=spec.days_ago)
    if spec.kind == OVERDUE:
        # Go back until the due date lies behind us, whatever weekday or holiday today is.
        while add_working_days(day, ANSWER_WITHIN) >= today:
            day -= dt.timedelta(days=1)
    return _local(day, rng.randint(7, 22), rng.randint(0, 59))


def _answered_at(
    spec: DemoQuestion,
    rng: random.Random,
    asked_at: dt.datetime,
    due_on: dt.date,
    now: dt.datetime,
) -> dt.datetime:
    """On a working day within the deadline (late ones one or two working days after it)."""
    asked_on = timezone.localdate(asked_at)
    if spec.late:
        day = add_working_days(due_on, rng.randint(1, 2))
    elif is_working_day(asked_on) and timezone.localtime(asked_at).hour < 14 and rng.random() < 0.4:
        day = asked_on
    else:
        day = add_working_days(asked_on, rng.randint(1, ANSWER_WITHIN))
    moment = _local(day, rng.randint(9, 16), rng.randint(0, 59))
    if moment <= asked_at:
        moment = asked_at + dt.timedelta(hours=2)
    return min(moment, now - dt.timedelta(hours=1))


def month_starts(today: dt.date, n: int = MONTHS) -> list[dt.date]:
    """Return the first days of the last `n` months, oldest first, this month last."""
    year, month = today.year, today.month
    months = []
    for _ in range(n):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def _mean(span: tuple[float, float], i: int, n: int) -> float:
    start, end = span
    return start + (end - start) * i / max(n - 1, 1)


def _score(rng: random.Random, mean: float, person: float) -> int:
    return max(1, min(5, round(mean + person + rng.gauss(0, 0.45))))


def _seed_pulse(neighbourhoods: dict[str, Neighbourhood], now: dt.datetime) -> None:
    today = timezone.localdate(now)
    months = month_starts(today)
    sessions: dict[tuple[int, dt.date], DialogueSession] = {}
    for session in DialogueSession.objects.filter(
        neighbourhood__in=neighbourhoods.values(), status__in=HELD, starts_at__lte=now
    ).order_by("starts_at"):
        sessions.setdefault(
            (session.neighbourhood_id, timezone.localdate(session.starts_at).replace(day=1)),
            session,
        )
    responses: list[PulseResponse] = []
    times: list[dt.datetime] = []
    for slug, profile in PULSE.items():
        neighbourhood = neighbourhoods.get(slug)
        if neighbourhood is None:
            continue
        rng = _rng("peiling", slug)
        for i, (month, count) in enumerate(zip(months, profile.counts, strict=True)):
            session = sessions.get((neighbourhood.pk, month))
            # At a session about half the month's answers come in at the end of the evening.
            at_session = count // 2 if session and count >= 5 else 0
            if month == months[-1]:
                days_in_month = today.day  # this month so far
            else:
                days_in_month = ((month + dt.timedelta(days=32)).replace(day=1) - month).days
            for k in range(count):
                person = rng.gauss(0, 0.35)  # some people are more positive about everything
                response = PulseResponse(
                    neighbourhood=neighbourhood,
                    trust=_score(rng, _mean(profile.trust, i, MONTHS), person),
                    co_ownership=_score(rng, _mean(profile.co_ownership, i, MONTHS), person),
                    legitimacy=_score(rng, _mean(profile.legitimacy, i, MONTHS), person),
                    month=month,
                    client_key=f"{rng.getrandbits(256):064x}",
                    # Most answers from an address of their own, some from a shared one; at a
                    # session every phone is behind the venue's one address.
                    new_address=(k == 0) if k < at_session else k % 7 != 3,
                )
                day = month + dt.timedelta(days=int(rng.random() * days_in_month))
                created = _local(day, rng.randint(8, 22), rng.randint(0, 59))
                if k < at_session:
                    response.session = session
                    end = session.closed_at or session.starts_at + dt.timedelta(hours=2)
                    created = end - dt.timedelta(minutes=10 - k % 10)
                responses.append(response)
                times.append(min(created, now - dt.timedelta(minutes=count - k)))
    PulseResponse.objects.bulk_create(responses, batch_size=500)
    for response, created in zip(responses, times, strict=True):
        response.created_at = created  # auto_now_add set it to now; bulk_update keeps ours
    PulseResponse.objects.bulk_update(responses, ["created_at"], batch_size=500)
