"""The live evening from the server's side: arguments ride along with the status poll (still one
query when nothing changed), a closed session stops the phones' polling, a vote on a hidden
argument is told, and results are said in plain words beside their figures."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dialogue.forms import ArgumentForm, ScoreForm
from dialogue.models import SIDE_QUESTIONS, Argument, ArgumentVote, Side, Step
from dialogue.results import compute_results, side_stats
from dialogue.views import participation

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch):
    for memory in (
        participation._code_memory,
        participation._prompts_memory,
        participation._status_memory,
        participation._results_memory,
    ):
        memory.clear()
    # Every poll looks at the cache again (a real process keeps it for a second).
    monkeypatch.setattr(participation, "RESULTS_MEMORY_SECONDS", 0)


def phone_for(session, participant) -> Client:
    phone = Client()
    phone.cookies[f"ww_deelname_{session.pk}"] = participant.token
    return phone


def poll(phone, session, version="", code=None):
    return phone.get(
        reverse("dialogue:participate", args=[code or session.join_code]),
        {"deel": "status", "v": version},
        headers=HTMX,
    )


def version_of(response) -> str:
    return re.search(r"v=([0-9a-f]+)", response.text)[1]


# --- arguments live --------------------------------------------------------------------------


def test_a_new_argument_reaches_other_phones_with_the_next_poll(
    client, live_session, make_participant
):
    live_session.move_to(Step.ARGUMENTS)
    author, reader = make_participant(live_session), make_participant(live_session)
    phone = phone_for(live_session, reader)
    first = poll(phone, live_session)
    assert poll(phone, live_session, version_of(first)).status_code == 204

    writer = phone_for(live_session, author)
    writer.post(
        reverse("dialogue:add_argument", args=[live_session.join_code]),
        {"side": "rendement", "stance": "tegen", "text": "Te duur voor huurders."},
        headers=HTMX,
    )
    changed = poll(phone, live_session, version_of(first))
    assert changed.status_code == 200
    # The list every phone sees, out of band into its place under Argumenten: no personal marks
    # and no CSRF field (the fragment is the same for every phone).
    assert '<div id="argument-list" class="ww-argument-live" hx-swap-oob="true"' in changed.text
    assert "Te duur voor huurders." in changed.text
    assert "ww-mine" not in changed.text and "csrfmiddlewaretoken" not in changed.text


def test_votes_and_hiding_change_the_version_and_the_counts(
    live_session, make_participant, lead, django_assert_num_queries
):
    live_session.move_to(Step.DISCUSS)
    voter = make_participant(live_session)
    argument = Argument.objects.create(
        session=live_session, side=Side.RETURN, stance="voor", text="Het scheelt op termijn."
    )
    phone = phone_for(live_session, voter)
    before = poll(phone, live_session)
    assert "Eens <span" in before.text and "(0)" in before.text

    voted = phone.post(
        reverse("dialogue:vote", args=[live_session.join_code, argument.pk]),
        {"agrees": "1"},
        headers=HTMX,
    )
    assert voted.status_code == 200 and 'aria-pressed="true"' in voted.text
    after_vote = poll(phone, live_session, version_of(before))
    assert after_vote.status_code == 200
    assert re.search(
        rf'id="agree-{argument.pk}"[^>]*>Eens <span class="ww-muted">\(1\)', after_vote.text
    )

    argument.hide(by=lead, reason="Persoonlijk")
    live_session.forget_results()  # as the moderation view does
    hidden = poll(phone, live_session, version_of(after_vote))
    assert hidden.status_code == 200
    assert "Het scheelt op termijn." not in hidden.text

    # Nothing changed since: still one query, arguments and all.
    participation.RESULTS_MEMORY_SECONDS = 1.0
    poll(phone, live_session, version_of(hidden))  # fills this process's memory
    with django_assert_num_queries(1):
        assert poll(phone, live_session, version_of(hidden)).status_code == 204


def test_a_vote_on_a_hidden_argument_is_told_and_not_counted(live_session, make_participant, lead):
    voter = make_participant(live_session)
    argument = Argument.objects.create(
        session=live_session, side=Side.LEGITIMACY, stance="tegen", text="Weg ermee."
    )
    argument.hide(by=lead, reason="Persoonlijk")
    phone = phone_for(live_session, voter)
    url = reverse("dialogue:vote", args=[live_session.join_code, argument.pk])
    answer = phone.post(url, {"agrees": "1"}, headers=HTMX)
    assert answer.status_code == 200
    assert "weggehaald door de gespreksleider" in answer.text
    assert "Weg ermee." not in answer.text
    assert not ArgumentVote.objects.exists()
    plain = phone.post(url, {"agrees": "1"})
    assert plain.status_code == 302
    assert "weggehaald" in phone.get(plain.url).text


# --- the session closes ----------------------------------------------------------------------


def test_a_closed_session_answers_the_poll_with_the_closing_screen_and_286(
    live_session, make_participant
):
    phone = phone_for(live_session, make_participant(live_session))
    code = live_session.join_code
    first = poll(phone, live_session)
    live_session.close()
    closed = poll(phone, live_session, version_of(first), code=code)
    assert closed.status_code == 286  # htmx stops polling on 286
    assert closed["HX-Retarget"] == "#main"
    text = closed.text
    assert "De sessie is afgelopen" in text and "Dank u wel voor het meedoen" in text
    assert reverse("residents:pulse", args=["testdal", "bloemenwijk"]) in text
    assert reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]) in text
    assert "<form" not in text


# --- validation next to the field ------------------------------------------------------------


def test_a_missing_score_is_said_at_the_first_question(live_session):
    prompts = list(live_session.prompts.all())
    form = ScoreForm({}, prompts=prompts)
    assert not form.is_valid()
    assert form.errors[f"score_{prompts[0].pk}"] == ["Kies bij minstens één vraag een score."]
    assert not form.non_field_errors()


# --- B1: sides with their plain question, figures in words ------------------------------------


def test_each_side_is_offered_with_its_plain_question(live_session):
    labels = dict(ArgumentForm().fields["side"].choices)
    assert labels[Side.LEGITIMACY] == f"Legitimiteit: {SIDE_QUESTIONS[Side.LEGITIMACY]}"
    prompt = live_session.prompts.get(side=Side.RETURN)
    help_text = str(ScoreForm(prompts=[prompt]).fields[f"score_{prompt.pk}"].help_text)
    assert help_text.startswith(f"Rendement: {SIDE_QUESTIONS[Side.RETURN]}")


@pytest.mark.parametrize(
    ("values", "most", "agreement"),
    [
        ([4, 4, 4, 5], [4], "close"),
        ([1, 5, 1, 5], [1, 5], "apart"),
        ([2, 3, 4, 3, 5, 3], [3], "some"),
    ],
)
def test_statistics_in_words(values, most, agreement):
    stats = side_stats("rendement", list(enumerate(values)))
    assert stats.most_given == most
    assert stats.agreement == agreement
    assert stats.question == SIDE_QUESTIONS[Side.RETURN]


def test_balance_in_words():
    def results(means):
        return compute_results(
            [(i, "huurder", side, value) for i, (side, value) in enumerate(means.items())]
        )

    assert results({"legitimiteit": 3, "betrokkenheid": 3, "rendement": 4}).balance_words == "even"
    assert results({"legitimiteit": 2, "betrokkenheid": 3, "rendement": 4}).balance_words == "some"
    assert (
        results({"legitimiteit": 1, "betrokkenheid": 3, "rendement": 5}).balance_words == "uneven"
    )
    assert compute_results([]).balance_words is None


def test_the_phone_and_the_public_summary_say_the_results_in_words(
    client, live_session, make_participant
):
    live_session.move_to(Step.OUTCOMES)
    live_session.set_results_revealed(True)
    prompts = list(live_session.prompts.all())
    for values in ([4, 1, 3], [4, 5, 3], [4, 3, 3]):
        make_participant(live_session).give_scores(
            [(p, v, "") for p, v in zip(prompts, values, strict=True)]
        )
    live_session.forget_results()
    text = poll(phone_for(live_session, make_participant(live_session)), live_session).text
    assert "Is het eerlijk, open en volgens de regels?" in text
    assert "De meeste mensen gaven een 4." in text
    assert "De meningen lopen uiteen" in text  # 1, 5 and 3
    assert "Wat betekent dit?" in text

    live_session.close()
    live_session.summary = "Kort verslag."
    live_session.publish()
    page = client.get(
        reverse("dialogue:summary", args=["testdal", "bloemenwijk", live_session.pk])
    ).text
    assert "De meeste mensen gaven een 4." in page
    assert "De meningen liggen dicht bij elkaar." in page
    assert "Doen de mensen in de wijk mee en voelen zij zich eigenaar?" in page


# --- before and after the conversation --------------------------------------------------------


def test_the_first_score_is_kept_and_the_shift_shows_after_the_talk(
    client, live_session, make_participant, django_assert_num_queries
):
    legitimacy, engagement, _ret = live_session.prompts.all()
    one, two = make_participant(live_session), make_participant(live_session)
    one.give_scores([(legitimacy, 2, ""), (engagement, 4, "")])
    two.give_scores([(legitimacy, 3, "")])
    # Phone two changes its mind on the one-statement path, phone one through give_scores.
    phone = phone_for(live_session, two)
    url = reverse("dialogue:score", args=[live_session.join_code])
    phone.post(url, {f"score_{legitimacy.pk}": 3}, headers=HTMX)  # this process learns the code
    with django_assert_num_queries(1):
        phone.post(url, {f"score_{legitimacy.pk}": 5}, headers=HTMX)
    one.give_scores([(legitimacy, 4, "")])
    assert sorted(
        live_session.prompts.get(pk=legitimacy.pk).scores.values_list("first_value", "value")
    ) == [(2, 4), (3, 5)]

    live_session.forget_results()
    results = live_session.results()
    assert results.sides["legitimiteit"].mean == 4.5
    [shift, unchanged] = results.shifts[:2]
    assert (shift.side, shift.before, shift.after, shift.changed) == ("legitimiteit", 2.5, 4.5, 2)
    assert (unchanged.side, unchanged.difference, unchanged.changed) == ("betrokkenheid", 0, 0)

    live_session.move_to(Step.DISCUSS)
    live_session.set_results_revealed(True)
    text = poll(phone, live_session).text
    assert "Na het gesprek" in text
    assert "Legitimiteit: hoger, van 2,5 naar 4,5." in text and "2 scores aangepast" in text
    assert "Betrokkenheid: gelijk gebleven (4,0)." in text

    live_session.close()
    live_session.summary = "Kort verslag."
    live_session.publish()
    summary = client.get(
        reverse("dialogue:summary", args=["testdal", "bloemenwijk", live_session.pk])
    ).text
    assert "Legitimiteit: hoger, van 2,5 naar 4,5." in summary


def test_no_shift_is_shown_when_nobody_changed_a_score(live_session, make_participant):
    legitimacy, *_ = live_session.prompts.all()
    make_participant(live_session).give_scores([(legitimacy, 3, "")])
    assert live_session.results().shifts == []
