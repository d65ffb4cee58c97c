"""Sessions as iCalendar: a file per session and a feed per neighbourhood, RFC 5545 correct."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue.models import DialogueSession, Participant
from residents.views.calendar import calendar_for, escape_text, fold
from tests.factories import NeighbourhoodFactory

TZ = timezone.get_default_timezone()


def parse(body: str) -> list[dict]:
    """Parse an iCalendar object back into its components: [{"name", "props": {name: [..]}}].

    Checks the line format on the way: CRLF only, at most 75 octets a line, and balanced
    BEGIN/END.
    """
    assert body.endswith("\r\n")
    raw = body.split("\r\n")[:-1]
    for line in raw:
        assert "\n" not in line and "\r" not in line, line
        assert len(line.encode()) <= 75, line
    lines: list[str] = []
    for line in raw:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack, done = [], []
    for line in lines:
        head, _, value = line.partition(":")
        name = head.split(";")[0]
        if name == "BEGIN":
            stack.append({"name": value, "props": {}})
        elif name == "END":
            component = stack.pop()
            assert component["name"] == value
            done.append(component)
        else:
            stack[-1]["props"].setdefault(name, []).append(value)
    assert stack == []
    return done


def unescape(value: str) -> str:
    # A TEXT value must not hold a bare comma or semicolon: they separate values.
    assert not re.search(r"(?<!\\)(?:\\\\)*[,;]", value), value
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def one(component: dict, name: str) -> str:
    [value] = component["props"][name]
    return value


@pytest.fixture
def make_session(neighbourhood):
    def make(**kwargs) -> DialogueSession:
        defaults = {
            "neighbourhood": neighbourhood,
            "title": "Warmtenet in de Bloemenwijk?",
            "proposition": "Een warmtenet op lage temperatuur.",
            "starts_at": timezone.now() + datetime.timedelta(days=7),
            "location": "Buurthuis De Linde, Lindelaan 4",
            "can_influence": "De volgorde van de straten.",
            "cannot_influence": "Het jaar 2035.",
            "status": DialogueSession.Status.SCHEDULED,
        }
        return DialogueSession.objects.create(**{**defaults, **kwargs})

    return make


def session_url(session) -> str:
    return reverse("residents:session_ics", args=["testdal", "bloemenwijk", session.pk])


def feed_url() -> str:
    return reverse("residents:neighbourhood_ics", args=["testdal", "bloemenwijk"])


# --- Building blocks -----------------------------------------------------------------------


def test_text_values_escape_backslash_semicolon_comma_and_line_breaks():
    assert escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert escape_text("Tijd: 19:30\tuur\x07") == "Tijd: 19:30\tuur"  # colon stays, bell goes


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "DESCRIPTION:" + "Aardgasvrij één keer " * 10 + "🔥" * 30
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert max(len(p.encode()) for p in parts) >= 72  # full lines, not needlessly short
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


# --- One session ---------------------------------------------------------------------------


def test_a_session_file_has_every_required_property(client, make_session, settings):
    settings.SITE_URL = "https://wijkwaarde.example.nl"
    session = make_session(starts_at=datetime.datetime(2026, 3, 10, 19, 30, tzinfo=TZ))
    response = client.get(session_url(session))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = [c for c in parse(response.content.decode()) if c["name"] == "VEVENT"]
    [calendar] = [c for c in parse(response.content.decode()) if c["name"] == "VCALENDAR"]
    assert one(calendar, "VERSION") == "2.0"
    assert one(calendar, "PRODID")
    [event] = events
    assert one(event, "UID") == f"sessie-{session.pk}@wijkwaarde.example.nl"
    assert re.fullmatch(r"\d{8}T\d{6}Z", one(event, "DTSTAMP"))
    assert one(event, "DTSTART") == "20260310T183000Z"  # 19:30 in winter time is 18:30 UTC
    assert one(event, "DTEND") == "20260310T203000Z"
    assert unescape(one(event, "SUMMARY")) == "Warmtenet in de Bloemenwijk?"
    assert unescape(one(event, "LOCATION")) == "Buurthuis De Linde, Lindelaan 4"
    assert one(event, "URL") == "https://wijkwaarde.example.nl/testdal/bloemenwijk/"
    description = unescape(one(event, "DESCRIPTION"))
    assert "Hier hebt u invloed op: De volgorde van de straten." in description
    assert "Hier niet: Het jaar 2035." in description


def test_summer_time_is_converted_to_utc(make_session, neighbourhood):
    session = make_session(starts_at=datetime.datetime(2026, 6, 10, 19, 30, tzinfo=TZ))
    [event] = [
        c for c in parse(calendar_for([session], neighbourhood, name="x")) if c["name"] == "VEVENT"
    ]
    assert one(event, "DTSTART") == "20260610T173000Z"
    assert one(event, "DTEND") == "20260610T193000Z"


def test_special_characters_survive_a_round_trip(client, make_session):
    title = "Warmte, gas; en \\ alles\nop een rij: één avond"
    session = make_session(
        title=title,
        location="Zaal 1; ingang B, achterom",
        cannot_influence="Het jaar, de bron;\nen de prijs " + "lang " * 40,
    )
    body = client.get(session_url(session)).content.decode()
    [event] = [c for c in parse(body) if c["name"] == "VEVENT"]
    assert unescape(one(event, "SUMMARY")) == title
    assert unescape(one(event, "LOCATION")) == "Zaal 1; ingang B, achterom"
    assert "Hier niet: Het jaar, de bron;\nen de prijs lang" in unescape(one(event, "DESCRIPTION"))


def vevents(response) -> list[dict]:
    return [c for c in parse(response.content.decode()) if c["name"] == "VEVENT"]


def test_the_uid_is_the_same_on_every_download_and_in_the_feed(client, make_session, settings):
    settings.SITE_URL = "https://wijkwaarde.example.nl"
    session = make_session()
    uids = [one(e, "UID") for _ in range(2) for e in vevents(client.get(session_url(session)))]
    uids += [one(e, "UID") for e in vevents(client.get(feed_url()))]
    assert uids == [f"sessie-{session.pk}@wijkwaarde.example.nl"] * 3


def test_an_online_session_says_where_to_join(client, make_session):
    session = make_session(location="", online_link="https://meet.example.org/wijk")
    [event] = [
        c for c in parse(client.get(session_url(session)).content.decode()) if c["name"] == "VEVENT"
    ]
    assert unescape(one(event, "LOCATION")) == "Online"
    assert "https://meet.example.org/wijk" in unescape(one(event, "DESCRIPTION"))


@pytest.mark.parametrize("status", ["concept", "gesloten"])
def test_a_draft_or_unpublished_closed_session_has_no_calendar_file(client, make_session, status):
    assert client.get(session_url(make_session(status=status))).status_code == 404


def test_a_session_is_only_found_under_its_own_neighbourhood(client, make_session, municipality):
    NeighbourhoodFactory(municipality=municipality, slug="elders-wijk")
    session = make_session()
    url = reverse("residents:session_ics", args=["testdal", "elders-wijk", session.pk])
    assert client.get(url).status_code == 404


def test_posting_to_a_calendar_file_is_not_allowed(client, make_session):
    assert client.post(session_url(make_session())).status_code == 405
    assert client.post(feed_url()).status_code == 405


# --- The neighbourhood feed ----------------------------------------------------------------


def test_the_feed_holds_the_upcoming_sessions_only(client, make_session, municipality):
    soon = make_session(title="Binnenkort")
    live = make_session(title="Nu bezig", starts_at=timezone.now())
    live.open_live()
    make_session(title="Concept", status="concept")
    make_session(title="Gesloten", status="gesloten", starts_at=timezone.now())
    make_session(
        title="Al geweest",
        status="gepubliceerd",
        starts_at=timezone.now() - datetime.timedelta(days=30),
    )
    other = NeighbourhoodFactory(municipality=municipality, slug="elders-wijk")
    make_session(title="Andere wijk", neighbourhood=other)
    response = client.get(feed_url())
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    components = parse(response.content.decode())
    events = [c for c in components if c["name"] == "VEVENT"]
    assert [unescape(one(e, "SUMMARY")) for e in events] == ["Nu bezig", "Binnenkort"]
    assert {one(e, "UID").split("@")[0] for e in events} == {
        f"sessie-{live.pk}",
        f"sessie-{soon.pk}",
    }
    [calendar] = [c for c in components if c["name"] == "VCALENDAR"]
    assert unescape(one(calendar, "X-WR-CALNAME")) == "Bijeenkomsten in Bloemenwijk"


def test_the_feed_holds_no_join_code_and_no_participant(client, make_session):
    live = make_session(starts_at=timezone.now())
    live.open_live()
    Participant.objects.create(session=live, token=Participant.new_token(), display_name="Jansen")
    body = client.get(feed_url()).content.decode()
    assert "Jansen" not in body
    [event] = vevents(client.get(feed_url()))
    texts = [unescape(one(event, name)) for name in ("SUMMARY", "DESCRIPTION", "LOCATION")]
    assert all(live.join_code not in text for text in texts)


def test_an_unknown_neighbourhood_has_no_feed(client, municipality):
    url = reverse("residents:neighbourhood_ics", args=["testdal", "bestaat-niet"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_the_feed_runs_two_queries_however_many_sessions(
    size, client, make_session, django_assert_num_queries
):
    for i in range(size):
        make_session(title=f"Sessie {i}")
    with django_assert_num_queries(2):
        response = client.get(feed_url())
    assert len([c for c in parse(response.content.decode()) if c["name"] == "VEVENT"]) == size
