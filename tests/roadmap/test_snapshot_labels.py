"""An adopted roadmap stores codes and shows their labels in the reader's language: English pages
show English labels, and snapshots adopted before (with only the Dutch label for a code that no
longer exists) keep working (issue 11, item 10)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from dialogue.models import DialogueSession, Outcome
from roadmap import snapshots
from roadmap.models import Agreement, CoreValue, MunicipalRole, RoadmapVersion, adopt

pytestmark = pytest.mark.django_db


@pytest.fixture
def adopted(roadmap, party):
    MunicipalRole.objects.create(
        roadmap=roadmap, phase="uitvoering", role="regisseur", reasoning="Veel partijen."
    )
    session = DialogueSession.objects.create(
        neighbourhood=roadmap.neighbourhood,
        title="Avond in De Linde",
        proposition="Een warmtenet",
        starts_at=datetime.datetime(2026, 3, 12, 19, 30, tzinfo=datetime.UTC),
        location="Buurthuis",
        can_influence="a",
        cannot_influence="b",
        status=DialogueSession.Status.PUBLISHED,
    )
    value = CoreValue.objects.create(roadmap=roadmap, name="Betaalbaar", why="Gelijke lasten")
    value.outcomes.add(Outcome.objects.create(session=session, kind="kader", text="Niemand meer"))
    agreement = Agreement.objects.create(
        roadmap=roadmap, title="Samenwerken", agreement_type="convenant"
    )
    agreement.parties.add(party)
    adopt(roadmap, by="college", decision_date=datetime.date(2026, 5, 12), decision_reference="X")
    return roadmap


def page(client, language: str) -> str:
    client.cookies["django_language"] = language
    url = reverse("roadmap:public", args=["testdal", "bloemenwijk"])
    return client.get(url).content.decode()


def test_the_snapshot_keeps_codes_and_the_dutch_label_of_the_decision(adopted):
    snapshot = RoadmapVersion.objects.get(roadmap=adopted).snapshot
    (role,) = snapshot["roles"]
    assert (role["role"], role["role_label"]) == ("regisseur", "Regisseur")


def test_english_pages_show_english_labels(client, adopted):
    english = page(client, "en")
    assert "Director" in english and "Regisseur" not in english
    assert "Covenant" in english and ">Convenant<" not in english
    assert "Framework" in english
    dutch = page(client, "nl")
    assert "Regisseur" in dutch and "Convenant" in dutch


def test_labels_follow_the_language_and_old_codes_keep_their_stored_label(adopted):
    snapshot = RoadmapVersion.objects.get(roadmap=adopted).snapshot
    # A snapshot from before a code was renamed: only its stored Dutch label can be shown.
    snapshot["roles"][0]["role"] = "oude_rol"
    snapshot["roles"][0]["role_label"] = "Oude rol"
    with translation.override("en"):
        shown = snapshots.localised(snapshot)
        assert shown["roles"][0]["role_label"] == "Oude rol"
        assert shown["roles"][0]["phase_label"] == "Implementation"
        assert shown["agreements"][0]["type_label"] == "Covenant"
        assert shown["core_values"][0]["outcomes"][0]["kind_label"] == "Framework"
        # The differences between versions too.
        changes = snapshots.diff(snapshots.empty_snapshot(), snapshot)
        assert "Implementation" in str(changes)
        assert "Regisseur" not in str(changes)
    # The stored snapshot itself is not changed by showing it.
    assert snapshot["agreements"][0]["type_label"] == "Convenant"
