"""The Zonnedal demo has dialogue sessions in every state, with believable and stable content."""

import re

import pytest
from django.utils import timezone

from demo.base import seed_base
from demo.data.dialogue import SESSIONS
from demo.dialogue import seed_dialogue
from dialogue.models import (
    Argument,
    ArgumentVote,
    DialogueSession,
    Outcome,
    Participant,
    Prompt,
    Score,
    Side,
    Step,
)
from dialogue.results import MIN_PUBLIC_GROUP

pytestmark = pytest.mark.django_db

Status = DialogueSession.Status


@pytest.fixture
def zonnedal():
    municipality = seed_base()
    seed_dialogue(municipality)
    return municipality


def sessions(municipality):
    return DialogueSession.objects.filter(neighbourhood__municipality=municipality)


def counts(municipality) -> dict[str, int]:
    in_town = {"session__neighbourhood__municipality": municipality}
    return {
        "sessions": sessions(municipality).count(),
        "prompts": Prompt.objects.filter(**in_town).count(),
        "participants": Participant.objects.filter(**in_town).count(),
        "scores": Score.objects.filter(
            participant__session__neighbourhood__municipality=municipality
        ).count(),
        "arguments": Argument.objects.filter(**in_town).count(),
        "votes": ArgumentVote.objects.filter(
            argument__session__neighbourhood__municipality=municipality
        ).count(),
        "outcomes": Outcome.objects.filter(**in_town).count(),
        "links": Outcome.arguments.through.objects.filter(
            outcome__session__neighbourhood__municipality=municipality
        ).count(),
    }


def fingerprint(municipality) -> list:
    """What a visitor would see, without database ids, secrets or clock-bound dates."""
    rows = []
    for s in sessions(municipality).order_by("neighbourhood__slug", "title"):
        rows.append(
            (
                s.neighbourhood.slug,
                s.title,
                s.status,
                s.summary,
                sorted(
                    Score.objects.filter(prompt__session=s).values_list("prompt__side", "value")
                ),
                list(s.participants.order_by("pk").values_list("group", "source", "display_name")),
                list(s.arguments.order_by("pk").values_list("side", "stance", "text", "hidden")),
                sorted(
                    ArgumentVote.objects.filter(argument__session=s).values_list(
                        "argument__text", "agrees"
                    )
                ),
                list(s.outcomes.order_by("pk").values_list("kind", "text", "agreed")),
            )
        )
    return rows


def test_sessions_in_every_status(zonnedal):
    found = set(sessions(zonnedal).values_list("status", flat=True))
    assert found == {"concept", "gepland", "live", "gesloten", "gepubliceerd"}
    assert sessions(zonnedal).count() == len(SESSIONS)


def test_published_sessions_are_complete(zonnedal):
    published = sessions(zonnedal).published()
    assert published.count() >= 16
    for session in published:
        results = session.results()
        for side in Side:
            assert results.sides[side].n > 0, (session.title, side)
        assert session.outcomes.exists(), session.title
        assert session.summary.strip(), session.title
        assert session.published_at > session.starts_at
        assert session.starts_at.year in {2024, 2025, 2026}


def test_published_sessions_per_active_neighbourhood(zonnedal):
    for slug in [
        "zonnehoek",
        "de-akkers",
        "molenbuurt",
        "rivierzicht",
        "oude-dorp",
        "bloemenwijk",
        "het-weiland",
        "kerkeveld",
    ]:
        n = sessions(zonnedal).published().filter(neighbourhood__slug=slug).count()
        assert 2 <= n <= 3, slug


def test_held_sessions_have_mixed_groups_and_show_the_small_group_rule(zonnedal):
    for session in sessions(zonnedal).filter(status__in=[Status.CLOSED, Status.PUBLISHED]):
        assert 8 <= session.participants.count() <= 40, session.title
        sizes = session.results().group_sizes
        assert len(sizes) >= 3, session.title
        if session.status == Status.PUBLISHED:
            assert max(sizes.values()) >= MIN_PUBLIC_GROUP, session.title
            assert min(sizes.values()) < MIN_PUBLIC_GROUP, session.title
    sources = set(Participant.objects.values_list("source", flat=True))
    assert sources == {"live", "papier", "keukentafel"}


def test_arguments_votes_and_outcomes(zonnedal):
    for session in sessions(zonnedal).published():
        stances = set(session.arguments.visible().values_list("stance", flat=True))
        assert stances == {"voor", "tegen"}, session.title
        assert ArgumentVote.objects.filter(argument__session=session).exists()
        kinds = set(session.outcomes.values_list("kind", flat=True))
        assert kinds == {"kader", "verwachting", "open_vraag"}, session.title
        assert session.outcomes.filter(agreed=True).exists(), session.title
        assert session.outcomes.filter(arguments__isnull=False).exists(), session.title
    hidden = Argument.objects.filter(hidden=True)
    assert hidden.count() == 1
    assert hidden.get().hidden_reason
    assert not hidden.get().outcomes.exists()


def test_only_live_participants_have_first_names(zonnedal):
    named = Participant.objects.exclude(display_name="")
    assert named.exists()
    assert set(named.values_list("session__status", flat=True)) == {Status.LIVE}
    for name in named.values_list("display_name", flat=True):
        assert " " not in name


def test_live_session(zonnedal):
    live = sessions(zonnedal).get(status=Status.LIVE)
    assert re.fullmatch(r"\d{6}", live.join_code)
    assert live.current_step == Step.ARGUMENTS
    assert 3 <= live.participants.count() <= 10
    assert Score.objects.filter(prompt__session=live).exists()
    assert live.arguments.exists()
    assert live in DialogueSession.objects.upcoming()


def test_scheduled_and_draft_sessions(zonnedal):
    scheduled = sessions(zonnedal).get(status=Status.SCHEDULED)
    assert scheduled.starts_at > timezone.now()
    assert scheduled.location and scheduled.can_influence and scheduled.cannot_influence
    assert scheduled.prompts.count() == 3
    assert not scheduled.participants.exists()
    assert scheduled in DialogueSession.objects.upcoming()
    draft = sessions(zonnedal).get(status=Status.DRAFT)
    assert draft.is_editable


def test_legitimacy_rises_in_molenbuurt(zonnedal):
    molenbuurt = sessions(zonnedal).published().filter(neighbourhood__slug="molenbuurt")
    means = [s.results().sides[Side.LEGITIMACY].mean for s in molenbuurt.order_by("starts_at")]
    assert len(means) == 3
    assert means == sorted(means)
    assert means[-1] - means[0] >= 1


def test_running_twice_changes_nothing(zonnedal):
    before = counts(zonnedal)
    live_code = sessions(zonnedal).get(status=Status.LIVE).join_code
    seed_dialogue(seed_base())
    assert counts(zonnedal) == before
    assert sessions(zonnedal).get(status=Status.LIVE).join_code == live_code


def test_the_demo_is_the_same_every_time(zonnedal):
    first = fingerprint(zonnedal)
    sessions(zonnedal).delete()
    seed_dialogue(zonnedal)
    assert fingerprint(zonnedal) == first
