"""The Zonnedal demo's residents: followers with their consent, questions in every state (one or
two overdue, whatever day it is), and a year of pulse answers with a trend; stable and run once."""

import datetime as dt
import re
from statistics import fmean

import pytest
import time_machine
from django.utils import timezone

from dashboard.models import PulseResponse
from dashboard.pulse import MIN_RESPONSES, pulse_summary
from demo.base import seed_base
from demo.data.residents import FOLLOWERS, PULSE, QUESTIONS
from demo.dialogue import seed_dialogue
from demo.residents import month_starts, seed_residents
from residents.following import CONFIRM_WITHIN
from residents.forms import following as follow_forms
from residents.forms import questions as question_forms
from residents.questions import public_answers
from residents.tasks import purge_unconfirmed
from wup.models import ConsentPurpose, ConsentRecord, Follower, Question
from wup.workdays import add_working_days

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(r"^bewoner\d+@voorbeeld\.nl$")


@pytest.fixture
def zonnedal():
    municipality = seed_base()
    seed_dialogue(municipality)  # held sessions, so some pulse answers come from an evening
    seed_residents(municipality)
    return municipality


def followers(municipality):
    return Follower.objects.filter(neighbourhood__municipality=municipality)


def questions(municipality):
    return Question.objects.filter(neighbourhood__municipality=municipality)


def pulses(municipality):
    return PulseResponse.objects.filter(neighbourhood__municipality=municipality)


def test_followers_are_mostly_confirmed_with_a_few_recent_sign_ups(zonnedal):
    everyone = followers(zonnedal)
    assert everyone.count() == sum(c + u for c, u in FOLLOWERS.values())
    unconfirmed = everyone.filter(confirmed_at__isnull=True)
    assert 1 <= unconfirmed.count() <= 8
    assert everyone.confirmed().count() > 0.9 * everyone.count()
    now = timezone.now()
    for follower in unconfirmed:
        # Recent enough that the confirmation link still works.
        assert now - CONFIRM_WITHIN < follower.created_at < now
    for follower in everyone.confirmed():
        assert follower.created_at < follower.confirmed_at < now
        assert follower.confirmed_at - follower.created_at < CONFIRM_WITHIN
    assert all(ADDRESS.match(email) for email in everyone.values_list("email", flat=True))
    # The clean-up of stale sign-ups finds nothing to remove.
    assert purge_unconfirmed() == 0
    assert everyone.count() == sum(c + u for c, u in FOLLOWERS.values())


def test_every_follower_has_a_consent_record_with_the_form_text(zonnedal):
    everyone = list(followers(zonnedal).select_related("consent"))
    assert len({f.consent_id for f in everyone}) == len(everyone)
    for follower in everyone:
        consent = follower.consent
        assert consent.email == follower.email
        assert consent.purpose == ConsentPurpose.UPDATES
        assert consent.text_version == follow_forms.CONSENT_TEXT_VERSION
        assert consent.text.startswith("Ik wil e-mail krijgen als er iets nieuws is")
        assert consent.given_at == follower.created_at
        assert consent.withdrawn_at is None


def test_questions_in_every_state(zonnedal):
    today = timezone.localdate()
    now = timezone.now()
    all_questions = questions(zonnedal)
    assert all_questions.count() == len(QUESTIONS)
    published = all_questions.published()
    private = all_questions.filter(answered_at__isnull=False, published=False)
    still_open = all_questions.open()
    overdue = all_questions.overdue(today)
    assert published.count() >= 12
    assert private.count() >= 3
    assert 1 <= overdue.count() <= 2
    assert still_open.filter(due_on__gte=today).count() >= 3
    for question in all_questions:
        assert question.due_on == add_working_days(timezone.localdate(question.asked_at), 2)
        assert question.asked_at < now
        assert question.asker_name == ""
        assert ADDRESS.match(question.asker_email)
        assert question.details_removed_at is None
        if question.is_answered:
            assert question.asked_at < question.answered_at < now
            assert question.answered_by.username == "projectleider@zonnedal.example"
            assert question.answer
        else:
            assert not question.answer and not question.published
    # Most are answered on time; one or two were late, which the answer times will show.
    answered = all_questions.filter(answered_at__isnull=False)
    late = [q for q in answered if timezone.localdate(q.answered_at) > q.due_on]
    assert 1 <= len(late) <= 3


def test_published_questions_are_anonymised(zonnedal):
    for question in questions(zonnedal).published():
        assert question.public_text.strip()
        assert question.public_text != question.text
        assert "@" not in question.public_text + question.answer
        assert "voorbeeld.nl" not in question.public_text + question.answer
    for question in questions(zonnedal).filter(published=False):
        assert question.public_text == ""


def test_every_question_has_a_consent_record_with_the_form_text(zonnedal):
    for question in questions(zonnedal).select_related("consent"):
        consent = question.consent
        assert consent.email == question.asker_email
        assert consent.purpose == ConsentPurpose.QUESTION
        assert consent.text_version == question_forms.CONSENT_VERSION
        assert consent.text.startswith("Ik geef toestemming dat de gemeente mijn e-mailadres")
        assert consent.given_at == question.asked_at


def test_molenbuurt_page_shows_the_public_answers(zonnedal, client):
    molenbuurt = zonnedal.neighbourhoods.get(slug="molenbuurt")
    answers = public_answers(molenbuurt)
    assert len(answers) >= 3
    response = client.get("/zonnedal/molenbuurt/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Wat kost het warmtenet per maand" in page
    assert "Mijn moeder" not in page  # an answer by e-mail only stays private


def test_pulse_covers_twelve_months_with_small_months_hidden(zonnedal):
    months = month_starts(timezone.localdate())
    assert len(months) == 12 and months[-1] == timezone.localdate().replace(day=1)
    for slug, profile in PULSE.items():
        neighbourhood = zonnedal.neighbourhoods.get(slug=slug)
        answers = pulses(zonnedal).filter(neighbourhood=neighbourhood)
        per_month = {m: answers.filter(month=m).count() for m in months}
        assert list(per_month.values()) == list(profile.counts)
        shown = [row.month for row in pulse_summary(neighbourhood)]
        hidden = [m for m, n in per_month.items() if n < MIN_RESPONSES]
        assert shown == [m for m in months if m not in hidden]
        assert 1 <= len(hidden) <= 3  # a few months too small to show
    assert pulses(zonnedal).count() == sum(sum(p.counts) for p in PULSE.values())


def test_pulse_answers_are_plausible(zonnedal):
    answers = list(pulses(zonnedal).select_related("session"))
    keys = [a.client_key for a in answers]
    assert all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)
    assert len(set(keys)) == len(keys)
    now = timezone.now()
    for answer in answers:
        assert answer.month.day == 1
        assert timezone.localdate(answer.created_at).replace(day=1) == answer.month
        assert answer.created_at <= now
        if answer.session:
            assert answer.session.neighbourhood_id == answer.neighbourhood_id
            assert timezone.localdate(answer.session.starts_at).replace(day=1) == answer.month
    # Some answers came in at the end of a session; most on the neighbourhood page.
    from_sessions = sum(1 for a in answers if a.session)
    assert 0 < from_sessions < len(answers) / 2


def _trust(municipality, slug) -> list[float]:
    return [row.trust for row in pulse_summary(municipality.neighbourhoods.get(slug=slug))]


def test_trust_rises_in_the_molenbuurt_and_drops_a_bit_in_de_akkers(zonnedal):
    molenbuurt = _trust(zonnedal, "molenbuurt")
    assert fmean(molenbuurt[-3:]) - fmean(molenbuurt[:3]) > 0.7
    akkers = _trust(zonnedal, "de-akkers")
    drop = fmean(akkers[:3]) - fmean(akkers[-3:])
    assert 0.2 < drop < 1.2


def _content(municipality) -> dict:
    return {
        "followers": sorted(
            (slug, email, confirmed is None)
            for slug, email, confirmed in followers(municipality).values_list(
                "neighbourhood__slug", "email", "confirmed_at"
            )
        ),
        "questions": sorted(
            (slug, email, text, published, answered is None)
            for slug, email, text, published, answered in questions(municipality).values_list(
                "neighbourhood__slug", "asker_email", "text", "published", "answered_at"
            )
        ),
        "pulse": sorted(
            pulses(municipality).values_list(
                "neighbourhood__slug",
                "month",
                "trust",
                "co_ownership",
                "legitimacy",
                "client_key",
                "session__title",
            )
        ),
    }


def test_running_again_changes_nothing_and_a_fresh_run_is_the_same(zonnedal):
    before = _content(zonnedal)
    count = ConsentRecord.objects.count()
    seed_residents(zonnedal)
    assert _content(zonnedal) == before
    assert ConsentRecord.objects.count() == count

    followers(zonnedal).delete()
    questions(zonnedal).delete()
    pulses(zonnedal).delete()
    ConsentRecord.objects.all().delete()
    seed_residents(zonnedal)
    assert _content(zonnedal) == before


def test_a_municipality_with_residents_of_its_own_is_left_alone(db):
    municipality = seed_base()
    molenbuurt = municipality.neighbourhoods.get(slug="molenbuurt")
    consent = ConsentRecord.objects.create(
        email="iemand@voorbeeld.nl", purpose=ConsentPurpose.QUESTION, text_version="x", text="x"
    )
    Question.objects.create(
        neighbourhood=molenbuurt,
        asker_email="iemand@voorbeeld.nl",
        consent=consent,
        text="Een echte vraag.",
        due_on=timezone.localdate(),
    )
    seed_residents(municipality)
    assert questions(municipality).count() == 1
    assert not followers(municipality).exists()
    assert not pulses(municipality).exists()


@pytest.mark.parametrize(
    "moment",
    [
        dt.datetime(2027, 3, 29, 8, 30),  # Tweede Paasdag, early
        dt.datetime(2026, 12, 27, 23, 50),  # a Sunday between Christmas and New Year, late
        dt.datetime(2027, 5, 3, 0, 10),  # a Monday just after midnight
    ],
)
def test_open_and_overdue_questions_whatever_the_day(db, moment):
    with time_machine.travel(timezone.make_aware(moment), tick=False):
        municipality = seed_base()
        seed_residents(municipality)
        today = timezone.localdate()
        overdue = questions(municipality).overdue(today)
        assert overdue.count() == sum(1 for q in QUESTIONS if q.kind == "overdue")
        still_open = questions(municipality).open().filter(due_on__gte=today)
        assert still_open.count() == sum(1 for q in QUESTIONS if q.kind == "open")
