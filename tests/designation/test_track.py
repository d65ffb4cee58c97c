"""The designation track: the gate before the raadsbesluit, the audited motivation, and the
check that the end of gas supply leaves a reasonable term."""

import datetime
import re

from django.urls import reverse

from designation.models import GateOverride, SafeguardAssessment, StepKind, Verdict
from designation.safeguards import assessments_for
from designation.track import check_term
from roadmap.models import Roadmap
from wup.models import AuditEntry


def _step_url(kind):
    return reverse("designation:track_step", args=["testdal", "bloemenwijk", kind])


def _meet_all(neighbourhood, but=()):
    for a in assessments_for(Roadmap.objects.get(neighbourhood=neighbourhood)):
        a.verdict = Verdict.NOT_MET if a.safeguard.kind in but else Verdict.MET
        a.reasoning = "Onderzocht"
        a.save()


DECISION = {
    "status": "afgerond",
    "date": "2028-03-01",
    "document_title": "Raadsbesluit aanwijzing",
    "document_url": "https://example.org/raadsbesluit.pdf",
    "summary": "",
    "milestone": "",
}


def test_the_gate_refuses_the_raadsbesluit_while_a_safeguard_is_not_met(client, lead, track):
    _meet_all(track.neighbourhood, but={"doenvermogen"})
    client.force_login(lead)
    response = client.post(_step_url(StepKind.COUNCIL_DECISION), DECISION)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Deze stap kan pas als alle zes waarborgen voldaan zijn" in text
    assert "doenvermogen" in text
    step = track.steps.get(kind=StepKind.COUNCIL_DECISION)
    assert step.status == "gepland"  # nothing saved
    assert not GateOverride.objects.exists()
    assert not AuditEntry.objects.filter(object_type="trackstep").exists()


def test_the_gate_accepts_an_audited_motivation(client, lead, track):
    _meet_all(track.neighbourhood, but={"doenvermogen"})
    client.force_login(lead)
    response = client.post(
        _step_url(StepKind.COUNCIL_DECISION),
        {**DECISION, "motivation": "De raad besluit nu; de doe-regeling volgt in 2028."},
    )
    assert response.status_code == 302
    step = track.steps.get(kind=StepKind.COUNCIL_DECISION)
    assert step.status == "afgerond"
    override = GateOverride.objects.get()
    assert override.unmet == ["doenvermogen"]
    assert override.created_by == lead
    entry = AuditEntry.objects.get(action="gate_override")
    assert entry.actor == lead
    assert entry.changes["waarborgen_niet_voldaan"] == ["doenvermogen"]
    assert "doe-regeling" in entry.changes["motivering"]
    assert AuditEntry.objects.filter(object_type="trackstep", action="update").exists()


def test_the_gate_opens_without_motivation_when_all_six_are_met(client, lead, track):
    _meet_all(track.neighbourhood)
    client.force_login(lead)
    response = client.post(_step_url(StepKind.COUNCIL_DECISION), DECISION)
    assert response.status_code == 302
    assert track.steps.get(kind=StepKind.COUNCIL_DECISION).status == "afgerond"
    assert not GateOverride.objects.exists()


def test_steps_before_the_raadsbesluit_are_not_gated(client, lead, track):
    client.force_login(lead)
    response = client.post(
        _step_url(StepKind.INSPECTION),
        {**DECISION, "status": "bezig", "date": "2027-05-01", "end_date": "2027-06-11"},
    )
    assert response.status_code == 302
    step = track.steps.get(kind=StepKind.INSPECTION)
    assert (step.date, step.end_date) == (datetime.date(2027, 5, 1), datetime.date(2027, 6, 11))


def test_a_step_done_needs_its_date(client, lead, track):
    client.force_login(lead)
    response = client.post(_step_url(StepKind.DRAFT), {**DECISION, "date": ""})
    assert response.status_code == 200
    assert "Geef de datum van deze stap." in response.content.decode()
    # What was typed stays.
    assert "Raadsbesluit aanwijzing" in response.content.decode()


def test_a_short_term_is_warned_with_the_reason():
    check = check_term(datetime.date(2032, 1, 1), datetime.date(2028, 3, 1))
    assert not check.ok
    assert check.earliest == datetime.date(2036, 3, 1)
    assert check.message == (
        "Het gas stopt minder dan 8 jaar na het raadsbesluit; de wet vraagt een redelijke "
        "termijn, zodat bewoners tijd hebben om te sparen en hun huis aan te passen op een "
        "natuurlijk moment, dus kies op zijn vroegst 1 maart 2036."
    )


def test_eight_years_or_more_is_reasonable_and_the_minimum_is_a_setting(settings):
    assert check_term(datetime.date(2036, 3, 1), datetime.date(2028, 3, 1)).ok
    settings.DESIGNATION_MIN_GAS_END_YEARS = 10
    assert not check_term(datetime.date(2036, 3, 1), datetime.date(2028, 3, 1)).ok


def test_saving_a_short_end_date_warns_the_lead(client, lead, track):
    step = track.steps.get(kind=StepKind.COUNCIL_DECISION)
    step.date = datetime.date(2028, 3, 1)
    step.save()
    client.force_login(lead)
    url = reverse("designation:track_gas_end", args=["testdal", "bloemenwijk"])
    response = client.post(url, {"gas_end_date": "2031-01-01"}, follow=True)
    assert "Het gas stopt minder dan 8 jaar na het raadsbesluit" in response.content.decode()


def test_the_assessor_is_stored_and_only_the_role_is_shown(client, lead, track, neighbourhood):
    client.force_login(lead)
    url = reverse("designation:safeguard", args=["testdal", "bloemenwijk", "betaalbaarheid"])
    response = client.post(
        url, {"formulier": "oordeel", "verdict": "voldaan", "reasoning": "Woonlastenneutraal"}
    )
    assert response.status_code == 302
    a = SafeguardAssessment.objects.get(safeguard__kind="betaalbaarheid")
    assert (a.verdict, a.judged_by, a.judged_role) == ("voldaan", lead, "Projectleider")
    assert AuditEntry.objects.filter(action="assess", actor=lead).exists()
    public = client.get(reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]))
    text = public.content.decode()
    assert "Woonlastenneutraal" in text
    assert "Projectleider" in text
    assert lead.username not in text


def test_a_verdict_needs_a_reason(client, lead, track):
    client.force_login(lead)
    url = reverse("designation:safeguard", args=["testdal", "bloemenwijk", "betaalbaarheid"])
    response = client.post(url, {"formulier": "oordeel", "verdict": "voldaan", "reasoning": ""})
    assert response.status_code == 200
    assert "Leg uit waarom u zo oordeelt." in response.content.decode()


def test_evidence_is_added_with_date_and_owner_and_audited(client, lead, track):
    client.force_login(lead)
    url = reverse("designation:safeguard", args=["testdal", "bloemenwijk", "redelijke_termijn"])
    response = client.post(
        url,
        {
            "formulier": "bewijs",
            "bewijs-title": "Planning netbeheerder",
            "bewijs-url": "https://example.org/planning.pdf",
            "bewijs-dated": "2027-02-01",
            "bewijs-owner": "Netbeheerder",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Planning netbeheerder" in page and "Netbeheerder" in page
    assert AuditEntry.objects.filter(object_type="evidence", action="create").exists()


def test_no_track_where_the_programme_does_not_intend_to_designate(client, lead, neighbourhood):
    client.force_login(lead)
    page = client.get(reverse("designation:track", args=["testdal", "bloemenwijk"]))
    assert "niet als wijk die de gemeente wil aanwijzen" in page.content.decode()
    assert client.get(_step_url(StepKind.DRAFT)).status_code == 404


def test_an_adopted_roadmap_keeps_the_verdicts_it_was_adopted_with(track, neighbourhood):
    from roadmap.models import adopt

    _meet_all(neighbourhood, but={"doenvermogen"})
    roadmap = Roadmap.objects.get(neighbourhood=neighbourhood)
    version = adopt(
        roadmap, by="raad", decision_date=datetime.date(2028, 3, 1), decision_reference="R-1"
    )
    verdicts = {i["kind"]: i["verdict"] for i in version.snapshot["safeguard_assessments"]}
    assert verdicts["doenvermogen"] == "niet_voldaan"
    assert verdicts["betaalbaarheid"] == "voldaan"
    assert all("judged_by" not in i for i in version.snapshot["safeguard_assessments"])


def test_a_step_done_reaches_its_roadmap_milestone(client, lead, track, neighbourhood, party):
    from roadmap.models import Milestone

    _meet_all(neighbourhood)
    milestone = Milestone.objects.create(
        roadmap=Roadmap.objects.get(neighbourhood=neighbourhood),
        owner=party,
        title="Wijk aangewezen",
        baseline_date=datetime.date(2028, 3, 1),
    )
    client.force_login(lead)
    response = client.post(
        _step_url(StepKind.COUNCIL_DECISION), {**DECISION, "milestone": milestone.pk}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.status, milestone.achieved_date) == ("behaald", datetime.date(2028, 3, 1))
    assert AuditEntry.objects.filter(object_type="milestone", action="update").exists()


def test_evidence_can_be_an_uploaded_pdf_that_the_public_can_open(
    client, lead, track, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(lead)
    url = reverse("designation:safeguard", args=["testdal", "bloemenwijk", "doenvermogen"])
    fields = {
        "formulier": "bewijs",
        "bewijs-title": "Onderzoek doenvermogen",
        "bewijs-dated": "2027-02-01",
        "bewijs-owner": "GGD",
    }
    not_pdf = SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf")
    response = client.post(url, {**fields, "bewijs-file": not_pdf})
    assert "Dit bestand is geen PDF." in response.content.decode()
    neither = client.post(url, fields)
    assert "Geef een link naar het document, of kies een PDF." in neither.content.decode()
    pdf = SimpleUploadedFile("onderzoek.pdf", b"%PDF-1.7 test", content_type="application/pdf")
    assert client.post(url, {**fields, "bewijs-file": pdf}).status_code == 302
    client.logout()
    page = client.get(reverse("residents:neighbourhood", args=["testdal", "bloemenwijk"]))
    link = re.search(r'href="([^"]*/aanwijzing/bewijs/\d+/)"', page.content.decode()).group(1)
    response = client.get(link)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 test"
