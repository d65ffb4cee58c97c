"""The public roadmap: only adopted versions, traceable both ways, at a constant cost."""

import datetime

import pytest
from django.db import connection
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogue.models import DialogueSession, Outcome, prefetch_outcomes
from roadmap import public
from roadmap.models import Agreement, Ambition, CoreValue, MunicipalRole, adopt
from tests.factories import PartyFactory


def public_url(name: str = "public", *args) -> str:
    return reverse(f"roadmap:{name}", args=["testdal", "bloemenwijk", *args])


def _adopt(roadmap, reason="", reference="CB-2026-123"):
    return adopt(
        roadmap,
        by="college",
        decision_date=datetime.date(2026, 5, 12),
        decision_reference=reference,
        reason=reason,
    )


@pytest.fixture
def make_session(neighbourhood):
    def make(title="Avond in De Linde", status=DialogueSession.Status.PUBLISHED, day=12):
        return DialogueSession.objects.create(
            neighbourhood=neighbourhood,
            title=title,
            proposition="Een warmtenet",
            starts_at=timezone.make_aware(datetime.datetime(2026, 3, day, 19, 30)),
            location="Buurthuis",
            can_influence="a",
            cannot_influence="b",
            status=status,
        )

    return make


@pytest.fixture
def adopted(roadmap, party, make_session, milestone_factory):
    """A roadmap with one adopted version: a value from a published and an unpublished session."""
    roadmap.summary = "We gaan samen over op een warmtenet."
    roadmap.save()
    MunicipalRole.objects.create(
        roadmap=roadmap, phase="uitvoering", role="regisseur", reasoning="Veel partijen doen mee."
    )
    Ambition.objects.create(roadmap=roadmap, party=party, text="Huurwoningen eerst")
    published = make_session("Avond in De Linde")
    hidden = make_session("Keukentafel bij de school", status=DialogueSession.Status.CLOSED)
    value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Gelijke lasten")
    value.outcomes.add(
        Outcome.objects.create(session=published, kind="kader", text="Niemand gaat meer betalen"),
        Outcome.objects.create(session=hidden, kind="verwachting", text="Hulp bij aanvragen"),
    )
    milestone_factory(title="Warmteplan klaar", baseline_date=datetime.date(2027, 1, 1))
    agreement = Agreement.objects.create(
        roadmap=roadmap, title="Samenwerken", agreement_type="convenant"
    )
    agreement.parties.add(party)
    _adopt(roadmap)
    return roadmap


# No version, no roadmap


def test_a_neighbourhood_without_an_adopted_version_shows_none_and_never_the_draft(client, roadmap):
    roadmap.summary = "Geheim concept over de warmtebron"
    roadmap.save()
    CoreValue.objects.create(roadmap=roadmap, name="Conceptwaarde", why="nog niet besloten")
    page = client.get(public_url())
    assert page.status_code == 200
    assert "Er is nog geen vastgestelde routekaart" in page.text
    assert "Geheim concept" not in page.text and "Conceptwaarde" not in page.text
    assert client.get(public_url("public_version", 1)).status_code == 404
    assert client.get(public_url("public_diff", 1, 2)).status_code == 404


def test_an_unknown_neighbourhood_is_404(client, municipality):
    assert client.get(public_url()).status_code == 404


# The adopted version, not the draft


def test_public_page_shows_the_adopted_version_not_later_draft_edits(client, adopted):
    adopted.summary = "Nieuw concept: misschien toch all-electric"
    adopted.save()
    CoreValue.objects.filter(roadmap=adopted).update(name="Hernoemd in concept")
    page = client.get(public_url())
    assert page.status_code == 200
    assert "We gaan samen over op een warmtenet." in page.text
    assert "Betaalbaar" in page.text
    assert "all-electric" not in page.text and "Hernoemd in concept" not in page.text
    assert "Regisseur" in page.text and "Veel partijen doen mee." in page.text
    assert "Huurwoningen eerst" in page.text and "Samenwerken" in page.text
    assert "CB-2026-123" in page.text


def test_core_values_link_to_published_session_summaries_only(client, adopted):
    published = DialogueSession.objects.get(title="Avond in De Linde")
    hidden = DialogueSession.objects.get(title="Keukentafel bij de school")
    page = client.get(public_url())
    assert "Waar komt dit vandaan?" in page.text
    summary = reverse("dialogue:summary", args=["testdal", "bloemenwijk", published.pk])
    assert f'href="{summary}"' in page.text
    assert "Niemand gaat meer betalen" in page.text
    # The unpublished session: its outcome text shows, without a link to a page that 404s.
    assert "Hulp bij aanvragen" in page.text
    hidden_summary = reverse("dialogue:summary", args=["testdal", "bloemenwijk", hidden.pk])
    assert hidden_summary not in page.text
    # Publishing is checked when the page is rendered, not when the version was adopted.
    hidden.status = DialogueSession.Status.PUBLISHED
    hidden.save()
    assert f'href="{hidden_summary}"' in client.get(public_url()).text


def test_milestones_show_baseline_and_todays_progress(client, adopted):
    milestone = adopted.milestones.get()
    milestone.forecast_date = datetime.date(2027, 4, 1)
    milestone.status = "vertraagd"
    milestone.save()
    page = client.get(public_url())
    assert "1 januari 2027" in page.text  # baseline from the version
    assert "1 april 2027" in page.text  # forecast from the live row
    assert "Vertraagd" in page.text


def test_older_versions_stay_readable_and_the_history_links_the_differences(client, adopted):
    adopted.milestones.update(title="Warmteplan af")
    _adopt(adopted, reason="Titel verduidelijkt", reference="RAAD-2026-9")
    page = client.get(public_url())
    assert "Warmteplan af" in page.text
    assert "CB-2026-123" in page.text and "RAAD-2026-9" in page.text
    assert "Titel verduidelijkt" in page.text
    assert public_url("public_diff", 1, 2) in page.text
    old = client.get(public_url("public_version", 1))
    assert old.status_code == 200
    assert "Dit is een oudere versie" in old.text
    assert "Warmteplan klaar" in old.text and "Warmteplan af" not in old.text
    changes = client.get(public_url("public_diff", 1, 2))
    assert changes.status_code == 200
    assert "Warmteplan klaar" in changes.text and "Warmteplan af" in changes.text
    assert client.get(public_url("public_version", 3)).status_code == 404
    assert client.get(public_url("public_diff", 1, 3)).status_code == 404


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx)


def test_public_page_costs_the_same_with_many_items(
    client, adopted, party, municipality, make_session, milestone_factory
):
    few = _queries(client, public_url())
    sessions = [make_session(f"Sessie {i}", day=1 + i) for i in range(10)]
    for i in range(15):
        value = CoreValue.objects.create(roadmap=adopted, name=f"Waarde {i}", why="Omdat")
        value.outcomes.add(
            *[Outcome.objects.create(session=s, kind="kader", text=f"U{i}") for s in sessions[:3]]
        )
        other = PartyFactory(municipality=municipality)
        Ambition.objects.create(roadmap=adopted, party=other, text=f"Ambitie {i}")
        agreement = Agreement.objects.create(
            roadmap=adopted, title=f"Afspraak {i}", agreement_type="convenant"
        )
        agreement.parties.add(party, other)
        milestone_factory(title=f"Doel {i}", depends_on=list(adopted.milestones.all()[:2]))
    _adopt(adopted, reason="Veel meer")
    assert _queries(client, public_url()) == few
    assert _queries(client, public_url("public_version", 1)) <= few


# You said, we did: from an outcome to the roadmap


def _trace(session: DialogueSession) -> list[str]:
    """Render the snippet per outcome, as the session summary does (with its prefetch)."""
    prefetch_related_objects(
        [session], prefetch_outcomes(), "outcomes__core_values__roadmap__versions"
    )
    context = {"municipality": session.neighbourhood.municipality}
    return [
        render_to_string(
            "dialogue/_outcome_trace.html",
            {**context, "outcome": o, "neighbourhood": session.neighbourhood},
        ).strip()
        for o in session.outcomes.all()
    ]


def test_outcome_shows_the_core_value_it_became_once_adopted(roadmap, make_session):
    session = make_session()
    outcome = Outcome.objects.create(session=session, kind="kader", text="Betaalbaar voor ieder")
    Outcome.objects.create(session=session, kind="open_vraag", text="Wat kost het?")
    value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Omdat")
    value.outcomes.add(outcome)
    # In the draft only: nothing to claim yet.
    assert _trace(DialogueSession.objects.get(pk=session.pk)) == ["", ""]
    _adopt(roadmap)
    value.name = "Hernoemd in het concept"
    value.save()
    traced, untouched = _trace(DialogueSession.objects.get(pk=session.pk))
    assert "Dit is opgenomen in de routekaart als kernwaarde: Betaalbaar (versie 1)." in traced
    assert f"{public_url()}#kernwaarde-{value.pk}" in traced
    assert "Hernoemd" not in traced
    assert untouched == ""


def test_outcome_no_longer_claims_a_value_a_later_version_dropped(roadmap, make_session):
    session = make_session()
    outcome = Outcome.objects.create(session=session, kind="kader", text="Betaalbaar voor ieder")
    value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Omdat")
    value.outcomes.add(outcome)
    _adopt(roadmap)
    CoreValue.objects.create(roadmap=roadmap, name="Anders", why="Omdat")
    _adopt(roadmap, reason="Nieuwe waarde")
    assert "versie 2" in _trace(DialogueSession.objects.get(pk=session.pk))[0]
    value.delete()  # the outcome keeps no link; the snapshot of version 2 still has the value
    assert _trace(DialogueSession.objects.get(pk=session.pk)) == [""]


def test_outcome_trace_costs_the_same_for_many_outcomes(
    roadmap, make_session, django_assert_num_queries
):
    session = make_session()
    for i in range(20):
        value = CoreValue.objects.create(roadmap=roadmap, name=f"Waarde {i}", why="Omdat")
        value.outcomes.add(Outcome.objects.create(session=session, kind="kader", text=f"U{i}"))
    _adopt(roadmap)
    fresh = DialogueSession.objects.select_related("neighbourhood__municipality").get(pk=session.pk)
    # outcomes, their arguments, core values, roadmaps, versions: five, whatever the number.
    with django_assert_num_queries(5):
        rendered = _trace(fresh)
    assert sum("als kernwaarde" in html for html in rendered) == 20


# The neighbourhood page's part


def test_brief_is_none_without_an_adopted_version(roadmap, neighbourhood):
    assert public.for_neighbourhood(neighbourhood) is None


def test_brief_has_core_values_and_the_next_open_milestones(
    adopted, neighbourhood, milestone_factory, django_assert_num_queries
):
    for month in (3, 5, 7, 9):
        milestone_factory(title=f"Doel {month}", baseline_date=datetime.date(2027, month, 1))
    _adopt(adopted, reason="Meer doelen")
    adopted.milestones.get(title="Warmteplan klaar").mark_achieved(on=datetime.date(2026, 12, 1))
    adopted.milestones.filter(title="Doel 7").update(forecast_date=datetime.date(2027, 4, 1))
    with django_assert_num_queries(2):
        brief = public.for_neighbourhood(neighbourhood)
    assert brief.version.number == 2
    assert brief.core_values == [{"name": "Betaalbaar", "why": "Gelijke lasten"}]
    assert [m["title"] for m in brief.next_milestones] == ["Doel 3", "Doel 7", "Doel 5"]


def test_brief_snippet_renders_for_the_neighbourhood_page(adopted, neighbourhood):
    html = render_to_string(
        "roadmap/public/_neighbourhood.html",
        {
            "roadmap_brief": public.for_neighbourhood(neighbourhood),
            "municipality": neighbourhood.municipality,
            "neighbourhood": neighbourhood,
        },
    )
    assert "Betaalbaar" in html and "Warmteplan klaar" in html
    assert public_url() in html


def test_the_adopted_route_is_on_the_public_page_and_later_draft_changes_are_not(
    client, roadmap, neighbourhood
):
    from dashboard.models import RoutePoint, StandardIndicator

    indicator = neighbourhood.indicators.get(code=StandardIndicator.GAS_FREE)
    RoutePoint.objects.create(indicator=indicator, date=datetime.date(2027, 1, 1), value=120)
    RoutePoint.objects.create(indicator=indicator, date=datetime.date(2030, 1, 1), value=900)
    _adopt(roadmap)
    RoutePoint.objects.filter(version=None, value=900).update(value=1)

    page = client.get(public_url()).text

    assert "Route van de indicatoren" in page
    assert "Woningen aardgasvrij" in page
    assert "1 januari 2027: 120; 1 januari 2030: 900" in page
    assert "2030: 1<" not in page and "2030: 1;" not in page
