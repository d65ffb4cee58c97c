"""The hot path of a live session: a vote is one statement, a status poll one query.

What must not change for speed: each vote is checked against the live session and the phone's
participation in it, a second vote updates and never duplicates, CSRF still protects the form,
the plain form still works without JavaScript, and the status tells a phone when anything it
shows has changed.
"""

import re
import threading
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from dialogue.models import DialogueSession, Participant, Score, Step
from dialogue.views import participation

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _empty_process_memories():
    """Each test starts as a fresh server process would."""
    for memory in (
        participation._code_memory,
        participation._prompts_memory,
        participation._status_memory,
        participation._results_memory,
    ):
        memory.clear()


def phone_for(session: DialogueSession, participant: Participant, **kwargs) -> Client:
    phone = Client(**kwargs)
    phone.cookies[f"ww_deelname_{session.pk}"] = participant.token
    return phone


def scores(session, *values, reason=""):
    data = {}
    for prompt, value in zip(session.prompts.all(), values, strict=False):
        data[f"score_{prompt.pk}"] = value
        data[f"reason_{prompt.pk}"] = reason
    return data


def stored(participant) -> dict[int, tuple[int, str]]:
    return {s.prompt_id: (s.value, s.reason) for s in Score.objects.filter(participant=participant)}


def vote(phone, session, *values, reason="", code=None, htmx=True, data=None):
    return phone.post(
        reverse("dialogue:score", args=[code or session.join_code]),
        data or scores(session, *values, reason=reason),
        headers=HTMX if htmx else {},
    )


def test_a_vote_stores_and_a_second_vote_updates_without_duplicates(
    live_session, make_participant, django_assert_num_queries
):
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident)
    first = vote(phone, live_session, 2, 3, 4, reason="eerst")  # looks the session up
    assert first.status_code == 200
    # The next vote of any phone in this process: one statement, check and upsert together.
    data = scores(live_session, 5, 1, "", reason="later")
    with django_assert_num_queries(1):
        second = vote(phone, live_session, data=data)
    assert second.status_code == 200
    assert second.text == (
        '<p class="utrecht-alert utrecht-alert--ok">'
        "Uw scores zijn opgeslagen. U kunt ze nog aanpassen.</p>"
    )
    prompts = list(live_session.prompts.all())
    # A prompt left empty keeps its earlier score, as before.
    assert stored(resident) == {
        prompts[0].pk: (5, "later"),
        prompts[1].pk: (1, "later"),
        prompts[2].pk: (4, "eerst"),
    }
    assert Score.objects.count() == 3


def test_every_phone_after_the_first_takes_the_one_statement_path(
    live_session, make_participant, django_assert_num_queries
):
    vote(phone_for(live_session, make_participant(live_session)), live_session, 3, 3, 3)
    others = [make_participant(live_session) for _ in range(3)]
    for i, other in enumerate(others):
        data = scores(live_session, 1 + i, 2, 3)
        with django_assert_num_queries(1):
            response = vote(phone_for(live_session, other), live_session, data=data)
        assert response.status_code == 200
    assert [stored(o)[live_session.prompts.first().pk][0] for o in others] == [1, 2, 3]
    assert Score.objects.count() == 12


def test_the_plain_form_still_redirects_with_the_message(live_session, make_participant):
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident)
    for _ in range(2):  # the first looks the session up, the second is the one statement
        response = vote(phone, live_session, 4, 4, 4, htmx=False)
        assert response.status_code == 302
        assert response.url == (
            reverse("dialogue:participate", args=[live_session.join_code]) + "#scores"
        )
        page = phone.get(response.url)
        assert "Uw scores zijn opgeslagen" in page.text
    assert len(stored(resident)) == 3


def test_a_phone_that_is_no_participant_cannot_vote(live_session, make_participant):
    vote(phone_for(live_session, make_participant(live_session)), live_session, 3, 3, 3)
    stranger = Client()
    stranger.cookies[f"ww_deelname_{live_session.pk}"] = Participant.new_token()
    response = vote(stranger, live_session, 5, 5, 5)
    assert response.status_code == 302
    assert response.url == reverse("dialogue:join_code", args=[live_session.join_code])
    without_cookie = vote(Client(), live_session, 5, 5, 5)
    assert without_cookie.url == reverse("dialogue:join_code", args=[live_session.join_code])
    assert Score.objects.count() == 3


def test_a_participant_of_another_session_cannot_vote_here(
    live_session, make_session, make_participant
):
    other = make_session()
    other.open_live()
    outsider = make_participant(other)
    vote(phone_for(live_session, make_participant(live_session)), live_session, 3, 3, 3)
    phone = phone_for(other, outsider)
    response = vote(phone, live_session, 5, 5, 5)
    assert response.status_code == 302
    assert response.url == reverse("dialogue:join_code", args=[live_session.join_code])
    assert not stored(outsider)


def test_a_removed_participant_can_no_longer_vote_or_poll(live_session, make_participant):
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident)
    vote(phone, live_session, 3, 3, 3)
    resident.delete()
    assert not Score.objects.exists()
    response = vote(phone, live_session, 5, 5, 5)
    assert response.url == reverse("dialogue:join_code", args=[live_session.join_code])
    poll = phone.get(
        reverse("dialogue:participate", args=[live_session.join_code]),
        {"deel": "status"},
        headers=HTMX,
    )
    assert poll.status_code == 302
    assert not Score.objects.exists()


def test_after_the_session_closes_votes_and_polls_get_the_end_page(live_session, make_participant):
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident)
    code = live_session.join_code
    vote(phone, live_session, 3, 3, 3)
    live_session.close()
    response = vote(phone, live_session, 5, 5, 5, code=code)
    # HTMX: the closing screen in place of the page, and 286, which stops htmx's polling.
    assert response.status_code == 286
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#main", "innerHTML")
    assert "De sessie is afgelopen" in response.text
    assert set(stored(resident).values()) == {(3, "")}
    poll = phone.get(reverse("dialogue:participate", args=[code]), {"deel": "status"}, headers=HTMX)
    assert poll.status_code == 286
    assert "De sessie is afgelopen" in poll.text
    # A plain form post (no JavaScript) gets the closing page.
    assert vote(phone, live_session, 5, 5, 5, code=code, htmx=False).status_code == 410


def test_a_code_used_again_by_a_new_session_gets_that_sessions_prompts(
    live_session, make_session, make_participant
):
    code = live_session.join_code
    vote(phone_for(live_session, make_participant(live_session)), live_session, 3, 3, 3)
    live_session.close()  # this process still remembers the old session's prompts for the code
    new = make_session()
    new.open_live()
    DialogueSession.objects.filter(pk=new.pk).update(join_code=code)
    new.refresh_from_db()
    resident = make_participant(new)
    phone = phone_for(new, resident)
    # The old session's prompts under this code store nothing …
    old_prompts = {f"score_{p.pk}": 5 for p in live_session.prompts.all()}
    refused = phone.post(reverse("dialogue:score", args=[code]), old_prompts, headers=HTMX)
    assert refused.status_code == 422
    assert not stored(resident)
    # … and the new session's are stored.
    assert vote(phone, new, 2, 2, 2).status_code == 200
    assert set(stored(resident)) == {p.pk for p in new.prompts.all()}
    assert Score.objects.filter(prompt__session=live_session, value=5).count() == 0


def test_scores_outside_one_to_five_are_refused_on_the_fast_path_too(
    live_session, make_participant
):
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident)
    vote(phone, live_session, 3, 3, 3)
    response = vote(phone, live_session, 9, 3, 3)
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#scores"
    assert set(stored(resident).values()) == {(3, "")}


def test_csrf_still_protects_the_vote(live_session, make_participant):
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident, enforce_csrf_checks=True)
    page = phone.get(reverse("dialogue:participate", args=[live_session.join_code]))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    with_token = {**scores(live_session, 2, 2, 2), "csrfmiddlewaretoken": token}
    url = reverse("dialogue:score", args=[live_session.join_code])
    assert phone.post(url, with_token, headers=HTMX).status_code == 200
    without = phone.post(url, scores(live_session, 5, 5, 5), headers=HTMX)  # fast path now
    assert without.status_code == 403
    assert set(stored(resident).values()) == {(2, "")}


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_votes_on_the_one_statement_path_give_one_row(live_server, make_session):
    session = make_session()
    session.open_live()
    participant = Participant.objects.create(session=session, token=Participant.new_token())
    prompt = session.prompts.first()
    cookie = f"ww_deelname_{session.pk}={participant.token}"
    page = urllib.request.Request(
        live_server.url + reverse("dialogue:participate", args=[session.join_code])
    )
    page.add_header("Cookie", cookie)
    with urllib.request.urlopen(page, timeout=30) as response:  # noqa: S310
        csrf_cookie = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"])[1]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())[
            1
        ]
    cookie += f"; csrftoken={csrf_cookie}"
    url = live_server.url + reverse("dialogue:score", args=[session.join_code])
    body = f"score_{prompt.pk}=4&reason_{prompt.pk}=zelfde&csrfmiddlewaretoken={token}".encode()

    def send() -> int:
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Cookie", cookie)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("HX-Request", "true")
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status

    assert send() == 200  # the server process now knows the prompts for this code
    assert session.join_code in participation._code_memory
    Score.objects.all().delete()
    statuses = []
    start = threading.Barrier(20)

    def post():
        start.wait()
        statuses.append(send())

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 20
    assert list(Score.objects.filter(participant=participant).values_list("value", "reason")) == [
        (4, "zelfde")
    ]


# -- The status poll ---------------------------------------------------------------------------


def poll(phone, session, version=""):
    return phone.get(
        reverse("dialogue:participate", args=[session.join_code]),
        {"deel": "status", "v": version},
        headers=HTMX,
    )


def version_of(response) -> str:
    return re.search(r"v=([0-9a-f]+)", response.text)[1]


def test_a_poll_is_one_query_and_the_fragment_is_rendered_once_per_version(
    live_session, make_participant, django_assert_num_queries, monkeypatch
):
    live_session.set_results_revealed(True)
    phones = [phone_for(live_session, make_participant(live_session)) for _ in range(3)]
    rendered = []
    render = participation.render_to_string
    monkeypatch.setattr(
        participation,
        "render_to_string",
        lambda name, *args, **kwargs: rendered.append(name) or render(name, *args, **kwargs),
    )
    first = poll(phones[0], live_session)
    with django_assert_num_queries(1):  # the participation with its session
        answers = [poll(phone, live_session) for phone in phones[1:2]]
    answers += [poll(phones[2], live_session)]
    assert {a.text for a in answers} == {first.text}
    assert rendered == ["dialogue/participate.html#status"]
    assert "Nu: Welkom" in first.text and "<html" not in first.text
    with django_assert_num_queries(1):
        assert poll(phones[0], live_session, version_of(first)).status_code == 204


def test_the_fragment_is_kept_per_language(live_session, make_participant):
    dutch = phone_for(live_session, make_participant(live_session))
    english = phone_for(live_session, make_participant(live_session))
    english.cookies["django_language"] = "en"
    assert "Vertel ons kort wie u bent" in poll(dutch, live_session).text
    assert "Vertel ons kort wie u bent" not in poll(english, live_session).text


def test_the_version_changes_when_any_figure_shown_changes(
    live_session, make_participant, monkeypatch
):
    """Scores 1 and 5 or 3 and 3: the same mean and count, another spread and distribution."""
    monkeypatch.setattr(participation, "RESULTS_MEMORY_SECONDS", 0)
    live_session.move_to(Step.SCORE)
    live_session.set_results_revealed(True)
    prompt = live_session.prompts.first()
    one, two = make_participant(live_session), make_participant(live_session)
    one.give_scores([(prompt, 1, "")])
    two.give_scores([(prompt, 5, "")])
    phone = phone_for(live_session, one)
    before = poll(phone, live_session)
    one.give_scores([(prompt, 3, "")])
    two.give_scores([(prompt, 3, "")])
    live_session.forget_results()
    after = poll(phone, live_session, version_of(before))
    assert after.status_code == 200
    assert version_of(after) != version_of(before)
    assert "3: 2" in after.text and "5: 1" in before.text


def test_a_step_change_reaches_the_phone_at_its_next_poll(live_session, make_participant):
    phone = phone_for(live_session, make_participant(live_session))
    first = poll(phone, live_session)
    assert poll(phone, live_session, version_of(first)).status_code == 204
    live_session.move_to(Step.ARGUMENTS)
    changed = poll(phone, live_session, version_of(first))
    assert changed.status_code == 200
    assert "Nu: Argumenten" in changed.text


def test_results_a_poll_shows_are_at_most_a_second_older_than_the_cache(
    live_session, make_participant, monkeypatch
):
    live_session.move_to(Step.SCORE)
    live_session.set_results_revealed(True)
    prompt = live_session.prompts.first()
    resident = make_participant(live_session)
    phone = phone_for(live_session, resident)
    clock = [1000.0]
    monkeypatch.setattr(participation.time, "monotonic", lambda: clock[0])
    first = poll(phone, live_session)
    assert "Er zijn nog geen scores" in first.text
    resident.give_scores([(prompt, 4, "")])
    live_session.forget_results()
    clock[0] += participation.RESULTS_MEMORY_SECONDS / 2
    assert poll(phone, live_session, version_of(first)).status_code == 204
    clock[0] += participation.RESULTS_MEMORY_SECONDS / 2
    later = poll(phone, live_session, version_of(first))
    assert later.status_code == 200
    assert "Scores van 1 deelnemer" in later.text
