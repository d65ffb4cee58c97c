"""Residents ask questions without an account; project leads answer within two working days."""

import datetime
import logging
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import signing
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from residents.forms.questions import CONSENT_VERSION
from residents.questions import public_answers, purge_question_details
from tests.factories import MembershipFactory, NeighbourhoodFactory, UserFactory
from wup.antispam import SIGNER_SALT
from wup.models import AuditEntry, ConsentPurpose, ConsentRecord, Question, Role

AMS = ZoneInfo("Europe/Amsterdam")
ASKER = "bewoner.jansen@example.net"
# Friday 3 April 2026, 20:00: Good Friday is a working day; Easter Monday is not.
FRIDAY_EVENING = datetime.datetime(2026, 4, 3, 20, 0, tzinfo=AMS)


def ask_url(municipality="testdal", neighbourhood="bloemenwijk"):
    return reverse("residents:question_ask", args=[municipality, neighbourhood])


def form_data(**changes):
    data = {
        "name": "Piet Jansen",
        "email": ASKER,
        "text": "Wanneer wordt onze straat opengebroken?",
        "consent": "on",
        "started": signing.dumps(time.time() - 10, salt=SIGNER_SALT),
        "website": "",
    }
    data.update(changes)
    return data


def make_question(neighbourhood, **fields):
    defaults = {
        "asker_name": "Piet Jansen",
        "asker_email": ASKER,
        "text": "Hoe zit het met de kosten?",
        "due_on": datetime.date(2026, 4, 8),
    }
    return Question.objects.create(neighbourhood=neighbourhood, **{**defaults, **fields})


@pytest.fixture
def limited_lead(municipality):
    """A project lead limited to another neighbourhood of the same municipality."""
    other = NeighbourhoodFactory(municipality=municipality, name="Elders", slug="elders-wijk")
    user = UserFactory(username="beperkt")
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(other)
    return user


# --- Asking ---------------------------------------------------------------------------------


def test_the_ask_form_has_an_unchecked_consent_box_and_a_hidden_honeypot(client, neighbourhood):
    response = client.get(ask_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="consent"' in html
    assert "checked" not in html.split('name="consent"')[1].split(">")[0]
    assert "Het adres gebruiken we nergens anders voor" in html
    assert 'class="ww-honeypot" aria-hidden="true"' in html
    assert html.count('name="website"') == 1  # not a second, visible copy from crispy


def test_a_question_on_friday_evening_is_due_on_wednesday_after_easter(
    client, neighbourhood, lead, limited_lead, mailoutbox, django_capture_on_commit_callbacks
):
    with time_machine.travel(FRIDAY_EVENING, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(ask_url(), form_data())

    question = Question.objects.get()
    assert question.due_on == datetime.date(2026, 4, 8)
    assert question.asker_email == ASKER and question.asker_name == "Piet Jansen"
    consent = question.consent
    assert consent.purpose == ConsentPurpose.QUESTION
    assert consent.text_version == CONSENT_VERSION
    assert consent.channel == "web" and consent.email == ASKER
    assert "nergens anders voor" in consent.text
    assert response.status_code == 302
    assert ASKER not in response.url and "Jansen" not in response.url

    thanks = client.get(response.url)
    assert "woensdag 8 april 2026" in thanks.content.decode()

    to_lead, receipt = mailoutbox
    assert to_lead.to == ["projectleider@example.org"]  # not the lead of another neighbourhood
    assert "Wanneer wordt onze straat opengebroken?" in to_lead.body
    assert "woensdag 8 april 2026" in to_lead.body
    assert reverse("residents:bo_question_answer", args=["testdal", question.pk]) in to_lead.body
    assert ASKER not in to_lead.body + to_lead.subject
    assert "Jansen" not in to_lead.body + to_lead.subject
    assert receipt.to == [ASKER]
    assert "woensdag 8 april 2026" in receipt.body
    assert "Beste Piet Jansen" in receipt.body


def test_the_due_date_follows_the_day_in_amsterdam_not_in_utc(client, neighbourhood):
    # Monday 00:30 in Amsterdam is still Sunday in UTC.
    with time_machine.travel(datetime.datetime(2026, 11, 9, 0, 30, tzinfo=AMS), tick=False):
        client.post(ask_url(), form_data())
    assert Question.objects.get().due_on == datetime.date(2026, 11, 11)


def test_without_a_lead_the_admins_are_told(
    client, neighbourhood, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(), form_data())
    assert [m.to for m in mailoutbox] == [["beheerder@example.org"], [ASKER]]


def test_without_consent_nothing_is_stored_and_the_text_stays(client, neighbourhood, mailoutbox):
    response = client.post(ask_url(), form_data(consent=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zonder uw toestemming kunnen we u geen antwoord sturen." in html
    assert "Wanneer wordt onze straat opengebroken?" in html
    assert not Question.objects.exists() and not ConsentRecord.objects.exists()
    assert mailoutbox == []


def test_a_form_sent_too_fast_is_refused_and_keeps_the_text(client, neighbourhood):
    started = signing.dumps(time.time(), salt=SIGNER_SALT)
    response = client.post(ask_url(), form_data(started=started))
    assert "Dat ging wel erg snel" in response.content.decode()
    assert "Wanneer wordt onze straat opengebroken?" in response.content.decode()
    assert not Question.objects.exists()


def test_a_filled_honeypot_stores_nothing(client, neighbourhood):
    response = client.post(ask_url(), form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_the_sixth_question_in_an_hour_from_one_address_gets_429_and_keeps_the_text(
    client, neighbourhood
):
    for _ in range(5):
        assert client.post(ask_url(), form_data()).status_code == 302
    response = client.post(ask_url(), form_data(text="Mijn zesde vraag"))
    html = response.content.decode()
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in html
    assert "Mijn zesde vraag" in html
    assert Question.objects.count() == 5
    # Someone else behind the same address can still ask.
    assert client.post(ask_url(), form_data(email="buurvrouw@example.net")).status_code == 302


def test_an_unknown_neighbourhood_is_404(client, neighbourhood):
    assert client.get(ask_url(neighbourhood="bestaat-niet")).status_code == 404


def test_the_thanks_page_without_a_date_says_two_working_days(client, neighbourhood):
    response = client.get(reverse("residents:question_thanks", args=["testdal", "bloemenwijk"]))
    assert "binnen twee werkdagen" in response.content.decode()


def test_no_address_or_name_of_the_asker_reaches_the_logs(
    client, neighbourhood, lead, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(), form_data())
        client.force_login(lead)
        question = Question.objects.get()
        client.post(
            reverse("residents:bo_question_answer", args=["testdal", question.pk]),
            {"answer": "In het voorjaar."},
        )
    assert ASKER not in caplog.text and "Jansen" not in caplog.text


# --- The inbox ------------------------------------------------------------------------------


def test_the_inbox_shows_open_questions_first_and_marks_overdue_ones(client, neighbourhood, lead):
    make_question(
        neighbourhood,
        text="Al beantwoord",
        due_on=datetime.date(2026, 3, 1),
        answer="Ja",
        answered_at=datetime.datetime(2026, 3, 1, tzinfo=AMS),
    )
    make_question(neighbourhood, text="Nog even tijd", due_on=datetime.date(2026, 11, 12))
    make_question(neighbourhood, text="Te laat beantwoord", due_on=datetime.date(2026, 11, 5))
    client.force_login(lead)
    with time_machine.travel(datetime.datetime(2026, 11, 10, 9, 0, tzinfo=AMS), tick=False):
        response = client.get(reverse("residents:bo_questions", args=["testdal"]))
    html = response.content.decode()
    assert response.status_code == 200
    late, fine, done = (
        html.index(t) for t in ("Te laat beantwoord", "Nog even tijd", "Al beantwoord")
    )
    assert late < fine < done
    assert html.count("ww-badge--error") == 1  # only the overdue one
    assert "12 Nov 2026" in html
    assert ASKER not in html and "Piet Jansen" not in html


def test_a_lead_limited_to_other_neighbourhoods_sees_only_theirs(
    client, municipality, neighbourhood, limited_lead
):
    make_question(neighbourhood, text="Vraag uit Bloemenwijk")
    elders = municipality.neighbourhoods.get(slug="elders-wijk")
    make_question(elders, text="Vraag uit Elders")
    client.force_login(limited_lead)
    html = client.get(reverse("residents:bo_questions", args=["testdal"])).content.decode()
    assert "Vraag uit Elders" in html
    assert "Vraag uit Bloemenwijk" not in html


def test_partners_may_not_read_questions_and_outsiders_do_not_find_them(
    client, neighbourhood, partner, outsider
):
    question = make_question(neighbourhood)
    client.force_login(partner)
    assert client.get(reverse("residents:bo_questions", args=["testdal"])).status_code == 403
    detail = reverse("residents:bo_question_answer", args=["testdal", question.pk])
    assert client.get(detail).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("residents:bo_questions", args=["testdal"])).status_code == 404
    assert client.get(detail).status_code == 404
    # Nor through their own municipality's address.
    assert (
        client.get(
            reverse("residents:bo_question_answer", args=["elders", question.pk])
        ).status_code
        == 404
    )


@pytest.mark.parametrize("count", [3, 30])
def test_the_inbox_takes_the_same_number_of_queries_at_any_size(
    client, municipality, neighbourhood, limited_lead, count, django_assert_num_queries
):
    elders = municipality.neighbourhoods.get(slug="elders-wijk")
    for i in range(count):
        make_question(elders if i % 2 else neighbourhood, text=f"Vraag {i}")
    client.force_login(limited_lead)
    # session, user, membership, count, page
    with django_assert_num_queries(5):
        response = client.get(reverse("residents:bo_questions", args=["testdal"]))
    assert response.status_code == 200


# --- Answering ------------------------------------------------------------------------------


def test_the_lead_answers_and_the_asker_gets_the_answer_by_mail(
    client, neighbourhood, lead, mailoutbox, django_capture_on_commit_callbacks
):
    question = make_question(neighbourhood)
    client.force_login(lead)
    url = reverse("residents:bo_question_answer", args=["testdal", question.pk])
    assert "Piet Jansen" in client.get(url).content.decode()  # to greet the asker
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"answer": "De kosten zijn voor de gemeente."})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answered_at is not None
    assert question.answered_by == lead
    assert question.published is False
    (mail,) = mailoutbox
    assert mail.to == [ASKER]
    assert "De kosten zijn voor de gemeente." in mail.body
    assert "Hoe zit het met de kosten?" in mail.body
    entry = AuditEntry.objects.get(action="answer")
    assert entry.actor == lead and entry.object_id == str(question.pk)
    assert ASKER not in str(entry.changes) + entry.object_repr

    # Changing it later publishes it, but sends no second mail.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "answer": "De kosten zijn voor de gemeente.",
                "published": "on",
                "public_text": "Wie betaalt de kosten?",
            },
        )
    assert len(mailoutbox) == 1
    assert AuditEntry.objects.filter(action="update").count() == 1
    assert public_answers(neighbourhood)[0].question == "Wie betaalt de kosten?"


def test_publishing_needs_the_public_wording(client, neighbourhood, lead, mailoutbox):
    question = make_question(neighbourhood)
    client.force_login(lead)
    response = client.post(
        reverse("residents:bo_question_answer", args=["testdal", question.pk]),
        {"answer": "Mijn antwoord", "published": "on", "public_text": ""},
    )
    assert response.status_code == 200
    assert "Schrijf de vraag zoals die openbaar komt" in response.content.decode()
    assert "Mijn antwoord" in response.content.decode()
    question.refresh_from_db()
    assert question.answered_at is None
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


def test_a_council_member_reads_but_cannot_answer(client, neighbourhood, council_member):
    question = make_question(neighbourhood)
    client.force_login(council_member)
    url = reverse("residents:bo_question_answer", args=["testdal", question.pk])
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoe zit het met de kosten?" in html
    assert 'name="answer"' not in html
    assert "Piet Jansen" not in html
    assert client.post(url, {"answer": "x"}).status_code == 403
    question.refresh_from_db()
    assert question.answered_at is None


def test_a_lead_of_another_neighbourhood_does_not_find_the_question(
    client, neighbourhood, limited_lead
):
    question = make_question(neighbourhood)
    client.force_login(limited_lead)
    url = reverse("residents:bo_question_answer", args=["testdal", question.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"answer": "x"}).status_code == 404


# --- The public questions and answers -------------------------------------------------------


def test_the_public_part_shows_only_published_answers_without_the_asker(neighbourhood):
    answered = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=AMS)
    make_question(
        neighbourhood,
        text="Ik ben Piet van nummer 12, wanneer komt de warmtepomp?",
        answer="In 2028.",
        answered_at=answered,
        published=True,
        public_text="Wanneer komt de warmtepomp?",
    )
    make_question(neighbourhood, answer="Niet openbaar", answered_at=answered)
    make_question(neighbourhood, published=True, public_text="Nog open")  # not answered
    answers = public_answers(neighbourhood)
    assert [(a.question, a.answer, a.answered_on) for a in answers] == [
        ("Wanneer komt de warmtepomp?", "In 2028.", datetime.date(2026, 5, 4))
    ]
    html = render_to_string(
        "residents/questions/_neighbourhood.html",
        {
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
            "questions_block": answers,
        },
    )
    assert "Wanneer komt de warmtepomp?" in html and "In 2028." in html
    assert "4 mei 2026" in html
    assert "Piet" not in html and ASKER not in html and "Niet openbaar" not in html
    assert ask_url() in html


# --- Retention ------------------------------------------------------------------------------


def test_details_are_removed_a_year_after_the_answer(neighbourhood, settings):
    with time_machine.travel(datetime.datetime(2025, 3, 1, 12, 0, tzinfo=AMS), tick=False):
        consent = ConsentRecord.objects.create(
            email=ASKER, purpose=ConsentPurpose.QUESTION, text_version="2026-11", text="t"
        )
        old = make_question(neighbourhood, consent=consent)
        old.answered_at = datetime.datetime(2025, 3, 2, 12, 0, tzinfo=AMS)
        old.save()
        recent = make_question(neighbourhood, asker_email="ander@example.net")
    recent.answered_at = datetime.datetime(2025, 3, 10, 12, 0, tzinfo=AMS)
    recent.save()

    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, 0, tzinfo=AMS), tick=False):
        call_command("purge_question_details")
        assert purge_question_details() == 0  # already done; the recent one is not due yet

    old.refresh_from_db()
    recent.refresh_from_db()
    consent.refresh_from_db()
    assert (old.asker_name, old.asker_email) == ("", "")
    assert old.details_removed_at is not None
    assert old.text and old.answer == ""  # the question itself stays for the figures
    assert consent.email == "" and consent.text_version == "2026-11"
    assert recent.asker_email == "ander@example.net" and recent.details_removed_at is None

    settings.QUESTION_RETENTION_DAYS = 30
    with time_machine.travel(datetime.datetime(2026, 3, 5, 12, 0, tzinfo=AMS), tick=False):
        assert purge_question_details() == 1
    assert not Question.objects.filter(asker_email__contains="@").exists()


def test_an_unanswered_question_loses_its_details_a_year_after_asking(neighbourhood):
    with time_machine.travel(datetime.datetime(2025, 1, 1, 12, 0, tzinfo=AMS), tick=False):
        question = make_question(neighbourhood)
    with time_machine.travel(datetime.datetime(2026, 1, 3, 12, 0, tzinfo=AMS), tick=False):
        assert purge_question_details() == 1
    question.refresh_from_db()
    assert question.asker_email == "" and question.details_removed_at is not None


def test_the_ask_form_carries_one_csrf_token(client, neighbourhood):
    html = client.get(ask_url()).content.decode()
    form = html[html.index('<form method="post" action') :]
    assert form[: form.index("</form>")].count('name="csrfmiddlewaretoken"') == 1
