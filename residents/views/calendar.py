"""Dialogue sessions as iCalendar (RFC 5545): a file per session and a feed per neighbourhood,
so residents can add a session to the calendar on their phone.

Only what the public page shows goes in: title, time, place, what the session tests and what
can and cannot be influenced. No participants, no join code, nothing about a person.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from dialogue.models import DialogueSession
from wup import links
from wup.models import Neighbourhood

CRLF = "\r\n"
MAX_OCTETS = 75
# A session has no duration field; two hours is how long the sessions in the demo and the
# field guides take.
SESSION_LENGTH = datetime.timedelta(hours=2)
PRODID = "-//Wijkwaarde//Wijkwaarde//NL"
# Control characters are not allowed in TEXT values (RFC 5545 §3.3.11), except the tab.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
PUBLIC_STATUSES = [
    DialogueSession.Status.SCHEDULED,
    DialogueSession.Status.LIVE,
    DialogueSession.Status.PUBLISHED,
]


def escape_text(value: str) -> str:
    """Return a TEXT value with backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """Return a content line folded into lines of at most 75 octets, never inside a character.

    A continuation line starts with one space, which counts towards its 75 octets.
    """
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > MAX_OCTETS:
            parts.append(current)
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return CRLF.join(parts)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(links.site_url()).hostname or "wijkwaarde.localhost"


def session_uid(session: DialogueSession) -> str:
    """Return the session's UID: stable, so a calendar updates the event instead of adding one."""
    return f"sessie-{session.pk}@{_host()}"


def _description(session: DialogueSession, page_url: str) -> str:
    parts = [
        session.proposition,
        _("Hier hebt u invloed op: %(text)s") % {"text": session.can_influence},
        _("Hier niet: %(text)s") % {"text": session.cannot_influence},
    ]
    if session.online_link:
        parts.append(_("Online meedoen: %(url)s") % {"url": session.online_link})
    parts.append(_("Meer over de wijk: %(url)s") % {"url": page_url})
    return "\n\n".join(p.strip() for p in parts if p.strip())


def _vevent(session: DialogueSession, neighbourhood: Neighbourhood, now: datetime.datetime) -> list:
    page_url = links.absolute(
        reverse(
            "residents:neighbourhood", args=[neighbourhood.municipality.slug, neighbourhood.slug]
        )
    )
    location = session.location or (_("Online") if session.online_link else "")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{session_uid(session)}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.starts_at + SESSION_LENGTH)}",
        f"SUMMARY:{escape_text(session.title)}",
        f"DESCRIPTION:{escape_text(_description(session, page_url))}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [f"URL:{page_url}", "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def calendar_for(
    sessions: list[DialogueSession],
    neighbourhood: Neighbourhood,
    *,
    name: str,
    now: datetime.datetime | None = None,
) -> str:
    """Return an iCalendar object with one VEVENT per session, CRLF-terminated and folded."""
    now = now or timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    for session in sessions:
        lines += _vevent(session, neighbourhood, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
@cache_control(max_age=300, public=True)
def session_ics(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str, pk: int
) -> HttpResponse:
    """One session as a calendar file ("add to my calendar")."""
    session = get_object_or_404(
        DialogueSession.objects.filter(status__in=PUBLIC_STATUSES).select_related(
            "neighbourhood__municipality"
        ),
        pk=pk,
        neighbourhood__slug=neighbourhood_slug,
        neighbourhood__municipality__slug=municipality_slug,
    )
    body = calendar_for([session], session.neighbourhood, name=session.title)
    return _ics_response(body, f"sessie-{session.pk}.ics")


@require_safe
@cache_control(max_age=300, public=True)
def neighbourhood_ics(
    request: HttpRequest, municipality_slug: str, neighbourhood_slug: str
) -> HttpResponse:
    """The neighbourhood's upcoming sessions as a calendar feed to subscribe to."""
    neighbourhood = get_object_or_404(
        Neighbourhood.objects.select_related("municipality"),
        slug=neighbourhood_slug,
        municipality__slug=municipality_slug,
    )
    sessions = list(neighbourhood.sessions.upcoming().order_by("starts_at", "pk"))
    name = _("Bijeenkomsten in %(name)s") % {"name": neighbourhood.name}
    body = calendar_for(sessions, neighbourhood, name=name)
    return _ics_response(body, f"{neighbourhood.slug}.ics")
