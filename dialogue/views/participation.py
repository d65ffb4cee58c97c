"""Residents' views on their phones: join with a code, say who you are, score, argue, agree.

No account: a random token in an HttpOnly cookie ties the phone to its participation, so
leaving and coming back keeps it. Everything works as plain forms; HTMX makes it live.
"""

from __future__ import annotations

import functools
import hashlib
import time
import weakref

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dialogue import reach
from dialogue.forms import ArgumentForm, JoinForm, PartyCodeForm, ProfileForm, ScoreForm
from dialogue.models import Argument, DialogueSession, Participant, Prompt, Score, Step
from dialogue.results import compare
from wup.antispam import count_event
from wup.client import client_address

COOKIE_PREFIX = "ww_deelname_"
COOKIE_AGE = 24 * 3600
# Wrong codes only count against a client: right codes are never slowed down, so 300 phones
# behind one venue address all get in. Per browser (cookie) and, for clients that drop
# cookies, a wider limit per address.
WRONG_CODES_PER_BROWSER = 10
WRONG_CODES_PER_ADDRESS = 100
WRONG_CODE_WINDOW = 60
# New participants per client address per session per hour (setting LIVE_JOINS_PER_ADDRESS):
# generous, so a whole venue behind one address gets in, but one client without cookies cannot
# add hundreds of scoring participants. Arguments per participant per minute.
JOIN_WINDOW = 3600
ARGUMENTS_PER_MINUTE = 5


STEP_HELP = {
    Step.WELCOME: gettext_lazy("Welkom! Vertel ons kort wie u bent. Uw naam mag u weglaten."),
    Step.SCORE: gettext_lazy("Geef elke kant van de driehoek een score van 1 tot 5."),
    Step.ARGUMENTS: gettext_lazy("Schrijf uw argumenten op en reageer op die van anderen."),
    Step.DISCUSS: gettext_lazy("We bespreken de argumenten. U kunt nog reageren."),
    Step.OUTCOMES: gettext_lazy("We kijken samen naar de uitkomsten."),
    Step.CLOSE: gettext_lazy("Dank u wel voor het meedoen!"),
}


def _cookie_name(session: DialogueSession) -> str:
    return f"{COOKIE_PREFIX}{session.pk}"


def _participant(request: HttpRequest, session: DialogueSession) -> Participant | None:
    token = request.COOKIES.get(_cookie_name(session))
    if not token:
        return None
    return Participant.objects.filter(session=session, token=token).first()


def _live_session(code: str) -> DialogueSession | None:
    return (
        DialogueSession.objects.select_related("neighbourhood__municipality")
        .filter(status=DialogueSession.Status.LIVE, join_code=code)
        .first()
    )


def _throttle_keys(request: HttpRequest) -> list[tuple[str, int]]:
    keys = [(f"join-fail:ip:{client_address(request)}", WRONG_CODES_PER_ADDRESS)]
    if browser := request.COOKIES.get(settings.CSRF_COOKIE_NAME):
        keys.append((f"join-fail:browser:{browser}", WRONG_CODES_PER_BROWSER))
    return keys


def _too_many_wrong_codes(request: HttpRequest) -> bool:
    counts = cache.get_many([key for key, _limit in _throttle_keys(request)])
    return any(counts.get(key, 0) >= limit for key, limit in _throttle_keys(request))


def _count_wrong_code(request: HttpRequest) -> None:
    for key, _limit in _throttle_keys(request):
        count_event(key, window=WRONG_CODE_WINDOW)


def _too_many_wrong_codes_message() -> str:
    return _("U hebt te vaak een verkeerde code ingevuld. Wacht een minuut en probeer het opnieuw.")


def _too_many_joins(request: HttpRequest, session: DialogueSession) -> bool:
    """Count one new participant from this address in this session; over the cap?"""
    key = f"join-new:{session.pk}:ip:{client_address(request)}"
    return count_event(key, window=JOIN_WINDOW) > settings.LIVE_JOINS_PER_ADDRESS


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """The join page: type the code from the screen (or arrive by QR with it in the URL)."""
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _too_many_wrong_codes(request):
            form.is_valid()
            form.add_error(None, _too_many_wrong_codes_message())
            status = 429
        elif form.is_valid():
            session = _live_session(form.cleaned_data["code"])
            if session:
                return _enter(request, session)
            _count_wrong_code(request)
            form.add_error(
                "code",
                _(
                    "Deze code hoort niet bij een sessie die nu bezig is. "
                    "Kijk nog eens op het scherm."
                ),
            )
    return render(request, "dialogue/join.html", {"form": form}, status=status)


@never_cache
@require_safe
def join_code(request: HttpRequest, code: str) -> HttpResponse:
    """Where the QR code leads: join straight away if the session is live.

    A wrong code here counts exactly like one typed into the form: otherwise the link would be
    a way to guess codes without a limit."""
    if _too_many_wrong_codes(request):
        form = JoinForm(initial={"code": code})
        form.errors[NON_FIELD_ERRORS] = form.error_class([_too_many_wrong_codes_message()])
        return render(request, "dialogue/join.html", {"form": form}, status=429)
    session = _live_session(code)
    if session is None:
        _count_wrong_code(request)
        form = JoinForm()
        form.errors["code"] = form.error_class(
            [_("Deze sessie is niet (meer) bezig. Vraag de code aan de gespreksleider.")]
        )
        return render(request, "dialogue/join.html", {"form": form}, status=404)
    if _participant(request, session):
        return redirect("dialogue:participate", code)
    if session.locked:
        # A wrong try for the limits, as a wrong code: a locked room cannot be knocked on
        # without end.
        _count_wrong_code(request)
        return _locked(request, session)
    return render(
        request,
        "dialogue/join_confirm.html",
        {"session": session, "form": JoinForm(initial={"code": code})},
    )


def _locked(request: HttpRequest, session: DialogueSession, status: int = 403) -> HttpResponse:
    form = JoinForm(initial={"code": session.join_code})
    form.errors["code"] = form.error_class(
        [
            _(
                "Deze sessie is gesloten voor nieuwe deelnemers: iedereen is binnen. "
                "Vraag de gespreksleider als u toch mee wilt doen."
            )
        ]
    )
    return render(request, "dialogue/join.html", {"form": form}, status=status)


def _enter(request: HttpRequest, session: DialogueSession) -> HttpResponse:
    response = redirect("dialogue:participate", session.join_code)
    if _participant(request, session) is None:
        if session.locked:
            _count_wrong_code(request)
            return _locked(request, session)
        if _too_many_joins(request, session):
            form = JoinForm(initial={"code": session.join_code})
            form.errors[NON_FIELD_ERRORS] = form.error_class(
                [
                    _(
                        "Vanaf deze verbinding doen al heel veel telefoons mee aan deze sessie. "
                        "Vraag de gespreksleider om hulp."
                    )
                ]
            )
            return render(request, "dialogue/join.html", {"form": form}, status=429)
        participant = Participant.objects.create(
            session=session,
            token=Participant.new_token(),
            person_key=reach.person_key(request, response),  # counted once across sessions
        )
        response.set_cookie(
            _cookie_name(session),
            participant.token,
            max_age=COOKIE_AGE,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )
    return response


def _context(request, session, participant, *, only=None, prompts=None, **forms) -> dict:
    """Return the phone page's context, or with `only` just one part of it (an HTMX answer
    renders one part, so it builds only what that part shows)."""
    context = {"session": session}
    if only in (None, "profile"):
        context["profile_form"] = forms.get("profile_form") or ProfileForm(instance=participant)
        context["party_form"] = forms.get("party_form") or PartyCodeForm()
        context["has_parties"] = session.invited_parties.exists()
        context["party"] = participant.party if participant.party_id else None
        context["participant"] = participant
    if only in (None, "scores"):
        mine = {(s.prompt_id, s.proposition): (s.value, s.reason) for s in participant.scores.all()}
        if prompts is None:
            prompts = _live_prompts(session)
        context["score_form"] = forms.get("score_form") or ScoreForm(
            prompts=prompts, initial_scores=mine, propositions=session.propositions
        )
        context["has_scored"] = bool(mine)
    if only in (None, "arguments", "argument_list"):
        my_votes = dict(participant.argument_votes.values_list("argument_id", "agrees"))
        arguments = list(session.arguments.visible().with_votes().order_by("side", "-created_at"))
        for argument in arguments:
            argument.my_vote = my_votes.get(argument.pk)
            argument.is_mine = argument.participant_id == participant.pk
        if only != "argument_list":
            context["argument_form"] = forms.get("argument_form") or ArgumentForm()
        context["arguments"] = arguments
        context["personal"] = True  # this phone's votes and arguments are marked
    if only is None:
        context["municipality"] = session.neighbourhood.municipality
        context["participant"] = participant
        context.update(_status(session))
    return context


def _status(session: DialogueSession) -> dict:
    """Return what the phone's status area shows, with a version that changes when it does.

    The arguments with their counts ride along: the poll's answer carries the list that every
    phone shows (as an out-of-band swap), so a new argument, a vote or a hidden argument reaches
    the phones with the same poll and no extra query as the results.
    """
    results, arguments, shown = _recent_live(session)
    version = f"{session.current_step}|{shown}"
    return {
        "session": session,
        "results": results,
        "comparison": compare(session.propositions, results),
        "arguments": arguments,
        "step_help": STEP_HELP[session.current_step],
        "status_version": hashlib.blake2b(version.encode(), digest_size=8).hexdigest(),
    }


def _shown(results, arguments: list[Argument]) -> str:
    """Every figure and argument the status fragment shows, as text: so a phone is never told
    "nothing changed" while it shows something else (and every phone with this version is
    shown the same). Computed once per memory refresh, not per poll."""
    parts = [f"{a.pk}:{a.agree_count}:{a.disagree_count}" for a in arguments]
    if results:
        for number in range(1, 4):
            shown = results.for_proposition(number)
            parts += [str(shown.participants)]
            parts += [
                f"{s.n}:{s.count}:{s.mean}:{s.median}:{s.spread}:{sorted(s.distribution.items())}"
                for s in shown.sides.values()
            ]
            parts += [str(shown.shifts), str(shown.perspective_rows()), str(shown.party_rows())]
    return "|".join(parts)


def _get_participation(
    request, code, *, with_place: bool = False
) -> tuple[DialogueSession | None, Participant | None]:
    """Return the live session with this code and the phone's participation in it.

    Every vote and poll starts here, so the usual case is one query: the participation found
    by the phone's tokens, with its session (and, for a whole page, its neighbourhood and
    municipality too). The session must be live and the participation must belong to it, on
    every request: nothing of this is cached.
    """
    tokens = [v for k, v in request.COOKIES.items() if k.startswith(COOKIE_PREFIX)]
    if tokens:
        if with_place:
            participant = (
                Participant.objects.select_related("session__neighbourhood__municipality")
                .filter(
                    token__in=tokens,
                    session__join_code=code,
                    session__status=DialogueSession.Status.LIVE,
                )
                .first()
            )
        else:
            participant = _find_participant(tokens, code)
        if participant is not None:
            return participant.session, participant
    return _live_session(code), None


# -- The hot path of a live session -----------------------------------------------------------
#
# Three hundred phones post their scores and ask for the status every few seconds, so these
# answers should cost no more than the floor view (DESIGN.md, "Speed"). Measured, per request:
# building the participation query with the ORM takes about ten times as long as the database
# takes to answer it, so the query is written out once here; under load every round trip to
# PostgreSQL or Redis costs more than the Python around it, so a vote is one statement (the
# check that the phone takes part in the live session and the upsert together) and a status
# poll one query. A Redis round trip costs about as much as that indexed query, so the
# participation is not cached: it is checked against the live session on every request. What
# cannot change while a session is live (its prompts), or is the same for every phone (the
# status fragment of one version), each process keeps in memory.

_SESSION_FIELDS = DialogueSession._meta.concrete_fields
_PARTICIPANT_FIELDS = Participant._meta.concrete_fields
_SESSION_NAMES = [f.attname for f in _SESSION_FIELDS]
_PARTICIPANT_NAMES = [f.attname for f in _PARTICIPANT_FIELDS]


@functools.lru_cache(maxsize=32)
def _participant_sql(vendor: str, tokens: int) -> str:
    """The participation query (what _get_participation's ORM query would be without the
    neighbourhood), for this many tokens."""
    q = connection.ops.quote_name
    session, participant = DialogueSession._meta.db_table, Participant._meta.db_table
    columns = [f"s.{q(f.column)}" for f in _SESSION_FIELDS]
    columns += [f"p.{q(f.column)}" for f in _PARTICIPANT_FIELDS]
    return (
        # Only quoted names from the models and placeholders: no value is put in the text.
        f"SELECT {', '.join(columns)} FROM {q(participant)} p "  # noqa: S608  # nosec B608  # quoted names, placeholders
        f"INNER JOIN {q(session)} s ON s.{q('id')} = p.{q('session_id')} "
        f"WHERE p.{q('token')} IN ({', '.join(['%s'] * tokens)}) "
        f"AND s.{q('join_code')} = %s AND s.{q('status')} = %s "
        f"LIMIT 1"
    )


# Per database connection and model: the converters the ORM would apply to each column.
_converters_memory: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _from_row(db, model, fields, names, values: list) -> models.Model:
    """Build a model instance from database values, converted as the ORM would (SQLite
    returns dates as text; PostgreSQL needs nothing)."""
    known = _converters_memory.setdefault(db, {})
    if model not in known:
        cols = [(i, field.get_col(model._meta.db_table)) for i, field in enumerate(fields)]
        known[model] = [
            (i, col, converters)
            for i, col in cols
            if (converters := db.ops.get_db_converters(col) + col.get_db_converters(db))
        ]
    for i, col, converters in known[model]:
        for convert in converters:
            values[i] = convert(values[i], col, db)
    return model.from_db(db.alias, names, values)


def _find_participant(tokens: list[str], code: str) -> Participant | None:
    """Return the participation of one of these tokens in the live session with this code,
    with its session, in one query."""
    db = connections[DEFAULT_DB_ALIAS]
    with db.cursor() as cursor:
        cursor.execute(
            _participant_sql(db.vendor, len(tokens)),
            [*tokens, code, DialogueSession.Status.LIVE.value],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(_SESSION_FIELDS)
    session = _from_row(db, DialogueSession, _SESSION_FIELDS, _SESSION_NAMES, list(row[:split]))
    participant = _from_row(
        db, Participant, _PARTICIPANT_FIELDS, _PARTICIPANT_NAMES, list(row[split:])
    )
    Participant.session.field.set_cached_value(participant, session)
    return participant


# Small per-process memories; a live session has a handful of entries at a time.
_MEMORY_SIZE = 64
_prompts_memory: dict[tuple, list[Prompt]] = {}
_status_memory: dict[tuple, str] = {}


def _remember(memory: dict, key, value):
    if len(memory) >= _MEMORY_SIZE:
        memory.clear()
    memory[key] = value
    return value


def _live_prompts(session: DialogueSession) -> list[Prompt]:
    """Return the session's prompts. While it is live they cannot be edited (only a planned
    session's can), so they are read once per process for each time the session went live."""
    if not session.is_live:
        return session.live_prompts()
    key = (session.pk, session.opened_at)
    prompts = _prompts_memory.get(key)
    if prompts is None:
        prompts = _remember(_prompts_memory, key, session.live_prompts())
    return prompts


# A live session's results are computed at most once per LIVE_RESULTS_SECONDS and shared through
# the cache; each process keeps them for a second more, so a status poll asks nothing of Redis.
# The figures on a phone are then at most three seconds old instead of two.
RESULTS_MEMORY_SECONDS = 1.0
_results_memory: dict[tuple, tuple[float, object, list]] = {}


def _recent_live(session: DialogueSession) -> tuple[object | None, list[Argument], str]:
    """Return the results (None while they are not revealed), the arguments every phone sees
    and what of them the fragment shows (for its version), at most RESULTS_MEMORY_SECONDS older
    than the cache."""
    key = (session.pk, session.opened_at, session.results_revealed)
    now = time.monotonic()
    remembered = _results_memory.get(key)
    if remembered is None or now - remembered[0] >= RESULTS_MEMORY_SECONDS:
        results = session.results() if session.results_revealed else None
        arguments = session.live_arguments()
        remembered = _remember(
            _results_memory, key, (now, results, arguments, _shown(results, arguments))
        )
    return remembered[1], remembered[2], remembered[3]


# The prompts of the session that was live under a join code when this process last looked it
# up. Only a guess that saves the vote a query: the vote's statement stores nothing unless the
# prompts belong to the live session with that code (see _save_scores_sql).
_code_memory: dict[str, tuple[list[Prompt], list[tuple[int, str]]]] = {}


@functools.lru_cache(maxsize=32)
def _save_scores_sql(vendor: str, tokens: int, scores: int) -> str:
    """One statement that stores a phone's scores only if one of its tokens is a participant
    of the live session with this code and every prompt belongs to that session: as
    Participant.give_scores, an upsert on the unique (participant, prompt), so a second vote
    updates and parallel votes cannot make a second row. The first score stays in first_value,
    which the update leaves alone."""
    q = connection.ops.quote_name
    score, prompt = Score._meta.db_table, Prompt._meta.db_table
    session, participant = DialogueSession._meta.db_table, Participant._meta.db_table
    values = ", ".join(["(%s, %s, %s, %s)"] * scores)
    return (
        # Only quoted names from the models and placeholders: no value is put in the text.
        f"INSERT INTO {q(score)} "  # noqa: S608  # nosec B608  # quoted names, placeholders
        f"({q('participant_id')}, {q('prompt_id')}, {q('value')}, {q('first_value')}, "
        f"{q('reason')}, {q('proposition')}, {q('updated_at')}) "
        f"SELECT who.{q('id')}, pr.{q('id')}, v.column2, v.column2, v.column3, v.column4, %s "
        f"FROM (SELECT p.{q('id')}, p.{q('session_id')} FROM {q(participant)} p "
        f"INNER JOIN {q(session)} s ON s.{q('id')} = p.{q('session_id')} "
        f"WHERE p.{q('token')} IN ({', '.join(['%s'] * tokens)}) "
        f"AND s.{q('join_code')} = %s AND s.{q('status')} = %s LIMIT 1) who "
        f"INNER JOIN {q(prompt)} pr ON pr.{q('session_id')} = who.{q('session_id')} "
        f"INNER JOIN (VALUES {values}) v ON v.column1 = pr.{q('id')} "
        # SQLite needs a WHERE before ON CONFLICT in an INSERT … SELECT.
        f"WHERE 1 = 1 "
        f"ON CONFLICT ({q('participant_id')}, {q('prompt_id')}, {q('proposition')}) "
        f"DO UPDATE SET "
        f"{q('value')} = EXCLUDED.{q('value')}, {q('reason')} = EXCLUDED.{q('reason')}, "
        f"{q('updated_at')} = EXCLUDED.{q('updated_at')}"
    )


def _save_scores(tokens: list[str], code: str, scores: list[tuple[Prompt, int, str, int]]) -> bool:
    """Store the scores in one statement; return False (and store nothing) when no token of
    the phone belongs to the live session with this code or a prompt is not that session's."""
    params = [connection.ops.adapt_datetimefield_value(timezone.now())]
    params += [*tokens, code, DialogueSession.Status.LIVE.value]
    for prompt, value, reason, proposition in scores:
        params += [prompt.pk, value, reason, proposition]
    with connection.cursor() as cursor:
        cursor.execute(_save_scores_sql(connection.vendor, len(tokens), len(scores)), params)
        return cursor.rowcount == len(scores)


def _closed_session(request: HttpRequest) -> DialogueSession | None:
    """Return the session that this phone took part in and that has ended, the latest first."""
    tokens = [v for k, v in request.COOKIES.items() if k.startswith(COOKIE_PREFIX)]
    if not tokens:
        return None
    participant = (
        Participant.objects.select_related("session__neighbourhood__municipality")
        .filter(token__in=tokens)
        .exclude(session__status__in=[DialogueSession.Status.LIVE, DialogueSession.Status.DRAFT])
        .order_by("-session__closed_at")
        .first()
    )
    return participant.session if participant else None


def _ended(request: HttpRequest) -> HttpResponse:
    """The session is over. A phone with JavaScript gets the closing screen in place of the
    whole page, and its status poll stops (HTTP 286: htmx stops polling); without JavaScript
    it is a page of its own."""
    session = _closed_session(request)
    context = {"session": session}
    if session is not None:
        context["municipality"] = session.neighbourhood.municipality
    if request.htmx:
        response = render(request, "dialogue/ended.html#closed", context, status=286)
        response["HX-Retarget"] = "#main"
        response["HX-Reswap"] = "innerHTML"
        return response
    return render(request, "dialogue/ended.html", context, status=410)


@never_cache
@require_safe
def participate(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _get_participation(
        request, code, with_place=not (request.htmx and request.GET.get("deel") == "status")
    )
    if session is None:
        return _ended(request)
    if participant is None:
        return redirect("dialogue:join_code", code)
    if request.htmx and request.GET.get("deel") == "status":
        # Every phone asks every few seconds: answer "nothing new" without rendering anything.
        status = _status(session)
        version = status["status_version"]
        if request.GET.get("v") == version:
            return HttpResponse(status=204)
        # The same for every phone with this version: rendered once per process. It needs no
        # request (no form, no nonce), so none is passed.
        key = (session.pk, session.neighbourhood_id, session.join_code, version, get_language())
        html = _status_memory.get(key)
        if html is None:
            status["poll"] = True  # with the phones' shared argument list, out of band
            html = _remember(
                _status_memory,
                key,
                render_to_string("dialogue/participate.html#status", status),
            )
        return HttpResponse(html)
    return render(request, "dialogue/participate.html", _context(request, session, participant))


@never_cache
@require_POST
def profile(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
    if "party_code" in request.POST:
        return _party_code(request, session, participant)
    form = ProfileForm(request.POST, instance=participant)
    if form.is_valid():
        form.save()
        messages.success(request, _("Dank u. Uw gegevens zijn opgeslagen."))
        return _respond(
            request, session, participant, "dialogue/participate.html#profile", "profiel"
        )
    return _respond(
        request,
        session,
        participant,
        "dialogue/participate.html#profile",
        "profiel",
        status=422,
        profile_form=form,
    )


def _party_code(request, session: DialogueSession, participant: Participant) -> HttpResponse:
    """Link this participation to the invited party whose code was typed: from now on it
    scores as that party. A wrong code counts as a wrong try, like a wrong session code."""
    form = PartyCodeForm(request.POST)
    if form.is_valid() and _too_many_wrong_codes(request):
        form.add_error("party_code", _too_many_wrong_codes_message())
    elif form.is_valid():
        party = session.party_for_code(form.cleaned_data["party_code"])
        if party is None:
            _count_wrong_code(request)
            form.add_error(
                "party_code",
                _("Deze partijcode kennen we niet bij deze sessie. Kijk nog eens op uw briefje."),
            )
        else:
            participant.party = party
            participant.save(update_fields=["party"])
            session.forget_results()
            messages.success(
                request,
                _("Dank u. U geeft nu scores namens %(party)s.") % {"party": party.name},
            )
            return _respond(
                request, session, participant, "dialogue/participate.html#profile", "profiel"
            )
    return _respond(
        request,
        session,
        participant,
        "dialogue/participate.html#profile",
        "profiel",
        status=422,
        party_form=form,
    )


@never_cache
@require_POST
def score(request: HttpRequest, code: str) -> HttpResponse:
    # The hot path of a live session: with the prompts this process already knows for this
    # code, a valid vote is one statement that checks the participation and stores the scores.
    tokens = [v for k, v in request.COOKIES.items() if k.startswith(COOKIE_PREFIX)]
    if tokens and (known := _code_memory.get(code)):
        form = ScoreForm(request.POST, prompts=known[0], propositions=known[1])
        if form.is_valid() and _save_scores(tokens, code, form.scores()):
            return _scores_saved(request, code)
    # Otherwise (first vote in this process, another session under this code, not a
    # participant, errors): look the participation up first.
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
    prompts = _live_prompts(session)
    _remember(_code_memory, code, (prompts, session.propositions))
    form = ScoreForm(request.POST, prompts=prompts, propositions=session.propositions)
    if form.is_valid():
        participant.give_scores(form.scores())
        return _scores_saved(request, code)
    response = _respond(
        request,
        session,
        participant,
        "dialogue/participate.html#scores",
        "scores",
        status=422,
        score_form=form,
    )
    if request.htmx:
        # Errors replace the whole section (the form is aimed at the confirmation line).
        response["HX-Retarget"] = "#scores"
        response["HX-Reswap"] = "outerHTML"
    return response


def _scores_saved(request: HttpRequest, code: str) -> HttpResponse:
    saved = _("Uw scores zijn opgeslagen. U kunt ze nog aanpassen.")
    if request.htmx:
        # Only the confirmation line: the form on the phone already shows the choices. It needs
        # no request context, so none is built.
        return HttpResponse(
            render_to_string("dialogue/participate.html#scores_saved", {"saved_text": saved})
        )
    messages.success(request, saved)
    return redirect(reverse("dialogue:participate", args=[code]) + "#scores")


def _too_many_arguments(participant: Participant) -> bool:
    key = f"arguments:participant:{participant.pk}"
    return count_event(key, window=60) > ARGUMENTS_PER_MINUTE


@never_cache
@require_POST
def add_argument(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
    form = ArgumentForm(request.POST)
    if form.is_valid() and _too_many_arguments(participant):
        # 422 like any form error: the phone shows it in place and keeps the text.
        form.add_error(
            None,
            _(
                "U hebt net al een paar argumenten gestuurd. "
                "Wacht een minuut en verstuur dit argument dan opnieuw."
            ),
        )
    if form.is_valid():
        form.instance.session = session
        form.instance.participant = participant
        argument = form.save()
        session.forget_arguments()  # the other phones see it at their next poll
        messages.success(request, _("Opgeslagen. Uw argument staat nu in de lijst."))
        return _respond(
            request,
            session,
            participant,
            "dialogue/participate.html#arguments",
            f"argument-{argument.pk}",
            new_argument=argument.pk,
        )
    return _respond(
        request,
        session,
        participant,
        "dialogue/participate.html#arguments",
        "argumenten",
        status=422,
        argument_form=form,
    )


@never_cache
@require_POST
def vote(request: HttpRequest, code: str, argument_pk: int) -> HttpResponse:
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
    argument = session.arguments.filter(pk=argument_pk).first()
    if argument is None or argument.hidden:
        # The lead took it away while it was still on this phone: say so, and show the list
        # without it.
        messages.error(
            request,
            _(
                "Dit argument is weggehaald door de gespreksleider. "
                "Uw stem op dit argument telt daarom niet mee."
            ),
        )
        return _respond(
            request, session, participant, "dialogue/participate.html#argument_list", "argumenten"
        )
    if request.POST.get("agrees") not in {"1", "0"}:
        return _respond(
            request,
            session,
            participant,
            "dialogue/participate.html#argument_list",
            "argumenten",
            status=422,
        )
    participant.vote(argument, agrees=request.POST["agrees"] == "1")
    session.forget_arguments()
    return _respond(
        request,
        session,
        participant,
        "dialogue/participate.html#argument_list",
        f"argument-{argument.pk}",
    )


def _respond(
    request, session, participant, fragment, anchor, status=200, new_argument=None, **forms
) -> HttpResponse:
    """Answer an HTMX post with the updated part; a plain post goes back to the page (or shows
    the errors there, with everything the resident typed still in the form)."""
    if request.htmx:
        part = fragment.split("#")[1]
        context = _context(request, session, participant, only=part, **forms)
        context["inline_messages"] = True  # the fragment shows the feedback the page would
        context["new_argument"] = new_argument  # where the phone puts the focus
        return render(request, fragment, context, status=status)
    if status == 200:
        return redirect(reverse("dialogue:participate", args=[session.join_code]) + f"#{anchor}")
    return render(
        request,
        "dialogue/participate.html",
        _context(request, session, participant, **forms),
        status=status,
    )
