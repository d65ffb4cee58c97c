"""Paper and kitchen-table input: the fast entry form, and the CSV export and import."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dialogue.models import Argument, ArgumentVote, DialogueSession, Participant, Score
from wup.models import AuditEntry

# The columns of files from before the "voorstel" column: they still import (proposition 1).
HEADER = "deelnemer;groep;bron;soort;kant;vraag;score;standpunt;tekst"
NEW_HEADER = HEADER + ";voorstel"


@pytest.fixture
def session(make_session):
    return make_session(status=DialogueSession.Status.CLOSED)


def url(name, session):
    return reverse(f"dialogue:{name}", args=["testdal", session.pk])


def prompt_ids(session):
    return [p.pk for p in session.prompts.all()]


def entry_data(session, **changes):
    """A filled-in paper form: three scores, one argument, two blank argument rows."""
    legitimacy, engagement, ret = prompt_ids(session)
    data = {
        "p-label": "formulier 12",
        "p-source": "papier",
        "p-group": "huurder",
        f"s-score_{legitimacy}": "4",
        f"s-reason_{legitimacy}": "Duidelijke brief gehad.",
        f"s-score_{engagement}": "2",
        f"s-reason_{engagement}": "",
        f"s-score_{ret}": "3",
        f"s-reason_{ret}": "",
        "a-TOTAL_FORMS": "3",
        "a-INITIAL_FORMS": "0",
        "a-MIN_NUM_FORMS": "0",
        "a-MAX_NUM_FORMS": "3",
        "a-0-side": "rendement",
        "a-0-stance": "tegen",
        "a-0-text": "De aansluitkosten zijn te hoog.",
        "a-1-text": "",
        "a-2-text": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def upload(content: str | bytes, name="invoer.csv"):
    data = content.encode("utf-8-sig") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def add_participant(session, source="papier", group="huurder", name=""):
    return Participant.objects.create(
        session=session,
        token=Participant.new_token(),
        source=source,
        group=group,
        display_name=name,
    )


# --- the fast entry form ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["lead", "admin"])
def test_staff_enter_a_paper_form_and_it_counts_in_the_results(client, session, role, request):
    client.force_login(request.getfixturevalue(role))
    assert session.results().participants == 0  # fills the cache: saving must clear it

    response = client.post(url("paper", session), entry_data(session))

    assert response.status_code == 302
    assert response.url == url("paper", session)
    participant = Participant.objects.get()
    assert (participant.source, participant.group, participant.display_name) == (
        "papier",
        "huurder",
        "formulier 12",
    )
    assert len(participant.token) >= 40
    assert sorted(participant.scores.values_list("prompt__side", "value", "reason")) == [
        ("betrokkenheid", 2, ""),
        ("legitimiteit", 4, "Duidelijke brief gehad."),
        ("rendement", 3, ""),
    ]
    assert list(Argument.objects.values_list("participant", "side", "stance", "text")) == [
        (participant.pk, "rendement", "tegen", "De aansluitkosten zijn te hoog.")
    ]
    results = session.results()
    assert results.participants == 1
    assert results.sides["legitimiteit"].mean == 4
    entry = AuditEntry.objects.get()
    assert entry.action == "paper_entry"
    assert entry.changes == {"source": "papier", "group": "huurder", "scores": 3, "arguments": 1}


def test_after_saving_an_empty_form_says_how_many_forms_were_entered(client, lead, session):
    add_participant(session, source="live")  # phones do not count as forms
    add_participant(session, source="keukentafel")
    client.force_login(lead)

    response = client.post(url("paper", session), entry_data(session), follow=True)

    assert "Formulier opgeslagen. Al 2 formulieren ingevoerd." in response.text
    assert 'value="formulier 12"' not in response.text
    assert "checked" not in response.text
    assert 'name="p-label" maxlength="60" autofocus' in response.text


def test_kitchen_table_form_with_only_an_argument_is_saved_as_other_group(client, lead, session):
    client.force_login(lead)
    data = entry_data(session, **{"p-source": "keukentafel", "p-group": None, "p-label": ""})
    for pk in prompt_ids(session):
        data.pop(f"s-score_{pk}")
        data[f"s-reason_{pk}"] = ""

    response = client.post(url("paper", session), data)

    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.source, participant.group, participant.display_name) == (
        "keukentafel",
        "anders",
        "",
    )
    assert not Score.objects.exists()
    assert Argument.objects.count() == 1


def test_form_without_scores_or_arguments_is_refused_and_keeps_what_was_typed(
    client, lead, session
):
    client.force_login(lead)
    data = entry_data(session, **{"a-0-side": None, "a-0-stance": None, "a-0-text": ""})
    for pk in prompt_ids(session):
        data.pop(f"s-score_{pk}")
        data[f"s-reason_{pk}"] = ""

    response = client.post(url("paper", session), data)

    assert response.status_code == 200
    assert "Vul minstens één score of één argument in." in response.text
    assert 'value="formulier 12"' in response.text
    assert not Participant.objects.exists()
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


def test_bad_values_show_errors_at_the_fields_and_keep_what_was_typed(client, lead, session):
    client.force_login(lead)
    legitimacy, engagement, _ret = prompt_ids(session)
    data = entry_data(
        session,
        **{
            "p-source": "live",  # phones only: not on this form
            f"s-score_{legitimacy}": "7",
            f"s-score_{engagement}": None,
            f"s-reason_{engagement}": "Niemand kwam langs.",
            "a-1-text": "Half ingevuld argument zonder kant.",
        },
    )

    response = client.post(url("paper", session), data)

    assert response.status_code == 200
    text = response.text
    assert "Hoe is dit ingevuld?: Selecteer een geldige keuze." in text
    assert "Selecteer een geldige keuze. 7 is geen beschikbare keuze." in text
    assert "Kies een score bij deze reden, of maak de reden leeg." in text
    assert "Argument 2, Kant: Dit veld is verplicht." in text
    # What was typed is still there.
    assert "Niemand kwam langs." in text
    assert "Half ingevuld argument zonder kant." in text
    assert "De aansluitkosten zijn te hoog." in text
    assert 'value="formulier 12"' in text
    assert not Participant.objects.exists()


def test_source_is_required(client, lead, session):
    client.force_login(lead)

    response = client.post(url("paper", session), entry_data(session, **{"p-source": None}))

    assert response.status_code == 200
    assert "Hoe is dit ingevuld?: Dit veld is verplicht." in response.text
    assert not Participant.objects.exists()


def test_paper_forms_can_be_entered_while_the_session_is_live(client, lead, session):
    session.status = DialogueSession.Status.LIVE
    session.save()
    client.force_login(lead)

    assert client.post(url("paper", session), entry_data(session)).status_code == 302
    assert Participant.objects.get().source == "papier"


# --- who may do what -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["paper", "export", "import"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("role", "status"), [("council_member", 403), ("outsider", 404)])
def test_only_writers_of_the_municipality_reach_paper_input(
    client, session, request, name, method, role, status
):
    client.force_login(request.getfixturevalue(role))
    response = getattr(client, method)(url(name, session), entry_data(session))
    # The export is a download: a post is refused before anyone is looked up.
    expected = 405 if (name, method) == ("export", "post") else status
    assert response.status_code == expected
    assert not Participant.objects.exists()


@pytest.mark.parametrize("name", ["paper", "import"])
def test_a_published_session_is_frozen(client, lead, session, name):
    session.publish()
    client.force_login(lead)

    assert client.get(url(name, session)).status_code == 403
    assert client.post(url(name, session), entry_data(session)).status_code == 403
    assert not Participant.objects.exists()


def test_a_published_session_can_still_be_exported(client, lead, session):
    session.publish()
    client.force_login(lead)

    assert client.get(url("export", session)).status_code == 200


# --- CSV export ------------------------------------------------------------------------------


def test_export_has_the_scores_and_visible_arguments_without_names_or_tokens(client, lead, session):
    legitimacy, engagement, ret = session.prompts.all()
    live = add_participant(session, source="live", group="eigenaar_bewoner", name="Jan Jansen")
    live.give_scores([(ret, 2, "Te duur; echt"), (legitimacy, 5, "")])
    Argument.objects.create(
        session=session, participant=live, side="rendement", stance="tegen", text="=SOM(A1)"
    )
    hidden = Argument.objects.create(
        session=session, participant=live, side="legitimiteit", stance="voor", text="Scheldwoord"
    )
    hidden.hide(by=lead, reason="Niet netjes")
    add_participant(session, name="Leeg")  # nothing given: not in the file
    paper = add_participant(session, source="keukentafel", group="huurder")
    paper.give_scores([(engagement, 3, "Regel één\nregel twee")])
    Argument.objects.create(
        session=session, side="betrokkenheid", stance="voor", text="Van de regie"
    )
    client.force_login(lead)

    response = client.get(url("export", session))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="sessie-{session.pk}-scores-en-argumenten.csv"'
    )
    assert response.content.decode("utf-8") == (
        "\ufeff" + NEW_HEADER + "\r\n"
        "P1;eigenaar_bewoner;live;score;legitimiteit;1;5;;;1\r\n"
        'P1;eigenaar_bewoner;live;score;rendement;3;2;;"Te duur; echt";1\r\n'
        "P1;eigenaar_bewoner;live;argument;rendement;;;tegen;'=SOM(A1);\r\n"
        'P2;huurder;keukentafel;score;betrokkenheid;2;3;;"Regel één\nregel twee";1\r\n'
        ";;;argument;betrokkenheid;;;voor;Van de regie;\r\n"
    )
    text = response.content.decode("utf-8")
    assert "Jan" not in text and live.token not in text and "Scheldwoord" not in text


def _crowd(session, count):
    prompts = list(session.prompts.all())
    for i in range(count):
        participant = add_participant(session, group="huurder" if i % 2 else "ondernemer")
        participant.give_scores([(p, 1 + (i + n) % 5, f"reden {i}") for n, p in enumerate(prompts)])
        Argument.objects.create(
            session=session,
            participant=participant,
            side="rendement",
            stance="voor",
            text=f"argument {i}",
        )


@pytest.mark.parametrize("count", [3, 30])
def test_export_query_count_does_not_grow_with_participants(
    client, lead, session, count, django_assert_num_queries
):
    _crowd(session, count)
    client.force_login(lead)
    # Django's session and user, the membership, the DialogueSession; prompts, scores,
    # arguments, reactions and participants; the download's audit entry (its municipality, the
    # chain's lock and last hash, the insert).
    with django_assert_num_queries(13):
        response = client.get(url("export", session))
    assert response.content.decode("utf-8-sig").count("\r\nP") == count * 4


# --- CSV import ------------------------------------------------------------------------------


def test_import_page_explains_the_columns_and_that_hidden_arguments_are_left_out(
    client, lead, session
):
    client.force_login(lead)
    response = client.get(url("import", session))
    assert HEADER in response.text
    assert "Argumenten die een moderator heeft verborgen, staan er ook niet in." in response.text


def test_import_creates_one_participant_per_label(client, lead, session):
    client.force_login(lead)
    content = (
        HEADER + "\r\n"
        "formulier 1;huurder;papier;score;legitimiteit;1;4;;Goed uitgelegd\r\n"
        "formulier 1;huurder;papier;argument;rendement;;;tegen;Te duur\r\n"
        ";;;;;;;;\r\n"
        "Familie 7;Ondernemer;Keukentafel;score;rendement;3;2;;\r\n"
    )

    response = client.post(url("import", session), {"file": upload(content)}, follow=True)

    assert "Het bestand is ingelezen: 2 deelnemers, 2 scores en 1 argumenten." in response.text
    first, second = Participant.objects.order_by("pk")
    assert (first.display_name, first.group, first.source) == ("formulier 1", "huurder", "papier")
    assert (second.display_name, second.group, second.source) == (
        "Familie 7",
        "ondernemer",
        "keukentafel",
    )
    assert list(first.scores.values_list("prompt__order", "value", "reason")) == [
        (0, 4, "Goed uitgelegd")
    ]
    assert list(second.scores.values_list("prompt__order", "value")) == [(2, 2)]
    assert list(first.arguments.values_list("side", "stance", "text")) == [
        ("rendement", "tegen", "Te duur")
    ]
    assert session.results().participants == 2
    entry = AuditEntry.objects.get()
    assert entry.action == "import"
    assert entry.changes == {"file": "invoer.csv", "participants": 2, "scores": 2, "arguments": 1}


def test_a_bad_file_reports_every_bad_line_and_imports_nothing(client, lead, session):
    client.force_login(lead)
    long_text = "x" * 501
    content = "\r\n".join(
        [
            HEADER,
            "P1;huurder;papier;score;legitimiteit;1;4;;goed",  # 2: fine
            "P2;student;papier;score;legitimiteit;1;4;;",  # 3
            "P3;huurder;live;score;legitimiteit;1;4;;",  # 4
            "P4;huurder;papier;stem;legitimiteit;1;4;;",  # 5
            "P5;huurder;papier;score;geluk;1;4;;",  # 6
            "P6;huurder;papier;score;legitimiteit;9;4;;",  # 7
            "P7;huurder;papier;score;legitimiteit;1;6;;",  # 8
            f"P8;huurder;papier;argument;rendement;;;voor;{long_text}",  # 9
            "P9;huurder;papier;argument;rendement;;;;Geen standpunt",  # 10
            "P10;huurder;papier;argument;rendement;;;tegen;",  # 11
            "P1;huurder;papier;score;legitimiteit;1;2;;",  # 12: a second score for vraag 1
            "P1;verhuurder;papier;argument;rendement;;;tegen;Andere groep",  # 13
            "P11;huurder;papier;score;betrokkenheid;1;3;;",  # 14: vraag 1 is legitimiteit
            "P12;huurder;papier;score",  # 15
            "P13;huurder;papier;score;legitimiteit;;;;",  # 16
        ]
    )

    response = client.post(url("import", session), {"file": upload(content)})

    assert response.status_code == 200
    text = response.content.decode()
    assert "Er is niets ingelezen." in text
    expected = [
        "regel 3: onbekende groep “student” (kies uit: eigenaar_bewoner, huurder, verhuurder, "
        "ondernemer, anders)",
        "regel 4: bron “live” kan niet: lees alleen papier of keukentafel in",
        "regel 5: onbekende soort “stem” (kies uit: score, argument, reactie)",
        "regel 6: onbekende kant “geluk”",
        "regel 7: vraag “9” bestaat niet in deze sessie (kies 1 tot en met 3)",
        "regel 8: score “6” is geen getal van 1 tot en met 5",
        "regel 9: tekst is langer dan 500 tekens",
        "regel 10: standpunt ontbreekt",
        "regel 11: tekst ontbreekt: een argument heeft een tekst",
        "regel 12: deelnemer P1 heeft al een score bij vraag 1",
        "regel 13: deelnemer P1 heeft op regel 2 een andere groep of bron",
        "regel 14: vraag 1 gaat over legitimiteit, niet over betrokkenheid",
        "regel 15: 9 kolommen verwacht, 4 gevonden",
        "regel 16: vraag ontbreekt",
        "regel 16: score ontbreekt",
    ]
    for message in expected:
        assert message in text, message
    assert "regel 2:" not in text
    assert not Participant.objects.exists()
    assert not Score.objects.exists()
    assert not Argument.objects.exists()
    assert not AuditEntry.objects.exclude(result=AuditEntry.Result.DENIED).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            (HEADER + "\r\nP1;huurder;papier;score;legitimiteit;1;4;;Hé").encode("cp1252"),
            "regel 2: het bestand is niet opgeslagen als UTF-8.",
        ),
        (b"", "Het verstuurde bestand is leeg."),  # Django's own check
        (HEADER.replace(";", ",").encode(), "(gescheiden door puntkomma’s, niet door komma’s)"),
        (b"naam;score\r\n", "regel 1: de eerste regel moet precies deze kolommen hebben"),
        (HEADER.encode() + b"\r\n;;;;;;;;\r\n", "Het bestand heeft geen regels met scores"),
    ],
)
def test_an_unreadable_file_is_explained(client, lead, session, content, message):
    client.force_login(lead)
    response = client.post(url("import", session), {"file": upload(content)})
    assert message in response.content.decode()
    assert not Participant.objects.exists()


def test_a_file_over_one_megabyte_is_refused(client, lead, session):
    client.force_login(lead)
    row = "P1;huurder;papier;argument;rendement;;;voor;" + "x" * 400 + "\r\n"
    content = HEADER + "\r\n" + row * 2700

    response = client.post(url("import", session), {"file": upload(content)})

    assert "Het mag hoogstens 1 MB zijn." in response.content.decode()
    assert not Participant.objects.exists()


def same_prompts(neighbourhood) -> DialogueSession:
    """Return another session with the default prompts, to read an export into."""
    other = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title="Herhaling",
        proposition="Idem",
        starts_at=timezone.now(),
        location="Online",
        can_influence="x",
        cannot_influence="y",
    )
    other.add_default_prompts()
    return other


def test_an_export_reads_back_into_another_session_with_the_same_prompts(
    client, lead, session, neighbourhood
):
    legitimacy, engagement, ret = session.prompts.all()
    a = add_participant(session, group="eigenaar_bewoner", name="formulier 1")
    a.give_scores([(legitimacy, 5, "Eerlijk; open"), (ret, 1, "- veel te duur")])
    Argument.objects.create(
        session=session,
        participant=a,
        side="rendement",
        stance="tegen",
        text="'=1+1 is geen formule",
    )
    b = add_participant(session, source="keukentafel", group="ondernemer")
    b.give_scores([(engagement, 3, 'Zei: "misschien"\nna lang denken')])
    Argument.objects.create(
        session=session,
        participant=b,
        side="betrokkenheid",
        stance="voor",
        text="Buren helpen elkaar",
    )
    Argument.objects.create(
        session=session, side="legitimiteit", stance="voor", text="Zonder deelnemer"
    )
    other = same_prompts(neighbourhood)
    client.force_login(lead)

    exported = client.get(url("export", session)).content
    response = client.post(url("import", other), {"file": upload(exported, "export.csv")})

    assert response.status_code == 302

    def scores(s):
        return sorted(
            Score.objects.filter(prompt__session=s).values_list(
                "participant__group", "participant__source", "prompt__order", "value", "reason"
            )
        )

    def arguments(s):
        return sorted(
            s.arguments.values_list(
                "participant__group", "participant__source", "side", "stance", "text"
            ),
            key=str,
        )

    assert scores(other) == scores(session)
    assert arguments(other) == arguments(session)
    assert other.participants.count() == 2
    assert client.get(url("export", other)).content == exported


TEXTS_THAT_LOOK_LIKE_FORMULAS = ["'=1+1", "=1+1", "''twee", "'citaat", "-5", "@x", "+31 6"]


def test_texts_that_start_like_a_formula_or_a_quote_come_back_exactly(
    client, lead, session, neighbourhood
):
    legitimacy, *_ = session.prompts.all()
    for text in TEXTS_THAT_LOOK_LIKE_FORMULAS:
        participant = add_participant(session)
        participant.give_scores([(legitimacy, 3, text)])
        Argument.objects.create(
            session=session, participant=participant, side="rendement", stance="voor", text=text
        )
    other = same_prompts(neighbourhood)
    client.force_login(lead)

    exported = client.get(url("export", session)).content
    # One apostrophe added in front of each; the import takes exactly that one off.
    assert b";''=1+1;1\r\n" in exported and b";'=1+1;\r\n" in exported
    response = client.post(url("import", other), {"file": upload(exported, "export.csv")})

    assert response.status_code == 302
    reasons = Score.objects.filter(prompt__session=other).values_list("reason", flat=True)
    assert sorted(reasons) == sorted(TEXTS_THAT_LOOK_LIKE_FORMULAS)
    texts = other.arguments.values_list("text", flat=True)
    assert sorted(texts) == sorted(TEXTS_THAT_LOOK_LIKE_FORMULAS)


# --- reactions (agree / disagree) on paper and in the CSV -------------------------------------


def test_a_paper_form_records_agree_and_disagree_on_the_evenings_arguments(client, lead, session):
    first = Argument.objects.create(
        session=session, side="rendement", stance="tegen", text="Te duur voor huurders."
    )
    second = Argument.objects.create(
        session=session, side="legitimiteit", stance="voor", text="Goed uitgelegd."
    )
    hidden = Argument.objects.create(
        session=session, side="legitimiteit", stance="voor", text="Verborgen tekst."
    )
    hidden.hide(by=lead, reason="Persoonlijk")
    client.force_login(lead)
    page = client.get(url("paper", session)).text
    assert "Reacties op argumenten" in page and "Te duur voor huurders." in page
    assert "Verborgen tekst." not in page

    response = client.post(
        url("paper", session),
        entry_data(session, **{f"r-vote_{first.pk}": "eens", f"r-vote_{second.pk}": "oneens"}),
    )
    assert response.status_code == 302
    participant = Participant.objects.get(display_name="formulier 12")
    assert dict(participant.argument_votes.values_list("argument__text", "agrees")) == {
        "Te duur voor huurders.": True,
        "Goed uitgelegd.": False,
    }
    # Only reactions is enough for a form; a vote on the hidden one is not offered (ignored).
    only = entry_data(
        session,
        **{
            "p-label": "formulier 13",
            f"s-score_{prompt_ids(session)[0]}": "",
            f"s-reason_{prompt_ids(session)[0]}": "",
            f"s-score_{prompt_ids(session)[1]}": "",
            f"s-score_{prompt_ids(session)[2]}": "",
            "a-0-side": None,
            "a-0-stance": None,
            "a-0-text": "",
            f"r-vote_{first.pk}": "oneens",
            f"r-vote_{hidden.pk}": "eens",
        },
    )
    assert client.post(url("paper", session), only).status_code == 302
    votes = Participant.objects.get(display_name="formulier 13").argument_votes
    assert list(votes.values_list("argument_id", "agrees")) == [(first.pk, False)]


def test_reactions_go_out_and_come_back_in_the_same_columns(client, lead, session, neighbourhood):
    legitimacy, *_ = session.prompts.all()
    author = add_participant(session, group="huurder")
    author.give_scores([(legitimacy, 4, "")])
    argument = Argument.objects.create(
        session=session, participant=author, side="rendement", stance="tegen", text="Te duur; echt"
    )
    loose = Argument.objects.create(
        session=session, side="legitimiteit", stance="voor", text="Van de regie"
    )
    hidden = Argument.objects.create(
        session=session, side="legitimiteit", stance="voor", text="Weg"
    )
    hidden.hide(by=lead, reason="x")
    reader = add_participant(session, source="keukentafel", group="ondernemer")
    reader.vote(argument, agrees=True)
    reader.vote(loose, agrees=False)
    reader.vote(hidden, agrees=True)
    author.vote(argument, agrees=False)
    client.force_login(lead)

    exported = client.get(url("export", session)).content
    text = exported.decode("utf-8-sig")
    assert text == (
        NEW_HEADER + "\r\n"
        "P1;huurder;papier;score;legitimiteit;1;4;;;1\r\n"
        'P1;huurder;papier;argument;rendement;;;tegen;"Te duur; echt";\r\n'
        'P1;huurder;papier;reactie;rendement;;;oneens;"Te duur; echt";\r\n'
        'P2;ondernemer;keukentafel;reactie;rendement;;;eens;"Te duur; echt";\r\n'
        "P2;ondernemer;keukentafel;reactie;legitimiteit;;;oneens;Van de regie;\r\n"
        ";;;argument;legitimiteit;;;voor;Van de regie;\r\n"
    )

    other = same_prompts(neighbourhood)
    response = client.post(url("import", other), {"file": upload(exported, "export.csv")})
    assert response.status_code == 302

    def reactions(s):
        return sorted(
            ArgumentVote.objects.filter(argument__session=s).values_list(
                "participant__group", "argument__side", "argument__text", "agrees"
            )
        )

    assert reactions(other) == [
        ("huurder", "rendement", "Te duur; echt", False),
        ("ondernemer", "legitimiteit", "Van de regie", False),
        ("ondernemer", "rendement", "Te duur; echt", True),
    ]
    assert client.get(url("export", other)).content == exported


def test_a_reaction_may_name_an_argument_the_session_already_has(client, lead, session):
    argument = Argument.objects.create(
        session=session, side="betrokkenheid", stance="voor", text="Buren helpen elkaar"
    )
    client.force_login(lead)
    content = (
        HEADER + "\r\n"
        "formulier 1;huurder;papier;reactie;betrokkenheid;;;eens;Buren helpen elkaar\r\n"
    )
    response = client.post(url("import", session), {"file": upload(content)}, follow=True)
    assert "Met 1 reactie (eens of oneens) op een argument." in response.text
    assert list(argument.votes.values_list("participant__display_name", "agrees")) == [
        ("formulier 1", True)
    ]


def test_bad_reactions_are_reported_with_their_line_and_nothing_is_imported(client, lead, session):
    client.force_login(lead)
    content = (
        HEADER + "\r\n"
        "f1;huurder;papier;argument;rendement;;;tegen;Te duur\r\n"
        "f1;huurder;papier;reactie;rendement;;;misschien;Te duur\r\n"
        "f2;huurder;papier;reactie;legitimiteit;;;eens;Te duur\r\n"
        ";;;reactie;rendement;;;eens;Te duur\r\n"
        "f3;huurder;papier;reactie;rendement;;;eens;Te duur\r\n"
        "f3;huurder;papier;reactie;rendement;;;oneens;Te duur\r\n"
    )
    response = client.post(url("import", session), {"file": upload(content)})
    assert response.status_code == 200
    text = response.text
    assert "regel 3:" in text and "misschien" in text
    assert "regel 4: reactie op een argument dat niet in het bestand" in text
    assert "regel 5: deelnemer ontbreekt: een reactie hoort bij een deelnemer" in text
    assert "regel 7: deelnemer f3 reageert al op dit argument" in text
    assert not Argument.objects.filter(session=session).exists()
    assert not ArgumentVote.objects.exists()


def test_a_household_code_counts_the_household_once_across_sessions_and_is_not_stored(
    client, lead, session, make_session
):
    from dialogue import reach

    other = make_session(status=DialogueSession.Status.CLOSED)
    client.force_login(lead)
    client.post(url("paper", session), entry_data(session, **{"p-household": "uitnodiging 17"}))
    client.post(url("paper", other), entry_data(other, **{"p-household": " Uitnodiging17 "}))
    client.post(url("paper", other), entry_data(other))  # without a code: a new household

    keys = list(Participant.objects.values_list("person_key", flat=True))
    assert sorted(bool(k) for k in keys) == [False, True, True]
    assert not any("17" in k or "uitnodiging" in k.lower() for k in keys)  # only a hash
    found = reach.reach_by_neighbourhood([session.neighbourhood_id])[session.neighbourhood_id]
    assert (found.people, found.attendances) == (2, 3)
