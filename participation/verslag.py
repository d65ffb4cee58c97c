"""The participatieverslag's content, and the back office's list of everything that happened.

Both read what exists now: the activities and inputs of this app, the neighbourhood's triangle
sessions (dialogue) and the residents' answered questions (wup.Question). Nothing is copied.
`verslag_content` is what the public page, the PDF and the PDF's source hash share; it holds no
names of residents (session participants are pseudonymous, questions appear only in the
anonymised wording the lead published) and names staff by role only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue.models import DialogueSession, Outcome
from wup.models import Neighbourhood, Question

from .models import Activity, Input, OutcomeLink, Response, Verslag
from .representativeness import representativeness

# Sessions that took place: their participants and outcomes belong in the account.
HELD = [DialogueSession.Status.CLOSED, DialogueSession.Status.PUBLISHED]


def verslag_for(neighbourhood: Neighbourhood) -> Verslag:
    """Return the neighbourhood's verslag row, unsaved (not published) when there is none."""
    return Verslag.objects.filter(neighbourhood=neighbourhood).first() or Verslag(
        neighbourhood=neighbourhood
    )


def _inputs_queryset():
    return Input.objects.select_related(
        "question", "core_value", "milestone", "agreement", "indicator", "activity"
    ).prefetch_related("arguments")


def activities(neighbourhood: Neighbourhood) -> list[Activity]:
    """Return the activities with their inputs loaded, oldest first."""
    return list(
        Activity.objects.filter(neighbourhood=neighbourhood)
        .prefetch_related(Prefetch("inputs", queryset=_inputs_queryset()))
        .order_by("held_on", "pk")
    )


def held_sessions(neighbourhood: Neighbourhood) -> list[DialogueSession]:
    """Return the triangle sessions that took place, oldest first, with their outcomes, their
    links to the roadmap and their participant count."""
    return list(
        DialogueSession.objects.filter(neighbourhood=neighbourhood, status__in=HELD)
        .annotate(participant_count=Count("participants", distinct=True))
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.prefetch_related(
                    "core_values",
                    Prefetch(
                        "roadmap_links",
                        queryset=OutcomeLink.objects.select_related(
                            "milestone", "agreement", "indicator"
                        ),
                    ),
                ).order_by("kind", "pk"),
            )
        )
        .order_by("starts_at")
    )


def answered_questions(neighbourhood: Neighbourhood):
    return Question.objects.filter(neighbourhood=neighbourhood, answered_at__isnull=False)


def _input_content(item: Input) -> dict:
    question = item.question
    public_question = ""
    if question is not None and question.published and question.public_text:
        public_question = question.public_text
    return {
        "text": item.text,
        "theme": item.theme,
        "response": item.response,
        "response_label": str(Response(item.response).label),
        "target": str(item.target) if item.target is not None else "",
        "explanation": item.explanation,
        "to_council": item.to_council,
        "question": public_question,
        "arguments": [a.text for a in item.arguments.all() if not a.hidden],
    }


def _outcome_content(outcome: Outcome) -> dict:
    links = [_("Kernwaarde: %(name)s") % {"name": cv.name} for cv in outcome.core_values.all()]
    for link in outcome.roadmap_links.all():
        if link.milestone_id:
            links.append(_("Mijlpaal: %(name)s") % {"name": link.milestone.title})
        elif link.agreement_id:
            links.append(_("Afspraak: %(name)s") % {"name": link.agreement.title})
        else:
            links.append(_("Indicator: %(name)s") % {"name": link.indicator.name})
    return {
        "kind": outcome.kind,
        "kind_label": outcome.get_kind_display(),
        "text": outcome.text,
        "agreed": outcome.agreed,
        "links": links,
    }


def verslag_content(neighbourhood: Neighbourhood) -> dict:
    """Return everything the participatieverslag shows, as JSON-able data (dates as dates)."""
    verslag = verslag_for(neighbourhood)
    acts = activities(neighbourhood)
    sessions = held_sessions(neighbourhood)
    questions = answered_questions(neighbourhood)
    published_questions = list(
        questions.filter(published=True)
        .exclude(public_text="")
        .order_by("answered_at", "pk")
        .values_list("public_text", "answer", "answered_at")
    )
    activity_rows = [
        {
            "kind": a.kind,
            "kind_label": a.get_kind_display(),
            "title": a.title,
            "date": a.held_on,
            "place": a.place,
            "audience": a.audience,
            "level": a.get_level_display(),
            "reach": a.reach_total,
            "reach_groups": [{"label": label, "n": n} for label, n in a.reach_rows()],
            "notes": a.notes,
            "themes": a.theme_list,
            "inputs": [_input_content(i) for i in a.inputs.all()],
        }
        for a in acts
    ]
    session_rows = [
        {
            "title": s.title,
            "date": timezone.localtime(s.starts_at).date(),
            "place": s.location or _("Online"),
            "level": s.get_participation_level_display(),
            "participants": s.participant_count,
            "published": s.status == DialogueSession.Status.PUBLISHED,
            "summary": s.summary if s.status == DialogueSession.Status.PUBLISHED else "",
            "outcomes": [_outcome_content(o) for o in s.outcomes.all()],
        }
        for s in sessions
    ]
    # Everything, in order of date: the list of activities at the end of the verslag.
    overview = sorted(
        [
            {
                "date": row["date"],
                "kind": row["kind_label"],
                "title": row["title"],
                "n": row["reach"],
            }
            for row in activity_rows
        ]
        + [
            {
                "date": row["date"],
                "kind": _("Dialoogsessie (waardendriehoek)"),
                "title": row["title"],
                "n": row["participants"],
            }
            for row in session_rows
        ],
        key=lambda row: (row["date"], row["title"]),
    )
    inputs = [i for row in activity_rows for i in row["inputs"]]
    done = {
        "taken": sum(1 for i in inputs if i["target"]),
        "answered": sum(1 for i in inputs if i["response"] == Response.ANSWERED),
        "not_taken": sum(1 for i in inputs if i["response"] == Response.NOT_TAKEN),
        "open": sum(1 for i in inputs if i["response"] == Response.OPEN),
    }
    open_questions = [
        {"source": row["title"], "text": i["text"], "to_council": i["to_council"]}
        for row in activity_rows
        for i in row["inputs"]
        if i["response"] == Response.OPEN or i["to_council"]
    ] + [
        {"source": row["title"], "text": o["text"], "to_council": True}
        for row in session_rows
        for o in row["outcomes"]
        if o["kind"] == Outcome.Kind.OPEN_QUESTION and not o["links"]
    ]
    rep = representativeness(neighbourhood)
    return {
        "neighbourhood": neighbourhood.name,
        "intro": verslag.intro,
        "published": verslag.is_published,
        "published_on": timezone.localtime(verslag.published_at).date()
        if verslag.published_at
        else None,
        "activities": activity_rows,
        "sessions": session_rows,
        "questions": [
            {"text": text, "answer": answer, "date": timezone.localtime(at).date()}
            for text, answer, at in published_questions
        ],
        "questions_answered": questions.count(),
        "questions_private": questions.count() - len(published_questions),
        "overview": overview,
        "reach_total": sum(row["n"] or 0 for row in overview),
        "done": done,
        "input_count": len(inputs),
        "open_questions": open_questions,
        "representativeness": {
            "total": rep.total,
            "reference_year": rep.reference_year,
            "has_cbs": rep.has_cbs,
            "under": rep.under,
            "over": rep.over,
            "rows": [
                {
                    "label": r.label,
                    "n": r.participants,
                    "share": r.share_participants,
                    "homes": r.share_homes,
                }
                for r in rep.rows
            ],
        },
    }


@dataclass(frozen=True)
class Item:
    """One row of the back office's list: an activity, a session or an answered question."""

    date: datetime.date
    source: str  # "activity", "session", "question"
    kind: str
    title: str
    reach: int | None
    obj: object


def everything(neighbourhood: Neighbourhood) -> list[Item]:
    """Return the activities, the triangle sessions (all but drafts) and the answered questions
    of a neighbourhood, newest first."""
    items = [
        Item(a.held_on, "activity", a.get_kind_display(), a.title, a.reach_total, a)
        for a in Activity.objects.filter(neighbourhood=neighbourhood).for_list()
    ]
    sessions = (
        DialogueSession.objects.filter(neighbourhood=neighbourhood)
        .exclude(status=DialogueSession.Status.DRAFT)
        .annotate(participant_count=Count("participants", distinct=True))
    )
    items += [
        Item(
            timezone.localtime(s.starts_at).date(),
            "session",
            _("Dialoogsessie (waardendriehoek)"),
            s.title,
            s.participant_count if s.status in HELD else None,
            s,
        )
        for s in sessions
    ]
    items += [
        Item(
            timezone.localtime(q.answered_at).date(),
            "question",
            _("Beantwoorde vraag"),
            q.public_text or q.text[:120],
            None,
            q,
        )
        for q in answered_questions(neighbourhood).only(
            "pk", "text", "public_text", "answered_at", "neighbourhood_id"
        )
    ]
    return sorted(items, key=lambda i: (i.date, i.title), reverse=True)


def open_inputs(neighbourhood: Neighbourhood) -> list[Input]:
    """Inputs not decided on yet, or that go to the council."""
    return list(
        _inputs_queryset()
        .filter(activity__neighbourhood=neighbourhood)
        .open_questions()
        .order_by("-to_council", "activity__held_on", "pk")
    )
