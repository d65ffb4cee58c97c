"""Residents' views on their phones: join with a code, say who you are, score, argue, agree.

No account: a random token in an HttpOnly cookie ties the phone to its participation, so
leaving and coming back keeps it. Everything works as plain forms; HTMX makes it live.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wup.antispam import count_event
from wup.audit import client_ip

from .forms import ArgumentForm, JoinForm, ProfileForm, ScoreForm
from .models import Argument, DialogueSession, Participant, Step

COOKIE_PREFIX = "ww_deelname_"
COOKIE_AGE = 24 * 3600
# Wrong codes only count against a client: right codes are never slowed down, so 300 phones
# behind one venue address all get in. Per browser (cookie) and, for clients that drop
# cookies, a wider limit per address.
WRONG_CODES_PER_BROWSER = 10
WRONG_CODES_PER_ADDRESS = 100
WRONG_CODE_WINDOW = 60


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
    keys = [(f"join-fail:ip:{client_ip(request)}", WRONG_CODES_PER_ADDRESS)]
    if browser := request.COOKIES.get(settings.CSRF_COOKIE_NAME):
        keys.append((f"join-fail:browser:{browser}", WRONG_CODES_PER_BROWSER))
    return keys


def _too_many_wrong_codes(request: HttpRequest) -> bool:
    counts = cache.get_many([key for key, _limit in _throttle_keys(request)])
    return any(counts.get(key, 0) >= limit for key, limit in _throttle_keys(request))


def _count_wrong_code(request: HttpRequest) -> None:
    for key, _limit in _throttle_keys(request):
        count_event(key, window=WRONG_CODE_WINDOW)


@never_cache
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """The join page: type the code from the screen (or arrive by QR with it in the URL)."""
    form = JoinForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if _too_many_wrong_codes(request):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "U hebt te vaak een verkeerde code ingevuld. "
                    "Wacht een minuut en probeer het opnieuw."
                ),
            )
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
    """Where the QR code leads: join straight away if the session is live."""
    session = _live_session(code)
    if session is None:
        form = JoinForm()
        form.errors["code"] = form.error_class(
            [_("Deze sessie is niet (meer) bezig. Vraag de code aan de gespreksleider.")]
        )
        return render(request, "dialogue/join.html", {"form": form}, status=404)
    if _participant(request, session):
        return redirect("dialogue:participate", code)
    return render(
        request,
        "dialogue/join_confirm.html",
        {"session": session, "form": JoinForm(initial={"code": code})},
    )


def _enter(request: HttpRequest, session: DialogueSession) -> HttpResponse:
    response = redirect("dialogue:participate", session.join_code)
    if _participant(request, session) is None:
        participant = Participant.objects.create(session=session, token=Participant.new_token())
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
    if only in (None, "scores"):
        mine = {s.prompt_id: (s.value, s.reason) for s in participant.scores.all()}
        if prompts is None:
            prompts = session.live_prompts()
        context["score_form"] = forms.get("score_form") or ScoreForm(
            prompts=prompts, initial_scores=mine
        )
        context["has_scored"] = bool(mine)
    if only in (None, "arguments"):
        my_votes = dict(participant.argument_votes.values_list("argument_id", "agrees"))
        arguments = list(session.arguments.visible().with_votes().order_by("side", "-created_at"))
        for argument in arguments:
            argument.my_vote = my_votes.get(argument.pk)
            argument.is_mine = argument.participant_id == participant.pk
        context["argument_form"] = forms.get("argument_form") or ArgumentForm()
        context["arguments"] = arguments
    if only is None:
        context["municipality"] = session.neighbourhood.municipality
        context["participant"] = participant
        context.update(_status(session))
    return context


def _status(session: DialogueSession) -> dict:
    """Return what the phone's status area shows, with a version that changes when it does."""
    results = session.results() if session.results_revealed else None
    parts = [session.current_step]
    if results:
        parts += [str(results.participants)]
        parts += [f"{s.mean}:{s.count}" for s in results.sides.values()]
    return {
        "session": session,
        "results": results,
        "step_help": STEP_HELP[session.current_step],
        "status_version": hashlib.blake2b("|".join(parts).encode(), digest_size=8).hexdigest(),
    }


def _get_participation(
    request, code, *, with_place: bool = False
) -> tuple[DialogueSession | None, Participant | None]:
    """Return the live session with this code and the phone's participation in it.

    Every vote and poll starts here, so the usual case is one query: the participation found
    by the phone's tokens, with its session (and, for a whole page, its neighbourhood and
    municipality too).
    """
    tokens = [v for k, v in request.COOKIES.items() if k.startswith(COOKIE_PREFIX)]
    if tokens:
        related = "session__neighbourhood__municipality" if with_place else "session"
        participant = (
            Participant.objects.select_related(related)
            .filter(
                token__in=tokens,
                session__join_code=code,
                session__status=DialogueSession.Status.LIVE,
            )
            .first()
        )
        if participant is not None:
            return participant.session, participant
    return _live_session(code), None


def _ended(request: HttpRequest) -> HttpResponse:
    return render(request, "dialogue/ended.html", status=410)


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
        if request.GET.get("v") == status["status_version"]:
            return HttpResponse(status=204)
        status["announce"] = True
        return render(request, "dialogue/participate.html#status", status)
    return render(request, "dialogue/participate.html", _context(request, session, participant))


@never_cache
@require_POST
def profile(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
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


@never_cache
@require_POST
def score(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
    prompts = session.live_prompts()
    form = ScoreForm(request.POST, prompts=prompts)
    if form.is_valid():
        participant.give_scores(form.scores())
        saved = _("Uw scores zijn opgeslagen. U kunt ze nog aanpassen.")
        if request.htmx:
            # The hot path of a live session: answer only the confirmation line (it needs no
            # request context, so none is built).
            return HttpResponse(
                render_to_string("dialogue/participate.html#scores_saved", {"saved_text": saved})
            )
        messages.success(request, saved)
        return redirect(reverse("dialogue:participate", args=[session.join_code]) + "#scores")
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


@never_cache
@require_POST
def add_argument(request: HttpRequest, code: str) -> HttpResponse:
    session, participant = _get_participation(request, code)
    if participant is None:
        return _ended(request) if session is None else redirect("dialogue:join_code", code)
    form = ArgumentForm(request.POST)
    if form.is_valid():
        form.instance.session = session
        form.instance.participant = participant
        form.save()
        messages.success(request, _("Uw argument staat erbij."))
        return _respond(
            request, session, participant, "dialogue/participate.html#arguments", "argumenten"
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
    argument = get_object_or_404(Argument.objects.visible(), pk=argument_pk, session=session)
    if request.POST.get("agrees") not in {"1", "0"}:
        return _respond(
            request,
            session,
            participant,
            "dialogue/participate.html#arguments",
            "argumenten",
            status=422,
        )
    participant.vote(argument, agrees=request.POST["agrees"] == "1")
    return _respond(
        request,
        session,
        participant,
        "dialogue/participate.html#arguments",
        f"argument-{argument.pk}",
    )


def _respond(request, session, participant, fragment, anchor, status=200, **forms) -> HttpResponse:
    """Answer an HTMX post with the updated part; a plain post goes back to the page (or shows
    the errors there, with everything the resident typed still in the form)."""
    if request.htmx:
        part = fragment.split("#")[1]
        context = _context(request, session, participant, only=part, **forms)
        context["inline_messages"] = True  # the fragment shows the feedback the page would
        return render(request, fragment, context, status=status)
    if status == 200:
        return redirect(reverse("dialogue:participate", args=[session.join_code]) + f"#{anchor}")
    return render(
        request,
        "dialogue/participate.html",
        _context(request, session, participant, **forms),
        status=status,
    )
