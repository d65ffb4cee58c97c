"""What designation offers the raad and the public timeline."""

import datetime

from designation.council import safeguards_section, upcoming_steps
from designation.models import GateOverride, StepKind
from designation.timeline import events_for
from wup.events import EventKind


def _date(track, kind, day, status="gepland", **extra):
    step = track.steps.get(kind=kind)
    step.date, step.status = day, status
    for k, v in extra.items():
        setattr(step, k, v)
    step.save()


def test_upcoming_steps_are_the_dated_coming_steps_soonest_first(track, municipality):
    _date(track, StepKind.DRAFT, datetime.date(2027, 1, 10), "afgerond")
    _date(track, StepKind.COUNCIL_DECISION, datetime.date(2028, 3, 1))
    _date(track, StepKind.INSPECTION, datetime.date(2027, 5, 1), "bezig")
    steps = upcoming_steps(municipality, today=datetime.date(2027, 2, 1))
    assert [(s.date, s.body, s.neighbourhood.name) for s in steps] == [
        (datetime.date(2027, 5, 1), "college", "Bloemenwijk"),
        (datetime.date(2028, 3, 1), "raad", "Bloemenwijk"),
    ]
    assert steps[1].title == "Raadsbesluit: Bloemenwijk"
    assert upcoming_steps(municipality, neighbourhoods=[], today=datetime.date(2027, 2, 1)) == []


def test_the_council_section_shows_verdicts_and_motivations(track, neighbourhood, lead):
    GateOverride.objects.create(
        track=track, motivation="Toch besluiten", unmet=["doenvermogen"], created_by=lead
    )
    section = safeguards_section(neighbourhood)
    assert len(section["assessments"]) == 6
    assert len(section["unmet"]) == 6
    assert [o.motivation for o in section["overrides"]] == ["Toch besluiten"]
    assert section["template"] == "designation/council/_safeguards.html"


def test_done_steps_are_timeline_events(track, neighbourhood):
    _date(track, StepKind.OBJECTIONS, datetime.date(2027, 6, 20), "afgerond", objection_count=14)
    _date(track, StepKind.COUNCIL_DECISION, datetime.date(2028, 3, 1))
    events = events_for(neighbourhood, today=datetime.date(2027, 7, 1))
    assert [(e.kind, e.date) for e in events] == [
        (EventKind.DESIGNATION_STEP, datetime.date(2027, 6, 20))
    ]
    assert events[0].text == "Er kwamen 14 zienswijzen binnen."


def test_the_council_section_renders_roles_and_motivations_never_names(track, neighbourhood, lead):
    from django.template.loader import render_to_string

    from designation.safeguards import assessments_for
    from roadmap.models import Roadmap

    a = assessments_for(Roadmap.objects.get(neighbourhood=neighbourhood))[0]
    a.verdict, a.reasoning, a.judged_by, a.judged_role = "voldaan", "Rond", lead, "Projectleider"
    a.judged_on = datetime.date(2027, 1, 5)
    a.save()
    GateOverride.objects.create(track=track, motivation="Toch besluiten", created_by=lead)
    section = safeguards_section(neighbourhood)
    html = render_to_string(section["template"], {"section": section})
    assert "Waarborgen voor aanwijzen" in html
    assert "beoordeeld door: Projectleider, 5 januari 2027" in html
    assert "Toch besluiten" in html
    assert lead.username not in html


def test_the_raad_sees_the_safeguards_on_the_council_view_only_where_designation_is_intended(
    client, track, neighbourhood, council_member, lead
):
    from django.urls import reverse

    from designation.safeguards import assessments_for
    from roadmap.models import Roadmap

    a = assessments_for(Roadmap.objects.get(neighbourhood=neighbourhood))[0]
    a.verdict, a.reasoning, a.judged_by, a.judged_role = "voldaan", "Rond", lead, "Projectleider"
    a.save()
    client.force_login(council_member)
    url = reverse(
        "dashboard:council_neighbourhood",
        args=[neighbourhood.municipality.slug, neighbourhood.slug],
    )
    html = client.get(url).content.decode()
    assert "Waarborgen voor aanwijzen" in html
    assert "beoordeeld door: Projectleider" in html
    assert lead.username not in html

    track.delete()  # no designation intended: no gate to show
    assert "Waarborgen voor aanwijzen" not in client.get(url).content.decode()
