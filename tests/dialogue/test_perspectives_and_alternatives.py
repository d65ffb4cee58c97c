"""Issue 10 items 5 and 7 and the lead's room: invited parties score as their party (its
perspective: overheid, markt, samenleving) with the balance between the perspectives as the
headline; a session compares two or three propositions on the same triangle; the lead sees
who comes in per minute and can lock the room."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue.models import DialogueSession, Participant, Perspective, Score
from dialogue.paper import read_csv
from dialogue.results import compute_results
from dialogue.views import participation
from dialogue.views.participation import WRONG_CODES_PER_BROWSER
from tests.factories import PartyFactory
from wup.models import AuditEntry, PartyType

HTMX = {"HX-Request": "true"}
L, E, R = "legitimiteit", "betrokkenheid", "rendement"


@pytest.fixture(autouse=True)
def _empty_process_memories():
    for memory in (
        participation._code_memory,
        participation._prompts_memory,
        participation._status_memory,
        participation._results_memory,
    ):
        memory.clear()


@pytest.fixture
def municipality_party(municipality):
    return PartyFactory(
        municipality=municipality, name="Gemeente Testdal", party_type=PartyType.MUNICIPALITY
    )


@pytest.fixture
def two_way_session(make_session, party, municipality_party):
    session = make_session(proposition_2="Iedereen een eigen warmtepomp.")
    session.invited_parties.set([party, municipality_party])
    session.open_live()
    return session


def phone_for(session, participant) -> Client:
    phone = Client()
    phone.cookies[f"ww_deelname_{session.pk}"] = participant.token
    return phone


# --- results per perspective -------------------------------------------------------------------


def rows_with_parties():
    # (participant, group, side, value, first, proposition, party name, party type)
    rows = []
    for resident in range(1, 7):  # six residents: samenleving, shown in public
        rows += [(resident, "huurder", R, 4, None, 1, None, None)]
        rows += [(resident, "huurder", L, 3, None, 1, None, None)]
    rows += [(10, "anders", R, 2, None, 1, "Gemeente Testdal", "gemeente")]
    rows += [(10, "anders", L, 3, None, 1, "Gemeente Testdal", "gemeente")]
    rows += [(11, "anders", R, 3, None, 1, "Woonstichting", "woningcorporatie")]
    return rows


def test_a_partys_representative_scores_as_the_party_and_its_perspective():
    results = compute_results(rows_with_parties())
    assert results.participants == 8
    # Residents are broken down by group; representatives are not in any resident group.
    assert results.group_sizes == {"huurder": 6}
    assert results.perspective_sizes == {"samenleving": 6, "overheid": 1, "markt": 1}
    rows = {row.key: row for row in results.perspective_rows()}
    assert rows[Perspective.GOVERNMENT].means == [3.0, None, 2.0]
    assert rows[Perspective.SOCIETY].means == [3.0, None, 4.0]
    (municipality, corporation) = results.party_rows()  # by name
    assert (municipality.name, municipality.perspective) == ("Gemeente Testdal", "Overheid")
    assert corporation.perspective == "Markt"


def test_the_headline_names_the_widest_gap_between_perspectives_in_plain_words():
    headline = compute_results(rows_with_parties()).perspective_headline()
    assert (headline.low, headline.high, headline.side) == ("overheid", "samenleving", R)
    assert headline.gap == 2.0
    assert headline.text == "De overheid scoort rendement veel lager dan de samenleving."
    assert headline.balance == 0.5


def test_perspectives_close_together_say_so():
    rows = [(1, "huurder", L, 4, None, 1, None, None), (2, "huurder", L, 5, None, 1, None, None)]
    rows += [(3, "anders", L, 4, None, 1, "Gemeente", "gemeente")]
    rows += [(4, "anders", L, 4, None, 1, "Warmte BV", "warmtebedrijf")]
    headline = compute_results(rows).perspective_headline()
    assert headline.close
    assert headline.text == "De partijen liggen dicht bij elkaar."


def test_only_residents_have_no_headline_between_perspectives():
    rows = [(i, "huurder", L, 1 + i % 5, None) for i in range(8)]
    assert compute_results(rows).perspective_headline() is None


def test_in_public_a_few_residents_are_not_shown_as_a_perspective_but_a_party_is():
    rows = [(i, "huurder", R, 4, None, 1, None, None) for i in range(3)]
    rows += [(10, "anders", R, 2, None, 1, "Gemeente Testdal", "gemeente")]
    rows += [(11, "anders", R, 4, None, 1, "Warmte BV", "warmtebedrijf")]
    results = compute_results(rows)
    assert [row.key for row in results.perspective_rows(public=True)] == ["overheid", "markt"]
    assert {row.key for row in results.perspective_rows()} == {"overheid", "markt", "samenleving"}
    assert [row.name for row in results.party_rows()] == ["Gemeente Testdal", "Warmte BV"]
    # The public headline compares the organisations only.
    assert results.public_headline.text == "De overheid scoort rendement veel lager dan de markt."


# --- the party code on the phone ----------------------------------------------------------------


def test_the_lead_sees_one_code_per_invited_party_and_the_phone_links_to_it(
    client, lead, two_way_session, party, municipality_party, make_participant
):
    client.force_login(lead)
    page = client.get(reverse("dialogue:session", args=["testdal", two_way_session.pk]))
    code = two_way_session.party_code(party)
    assert code in page.text and "Partijcodes" in page.text
    assert code != two_way_session.party_code(municipality_party)

    representative = make_participant(two_way_session)
    phone = phone_for(two_way_session, representative)
    assert (
        "Bent u hier namens een organisatie?"
        in phone.get(reverse("dialogue:participate", args=[two_way_session.join_code])).text
    )
    # Typed with spaces and in lower case, as people do.
    response = phone.post(
        reverse("dialogue:profile", args=[two_way_session.join_code]),
        {"party_code": f" {code[:4].lower()} {code[4:]} "},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "U geeft nu scores namens Woonstichting Testdal." in response.text
    assert "namens <strong>Woonstichting Testdal</strong> (Markt)" in response.text
    representative.refresh_from_db()
    assert representative.party == party
    assert representative.perspective == Perspective.MARKET


def test_a_wrong_party_code_is_said_next_to_the_field_and_counts_as_a_wrong_try(
    two_way_session, make_participant
):
    phone = phone_for(two_way_session, make_participant(two_way_session))
    phone.get(reverse("dialogue:join"))  # the CSRF cookie identifies the browser
    url = reverse("dialogue:profile", args=[two_way_session.join_code])
    for _ in range(WRONG_CODES_PER_BROWSER):
        response = phone.post(url, {"party_code": "XXXXXXXX"}, headers=HTMX)
        assert response.status_code == 422
        assert "Deze partijcode kennen we niet bij deze sessie." in response.text
    code = two_way_session.party_code(two_way_session.invited_parties.first())
    response = phone.post(url, {"party_code": code}, headers=HTMX)
    assert "te vaak een verkeerde code" in response.text
    assert Participant.objects.get().party is None


# --- two propositions on the same triangle ------------------------------------------------------


def test_the_phone_scores_each_proposition_and_a_vote_stays_one_statement(
    two_way_session, make_participant, django_assert_num_queries
):
    prompts = list(two_way_session.prompts.all())
    page = phone_for(two_way_session, make_participant(two_way_session)).get(
        reverse("dialogue:participate", args=[two_way_session.join_code])
    )
    assert "Voorstel 2" in page.text and "Iedereen een eigen warmtepomp." in page.text
    assert f'name="score_2_{prompts[0].pk}"' in page.text

    url = reverse("dialogue:score", args=[two_way_session.join_code])
    first = make_participant(two_way_session)
    phone_for(two_way_session, first).post(url, {f"score_{prompts[0].pk}": 4}, headers=HTMX)
    second = make_participant(two_way_session)
    data = {f"score_{prompts[0].pk}": 5, f"score_2_{prompts[0].pk}": 2}
    with django_assert_num_queries(1):
        response = phone_for(two_way_session, second).post(url, data, headers=HTMX)
    assert response.status_code == 200
    assert sorted(Score.objects.filter(participant=second).values_list("proposition", "value")) == [
        (1, 5),
        (2, 2),
    ]
    # Scoring again updates each proposition's score, never duplicates.
    data = {f"score_2_{prompts[0].pk}": 3}
    phone_for(two_way_session, second).post(url, data, headers=HTMX)
    assert Score.objects.filter(participant=second).count() == 2
    assert Score.objects.get(participant=second, proposition=2).value == 3


def test_results_compare_the_propositions_side_by_side_everywhere(
    client, lead, two_way_session, make_participant, party
):
    legitimacy = two_way_session.prompts.first()
    for value in (4, 5, 4, 5, 4):
        make_participant(two_way_session).give_scores(
            [(legitimacy, value, "", 1), (legitimacy, 2, "", 2)]
        )
    make_participant(two_way_session, party=party).give_scores([(legitimacy, 1, "", 1)])
    results = two_way_session.results()
    assert results.sides[L].mean == 3.83  # (4 + 5 + 4 + 5 + 4 + 1) / 6
    assert results.for_proposition(2).sides[L].mean == 2.0
    assert results.for_proposition(3).participants == 0

    client.force_login(lead)
    page = client.get(reverse("dialogue:session", args=["testdal", two_way_session.pk])).text
    assert "De voorstellen naast elkaar" in page
    assert "De markt scoort legitimiteit veel lager dan de samenleving." in page

    two_way_session.set_results_revealed(True)
    phone = phone_for(two_way_session, make_participant(two_way_session))
    status = phone.get(
        reverse("dialogue:participate", args=[two_way_session.join_code]) + "?deel=status",
        headers=HTMX,
    ).text
    assert "De voorstellen naast elkaar" in status and "Voorstel 2" in status

    two_way_session.close()
    two_way_session.summary = "Samen gekeken."
    two_way_session.save()
    two_way_session.publish()
    summary = client.get(
        reverse(
            "dialogue:summary",
            args=["testdal", two_way_session.neighbourhood.slug, two_way_session.pk],
        )
    ).text
    assert "De voorstellen naast elkaar" in summary
    assert "Woonstichting Testdal" in summary  # a party's position is shown in public


def test_existing_scores_belong_to_proposition_one(live_session, make_participant):
    legitimacy = live_session.prompts.first()
    make_participant(live_session).give_scores([(legitimacy, 3, "")])
    assert Score.objects.get().proposition == 1
    assert live_session.propositions == [(1, live_session.proposition)]
    assert live_session.results().alternatives == {}


def test_csv_with_the_voorstel_column_reads_each_proposition_and_checks_it(two_way_session):
    prompts = list(two_way_session.prompts.all())
    header = "deelnemer;groep;bron;soort;kant;vraag;score;standpunt;tekst;voorstel\r\n"
    data = header + (
        "P1;huurder;papier;score;legitimiteit;1;4;;;1\r\n"
        "P1;huurder;papier;score;legitimiteit;1;2;;;2\r\n"
        "P2;huurder;papier;score;legitimiteit;1;5;;;\r\n"
    )
    result = read_csv(data.encode(), prompts, propositions=2)
    (p1, p2) = result.entries
    assert [(s[1], s[3]) for s in p1.scores] == [(4, 1), (2, 2)]
    assert [(s[1], s[3]) for s in p2.scores] == [(5, 1)]
    with pytest.raises(Exception) as error:
        read_csv((header + "P1;huurder;papier;score;legitimiteit;1;4;;;3\r\n").encode(), prompts)
    assert "voorstel “3” bestaat niet in deze sessie" in str(error.value)


# --- the lead's room: joins per minute and the lock ---------------------------------------------


def test_the_lead_sees_joins_per_minute(client, lead, live_session, make_participant):
    for _ in range(3):
        make_participant(live_session)
    old = make_participant(live_session)
    Participant.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=4)
    )
    minutes = live_session.joins_per_minute()
    assert len(minutes) == 10
    assert minutes[-1][1] == 3 and minutes[-5][1] == 1
    client.force_login(lead)
    room = client.get(
        reverse("dialogue:control", args=["testdal", live_session.pk]) + "?deel=kamer",
        headers=HTMX,
    )
    assert "3 nieuwe deelnemers in de laatste minuut" in room.text
    assert "4 deelnemers in totaal" in room.text


def test_a_locked_room_refuses_new_phones_while_joined_phones_go_on(
    client, lead, live_session, make_participant
):
    inside = make_participant(live_session)
    client.force_login(lead)
    control_step = reverse("dialogue:control_step", args=["testdal", live_session.pk])
    client.post(control_step, {"lock": "1"})
    live_session.refresh_from_db()
    assert live_session.locked
    assert AuditEntry.objects.filter(action="lock", object_id=str(live_session.pk)).exists()

    newcomer = Client()
    for response in (
        newcomer.get(reverse("dialogue:join_code", args=[live_session.join_code])),
        newcomer.post(reverse("dialogue:join"), {"code": live_session.join_code}),
    ):
        assert response.status_code == 403
        assert "Deze sessie is gesloten voor nieuwe deelnemers" in response.text
    assert Participant.objects.count() == 1

    phone = phone_for(live_session, inside)
    prompt = live_session.prompts.first()
    response = phone.post(
        reverse("dialogue:score", args=[live_session.join_code]),
        {f"score_{prompt.pk}": 4},
        headers=HTMX,
    )
    assert response.status_code == 200 and Score.objects.count() == 1

    client.post(control_step, {"lock": "0"})
    assert AuditEntry.objects.filter(action="unlock").exists()
    assert (
        newcomer.post(reverse("dialogue:join"), {"code": live_session.join_code}).status_code == 302
    )
    assert Participant.objects.count() == 2


def test_knocking_on_a_locked_room_counts_as_a_wrong_try(live_session):
    live_session.set_locked(True)
    phone = Client()
    phone.get(reverse("dialogue:join"))
    for _ in range(WRONG_CODES_PER_BROWSER):
        phone.get(reverse("dialogue:join_code", args=[live_session.join_code]))
    response = phone.post(reverse("dialogue:join"), {"code": live_session.join_code})
    assert response.status_code == 429


def test_a_closed_session_is_not_locked_by_accident(live_session):
    assert DialogueSession.objects.get(pk=live_session.pk).locked is False


# --- paper, the plan form and the PDF -----------------------------------------------------------


def test_a_paper_form_records_scores_for_each_proposition(client, lead, make_session):
    from tests.dialogue.test_paper import entry_data

    session = make_session(
        status=DialogueSession.Status.CLOSED, proposition_2="Iedereen een eigen warmtepomp."
    )
    legitimacy = session.prompts.first()
    client.force_login(lead)
    page = client.get(reverse("dialogue:paper", args=["testdal", session.pk])).text
    assert "Voorstel 2 · Legitimiteit" in page
    data = entry_data(session) | {f"s-score_2_{legitimacy.pk}": "1"}
    response = client.post(reverse("dialogue:paper", args=["testdal", session.pk]), data)
    assert response.status_code == 302
    assert sorted(
        Score.objects.filter(prompt__session=session, prompt=legitimacy).values_list(
            "proposition", "value"
        )
    ) == [(1, 4), (2, 1)]


def test_a_third_proposition_needs_a_second(client, lead, make_session):
    from dialogue.forms import SessionForm
    from wup.models import Membership

    session = make_session()
    membership = Membership.objects.get(user=lead)
    data = {
        "title": session.title,
        "proposition": session.proposition,
        "proposition_3": "Een derde plan.",
        "starts_at": "2030-01-01T19:30",
        "location": "Buurthuis",
        "participation_level": "adviseren",
        "can_influence": "x",
        "cannot_influence": "y",
    }
    form = SessionForm(data, instance=session, membership=membership)
    assert not form.is_valid()
    assert form.errors["proposition_3"] == ["Vul eerst alternatief 1 in, dan pas alternatief 2."]


def test_the_session_report_compares_the_propositions_and_has_the_headline(
    two_way_session, make_participant, party, municipality_party
):
    from dialogue.report import session_content

    ret = two_way_session.prompts.get(side=R)
    for _ in range(5):
        make_participant(two_way_session).give_scores([(ret, 5, "", 1), (ret, 3, "", 2)])
    make_participant(two_way_session, party=municipality_party).give_scores([(ret, 1, "", 1)])
    content = session_content(two_way_session)
    assert content["headline"]["text"] == (
        "De overheid scoort rendement veel lager dan de samenleving."
    )
    assert [p["number"] for p in content["propositions"]] == [1, 2]
    assert content["compare_rows"][2] == {"label": "Rendement", "means": [4.33, 3.0]}
    assert content["parties"][0]["name"] == "Gemeente Testdal"


def test_the_session_pdf_shows_the_headline_and_the_propositions_side_by_side(
    two_way_session, make_participant, municipality_party, tmp_path
):
    from reports import pdf
    from reports.models import Report

    ret = two_way_session.prompts.get(side=R)
    for _ in range(5):
        make_participant(two_way_session).give_scores([(ret, 5, "", 1), (ret, 3, "", 2)])
    make_participant(two_way_session, party=municipality_party).give_scores([(ret, 1, "", 1)])
    report = Report(
        kind="sessie",
        neighbourhood=two_way_session.neighbourhood,
        subject_id=two_way_session.pk,
    )
    html = pdf.render_html(report)
    assert "De overheid scoort rendement veel lager dan de samenleving." in html
    assert "De voorstellen naast elkaar: gemiddelde score van 1 tot 5" in html
    assert "Voorstel 2: Iedereen een eigen warmtepomp." in html
    assert "Gemeente Testdal (overheid)" in html
    assert pdf.html_to_pdf(html).startswith(b"%PDF")
