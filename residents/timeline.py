"""Catching up on a neighbourhood: one timeline of what happened, with a "since" filter, and the
story so far in plain words.

Each app offers its events (dialogue.timeline, roadmap.timeline); this module adds the answered
public questions and composes them for the neighbourhood page and the follower digest. Every
part runs a fixed number of queries, however long the history.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboard import timeline as dashboard_timeline
from designation import timeline as designation_timeline
from dialogue import timeline as dialogue_timeline
from dialogue.models import DialogueSession
from roadmap import timeline as roadmap_timeline
from roadmap.public import LatestAdopted
from wup.events import Event, EventKind, newest_first
from wup.models import HeatSolution, Neighbourhood, Phase

# The id of the part of the timeline that the "since" form replaces through HTMX.
TIMELINE_TARGET = "tijdlijn-resultaat"

PHASE_EXPLAINED = {
    Phase.EXPLORING: gettext_lazy(
        "We zoeken samen uit welke manier van verwarmen het beste past bij de wijk."
    ),
    Phase.PLANNING: gettext_lazy("We maken samen een plan: welke oplossing, wanneer en hoe."),
    Phase.DECIDING: gettext_lazy("De gemeente neemt een besluit over het plan."),
    Phase.IMPLEMENTING: gettext_lazy("Het plan wordt uitgevoerd: er wordt gewerkt in de wijk."),
    Phase.MANAGING: gettext_lazy("Het werk is klaar. We kijken hoe het gaat en wat beter kan."),
}


def answered_questions(
    neighbourhood: Neighbourhood,
) -> list[tuple[int, str, str, datetime.datetime]]:
    """Return (pk, public wording, answer, answered at) of the answered questions the lead
    published, in one query: the timeline's events, and on the neighbourhood page also the
    questions part (residents.questions.public_answers)."""
    return list(
        neighbourhood.questions.published()
        .exclude(public_text="")
        .values_list("pk", "public_text", "answer", "answered_at")
    )


def question_events(
    neighbourhood: Neighbourhood,
    answered: list[tuple[int, str, str, datetime.datetime]] | None = None,
) -> list[Event]:
    """Return the answered questions the lead published, in their anonymised public wording."""
    if answered is None:
        answered = answered_questions(neighbourhood)
    return [
        Event(
            date=timezone.localdate(answered_at),
            kind=EventKind.QUESTION_ANSWERED,
            title=_("Vraag: %(question)s") % {"question": question},
            text=answer,
            app="wup",
        )
        for _pk, question, answer, answered_at in answered
    ]


def timeline_for(
    neighbourhood: Neighbourhood,
    since: datetime.date | None = None,
    *,
    today: datetime.date | None = None,
    adopted: LatestAdopted | None = None,
    sessions: list[DialogueSession] | None = None,
    answered: list[tuple[int, str, str, datetime.datetime]] | None = None,
) -> list[Event]:
    """Return everything that happened in the neighbourhood, newest first.

    With `since`, only what happened or became public on or after that day. Eight queries at
    most, whatever the number of events (pass a neighbourhood with its municipality loaded);
    fewer when the page has read `adopted`, `sessions` (dialogue.public.public_sessions) or
    `answered` (answered_questions) already.
    """
    adopted = adopted or LatestAdopted(neighbourhood)
    events = [
        *dialogue_timeline.events_for(neighbourhood, sessions),
        *roadmap_timeline.events_for(neighbourhood, today=today, adopted=adopted),
        *dashboard_timeline.events_for(neighbourhood, adopted=adopted),
        *designation_timeline.events_for(neighbourhood, today=today),
        *question_events(neighbourhood, answered),
    ]
    if since is not None:
        events = [e for e in events if e.known_on >= since]
    return newest_first(events)


@dataclass(frozen=True)
class Story:
    """The story so far: what is planned, why, where we stand and what comes next."""

    solution: str
    solution_chosen: bool
    phase: str
    phase_explained: str
    phase_detail: str
    gas_free_year: int | None
    outlook: roadmap_timeline.Outlook | None
    agreed: list[dialogue_timeline.AgreedOutcome]
    next_session: DialogueSession | None
    today: datetime.date

    @property
    def reasons(self) -> list[roadmap_timeline.Reason]:
        return self.outlook.reasons if self.outlook else []


def story_for(
    neighbourhood: Neighbourhood,
    *,
    today: datetime.date | None = None,
    adopted: LatestAdopted | None = None,
    sessions: list[DialogueSession] | None = None,
) -> Story:
    """Return the story so far, in three or four queries (fewer when the page has read `adopted`
    or `sessions`, dialogue.public.public_sessions, already).

    The "why" are the adopted roadmap's core values and the dialogue outcomes behind them; before
    a roadmap has core values, the outcomes agreed in published sessions.
    """
    today = today or timezone.localdate()
    outlook = roadmap_timeline.outlook_for(neighbourhood, today=today, adopted=adopted)
    agreed = [] if outlook and outlook.reasons else dialogue_timeline.agreed_outcomes(neighbourhood)
    return Story(
        solution=neighbourhood.get_preferred_solution_display(),
        solution_chosen=neighbourhood.preferred_solution != HeatSolution.UNKNOWN,
        phase=neighbourhood.get_phase_display(),
        phase_explained=str(PHASE_EXPLAINED.get(neighbourhood.phase, "")),
        phase_detail=neighbourhood.phase_detail,
        gas_free_year=neighbourhood.planned_gas_free_year,
        outlook=outlook,
        agreed=agreed,
        next_session=dialogue_timeline.next_session(neighbourhood, sessions),
        today=today,
    )


class SinceForm(forms.Form):
    """The "what changed since …" filter. A date the form cannot read shows everything."""

    sinds = forms.DateField(
        label=gettext_lazy("Wat is er veranderd sinds…"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy(
                "Dit is geen datum die we kunnen lezen. Kies een dag, bijvoorbeeld 1-3-2025. "
                "U ziet nu alles wat er gebeurde."
            )
        },
    )


TIMELINE_LENGTH = 12


def timeline_context(
    neighbourhood: Neighbourhood,
    query: QueryDict,
    *,
    today: datetime.date | None = None,
    adopted: LatestAdopted | None = None,
    sessions: list[DialogueSession] | None = None,
    answered: list[tuple[int, str, str, datetime.datetime]] | None = None,
) -> dict:
    """Return the timeline part of the page's context: timeline, since_form and since.

    An empty `sinds` is no filter; one the form cannot read shows everything, with a message.
    """
    form = SinceForm(query if query.get("sinds") else None)
    since = form.cleaned_data["sinds"] if form.is_valid() else None
    events = timeline_for(
        neighbourhood, since, today=today, adopted=adopted, sessions=sessions, answered=answered
    )
    # Years of history would make a long page on a phone: the newest first, the rest on request
    # (or through the since filter).
    shown = events if since or query.get("alles") == "1" else events[:TIMELINE_LENGTH]
    return {
        "timeline": shown,
        "timeline_hidden": len(events) - len(shown),
        "since_form": form,
        "since": since,
    }


def catch_up(
    neighbourhood: Neighbourhood,
    query: QueryDict,
    *,
    today: datetime.date | None = None,
    adopted: LatestAdopted | None = None,
    sessions: list[DialogueSession] | None = None,
    answered: list[tuple[int, str, str, datetime.datetime]] | None = None,
) -> dict:
    """Return the neighbourhood page's catch-up context: story, timeline, since_form, since.

    The story and the timeline both read the adopted roadmap: `adopted` reads it once for both
    (and for the roadmap brief, when the page passes the same one there). The same goes for
    the sessions (`sessions`, also for the dialogue part) and the answered questions
    (`answered`, also for the questions part)."""
    adopted = adopted or LatestAdopted(neighbourhood)
    return {
        "story": story_for(neighbourhood, today=today, adopted=adopted, sessions=sessions),
        **timeline_context(
            neighbourhood, query, today=today, adopted=adopted, sessions=sessions, answered=answered
        ),
    }


def wants_timeline_only(request: HttpRequest) -> bool:
    """Return whether this is the since form's HTMX request for the timeline alone."""
    return bool(request.htmx) and request.htmx.target == TIMELINE_TARGET
