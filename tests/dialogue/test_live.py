"""A live session from the phones' side and the lead's: join, score, argue, vote, moderate."""

import re

import pytest
from django.urls import reverse

from dialogue.models import Argument, ArgumentVote, DialogueSession, Participant, Score, Step
from dialogue.views.participation import WRONG_CODES_PER_BROWSER
from tests.factories import NeighbourhoodFactory


def join(client, code, ip="203.0.113.5"):
    return client.post(reverse("dialogue:join"), {"code": code}, REMOTE_ADDR=ip)


def score_data(session, *values, reason=""):
    data = {}
    for prompt, value in zip(session.prompts.all(), values, strict=False):
        data[f"score_{prompt.pk}"] = value
        data[f"reason_{prompt.pk}"] = reason
    return data


def test_going_live_gives_a_six_digit_code(live_session):
    assert re.fullmatch(r"\d{6}", live_session.join_code)
    assert live_session.status == DialogueSession.Status.LIVE


def test_joining_sets_an_httponly_cookie_and_opens_the_phone_page(client, live_session):
    response = join(client, live_session.join_code)
    assert response.status_code == 302
    cookie = response.cookies[f"ww_deelname_{live_session.pk}"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert len(cookie.value) >= 43  # 256 random bits
    page = client.get(response.url)
    assert "Uw scores" in page.text
    assert Participant.objects.get().token == cookie.value


def test_coming_back_on_the_same_phone_keeps_the_participation(client, live_session):
    join(client, live_session.join_code)
    join(client, live_session.join_code)
    assert Participant.objects.count() == 1


def test_code_with_spaces_is_accepted(client, live_session):
    code = live_session.join_code
    assert join(client, f"{code[:3]} {code[3:]}").status_code == 302


def test_wrong_code_gets_a_clear_message(client, live_session):
    response = join(client, "000000" if live_session.join_code != "000000" else "111111")
    assert response.status_code == 200
    assert "hoort niet bij een sessie die nu bezig is" in response.text


def test_code_of_a_closed_session_no_longer_works(client, live_session):
    code = live_session.join_code
    live_session.close()
    assert "hoort niet bij een sessie" in join(client, code).text
    assert client.get(reverse("dialogue:join_code", args=[code])).status_code == 404


def test_guessing_codes_is_limited_per_browser(client, live_session):
    client.get(reverse("dialogue:join"))  # the CSRF cookie identifies the browser
    wrong = "000000" if live_session.join_code != "000000" else "111111"
    for _ in range(WRONG_CODES_PER_BROWSER):
        assert join(client, wrong).status_code == 200
    response = join(client, live_session.join_code)
    assert response.status_code == 429
    assert "te vaak een verkeerde code" in response.text


def test_three_hundred_phones_behind_one_address_all_get_in(
    live_session, django_assert_max_num_queries
):
    from django.test import Client

    for i in range(300):
        phone = Client()
        phone.get(reverse("dialogue:join"))
        if i % 10 == 0:  # some mistype first
            join(
                phone,
                "999999" if live_session.join_code != "999999" else "888888",
                ip="198.51.100.1",
            )
        assert join(phone, live_session.join_code, ip="198.51.100.1").status_code == 302
    assert Participant.objects.count() == 300


def test_scoring_again_updates_and_never_duplicates(client, live_session):
    join(client, live_session.join_code)
    url = reverse("dialogue:score", args=[live_session.join_code])
    client.post(url, score_data(live_session, 2, 3, 4))
    client.post(url, score_data(live_session, 5, 5, 5, reason="Beter uitgelegd"))
    assert Score.objects.count() == 3
    assert set(Score.objects.values_list("value", flat=True)) == {5}
    assert live_session.results().sides["legitimiteit"].mean == 5.0


def test_score_without_any_value_is_refused_and_keeps_the_reasons(client, live_session):
    join(client, live_session.join_code)
    data = score_data(live_session, "", "", "", reason="Mijn uitleg")
    response = client.post(reverse("dialogue:score", args=[live_session.join_code]), data)
    assert response.status_code == 422
    assert "Kies bij minstens één vraag een score" in response.text
    assert "Mijn uitleg" in response.text
    assert Score.objects.count() == 0


def test_score_outside_one_to_five_is_refused(client, live_session):
    join(client, live_session.join_code)
    response = client.post(
        reverse("dialogue:score", args=[live_session.join_code]), score_data(live_session, 7)
    )
    assert response.status_code == 422
    assert Score.objects.count() == 0


def test_htmx_score_answers_only_the_confirmation(client, live_session):
    join(client, live_session.join_code)
    response = client.post(
        reverse("dialogue:score", args=[live_session.join_code]),
        score_data(live_session, 3, 3, 3),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "Uw scores zijn opgeslagen" in response.text
    assert "<form" not in response.text  # the phone's form already shows the choices


def test_htmx_score_errors_replace_the_whole_section(client, live_session):
    join(client, live_session.join_code)
    response = client.post(
        reverse("dialogue:score", args=[live_session.join_code]),
        score_data(live_session, "", "", "", reason="Mijn uitleg"),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#scores"
    assert response.text.lstrip().startswith('<section id="scores"')
    assert "Mijn uitleg" in response.text


def test_argument_and_votes(client, live_session, make_participant):
    other = make_participant(live_session)
    argument = Argument.objects.create(
        session=live_session, participant=other, side="rendement", stance="tegen", text="Te duur"
    )
    join(client, live_session.join_code)
    client.post(
        reverse("dialogue:add_argument", args=[live_session.join_code]),
        {"side": "legitimiteit", "stance": "voor", "text": "Open proces"},
    )
    vote_url = reverse("dialogue:vote", args=[live_session.join_code, argument.pk])
    client.post(vote_url, {"agrees": "1"})
    client.post(vote_url, {"agrees": "0"})
    assert Argument.objects.filter(text="Open proces", side="legitimiteit").exists()
    vote = ArgumentVote.objects.get()
    assert vote.agrees is False


def test_argument_errors_keep_the_text(client, live_session):
    join(client, live_session.join_code)
    response = client.post(
        reverse("dialogue:add_argument", args=[live_session.join_code]), {"text": "Mijn punt"}
    )
    assert response.status_code == 422
    assert "Mijn punt" in response.text


def test_phone_without_the_cookie_is_sent_to_join(client, live_session):
    response = client.get(reverse("dialogue:participate", args=[live_session.join_code]))
    assert response.url == reverse("dialogue:join_code", args=[live_session.join_code])


def test_phone_sees_results_only_when_the_lead_reveals_them(client, live_session):
    join(client, live_session.join_code)
    client.post(
        reverse("dialogue:score", args=[live_session.join_code]), score_data(live_session, 4, 4, 4)
    )
    status_url = reverse("dialogue:participate", args=[live_session.join_code]) + "?deel=status"
    assert "Wat de groep vindt" not in client.get(status_url, headers={"HX-Request": "true"}).text
    live_session.set_results_revealed(True)
    response = client.get(status_url, headers={"HX-Request": "true"})
    assert "Wat de groep vindt" in response.text
    assert "<html" not in response.text


def test_lead_moves_steps_and_reveals(client, lead, live_session):
    client.force_login(lead)
    url = reverse("dialogue:control_step", args=["testdal", live_session.pk])
    client.post(url, {"step": Step.ARGUMENTS})
    client.post(url, {"reveal": "1"})
    live_session.refresh_from_db()
    assert live_session.current_step == Step.ARGUMENTS
    assert live_session.results_revealed


def test_lead_hides_an_argument_with_a_reason_and_it_is_kept(client, lead, live_session):
    argument = Argument.objects.create(
        session=live_session, side="rendement", stance="tegen", text="Iets kwetsends"
    )
    client.force_login(lead)
    url = reverse("dialogue:moderate", args=["testdal", live_session.pk, argument.pk])
    response = client.post(url, {"action": "hide", "reason": ""})
    argument.refresh_from_db()
    assert not argument.hidden  # a reason is required
    client.post(url, {"action": "hide", "reason": "Kwetsend"})
    argument.refresh_from_db()
    assert argument.hidden and argument.hidden_reason == "Kwetsend" and argument.hidden_by == lead
    assert response.status_code == 302


def test_hidden_arguments_are_not_shown_to_phones(client, live_session):
    Argument.objects.create(
        session=live_session, side="rendement", stance="tegen", text="Verborgen tekst", hidden=True
    )
    join(client, live_session.join_code)
    page = client.get(reverse("dialogue:participate", args=[live_session.join_code]))
    assert "Verborgen tekst" not in page.text


def test_presenter_fragment_runs_the_same_queries_for_5_and_50_votes(
    client, lead, live_session, make_participant, django_assert_num_queries
):
    client.force_login(lead)
    live_session.set_results_revealed(True)
    prompts = list(live_session.prompts.all())
    url = reverse("dialogue:presenter", args=["testdal", live_session.pk])

    def add(n):
        for i in range(n):
            p = make_participant(live_session, group="huurder")
            p.give_scores([(prompt, 1 + i % 5, "") for prompt in prompts])
            Argument.objects.create(
                session=live_session, participant=p, side="rendement", stance="voor", text=f"A{i}"
            )

    add(5)
    client.get(url, headers={"HX-Request": "true"})  # fill the results cache as polling does
    # session, membership (+ session and user for the login) then count, arguments
    with django_assert_num_queries(6) as small:
        client.get(url, headers={"HX-Request": "true"})
    add(45)
    client.get(url, headers={"HX-Request": "true"})
    with django_assert_num_queries(6):
        response = client.get(url, headers={"HX-Request": "true"})
    assert "50 deelnemers" in response.text
    assert len(small) == 6


def test_presenter_shows_code_and_qr(client, lead, live_session):
    client.force_login(lead)
    response = client.get(reverse("dialogue:presenter", args=["testdal", live_session.pk]))
    assert live_session.join_code in response.text
    assert "<svg" in response.text


def test_lead_of_another_neighbourhood_cannot_run_this_session(client, municipality, live_session):
    from tests.factories import MembershipFactory, UserFactory
    from wup.models import Role

    user = UserFactory()
    membership = MembershipFactory(
        user=user, municipality=municipality, role=Role.PROJECT_LEAD, limited_to_neighbourhoods=True
    )
    membership.neighbourhoods.add(NeighbourhoodFactory(municipality=municipality))
    client.force_login(user)
    url = reverse("dialogue:control_step", args=["testdal", live_session.pk])
    assert client.post(url, {"step": Step.CLOSE}).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_identical_votes_give_one_row(live_server, make_session):
    import threading
    import urllib.request

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
    url = live_server.url + reverse("dialogue:score", args=[session.join_code])
    body = f"score_{prompt.pk}=4&reason_{prompt.pk}=zelfde&csrfmiddlewaretoken={token}".encode()
    statuses = []
    start = threading.Barrier(20)

    def post():
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Cookie", f"{cookie}; csrftoken={csrf_cookie}")
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("HX-Request", "true")
        start.wait()
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            statuses.append(response.status)

    threads = [threading.Thread(target=post) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [200] * 20
    assert Score.objects.filter(participant=participant, prompt=prompt).count() == 1


def test_status_poll_answers_204_when_nothing_changed(
    client, live_session, django_assert_max_num_queries
):
    join(client, live_session.join_code)
    url = reverse("dialogue:participate", args=[live_session.join_code])
    first = client.get(url, {"deel": "status"}, headers={"HX-Request": "true"})
    version = re.search(r"v=([0-9a-f]+)", first.text)[1]
    with django_assert_max_num_queries(2):  # the session and the phone's participation
        again = client.get(url, {"deel": "status", "v": version}, headers={"HX-Request": "true"})
    assert again.status_code == 204
    live_session.move_to(Step.SCORE)
    changed = client.get(url, {"deel": "status", "v": version}, headers={"HX-Request": "true"})
    assert changed.status_code == 200
    assert "Nu: Scores geven" in changed.text
