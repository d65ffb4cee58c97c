import datetime

import pytest
from django.utils import timezone

from dialogue.models import DialogueSession, Participant


@pytest.fixture
def make_session(neighbourhood):
    def make(**kwargs) -> DialogueSession:
        defaults = {
            "neighbourhood": neighbourhood,
            "title": "Warmtenet in de Bloemenwijk?",
            "proposition": "Een warmtenet op lage temperatuur voor de hele wijk.",
            "starts_at": timezone.now() + datetime.timedelta(days=7),
            "location": "Buurthuis De Linde",
            "can_influence": "De volgorde van de straten.",
            "cannot_influence": "Het jaar 2035.",
            "status": DialogueSession.Status.SCHEDULED,
        }
        session = DialogueSession.objects.create(**{**defaults, **kwargs})
        session.add_default_prompts()
        return session

    return make


@pytest.fixture
def live_session(make_session):
    session = make_session()
    session.open_live()
    return session


@pytest.fixture
def make_participant():
    def make(session, **kwargs) -> Participant:
        return Participant.objects.create(session=session, token=Participant.new_token(), **kwargs)

    return make
