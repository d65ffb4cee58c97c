"""Dialogue sessions for the demo municipality Zonnedal, in every state.

Published sessions (two or three per neighbourhood that is planning, deciding or building, from
2024 to 2026), one closed session that still waits for its summary, one live session, one
scheduled and one draft. Each held session has residents from mixed groups, scores per side,
arguments for and against with votes, and outcomes (kaders, verwachtingen, open vragen).

Every session is keyed on (neighbourhood, title) and draws its figures from its own seeded
random generator, so running the seed again changes nothing and the demo looks the same every
time. Only the dates of the live, scheduled and draft sessions follow the clock, so that they
stay current; join codes and participant tokens are real random secrets.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import zlib
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from dialogue.models import (
    Argument,
    ArgumentVote,
    DialogueSession,
    Outcome,
    Participant,
    Perspective,
    Prompt,
    Score,
    Step,
    perspective_of,
)
from wup.models import Municipality, Neighbourhood, Party

from .data.base import NEIGHBOURHOODS
from .data.dialogue import (
    AGAINST,
    ARGUMENTS,
    FAMILIES,
    FOR,
    GROUP_OFFSET,
    HIDDEN_ARGUMENT,
    INFLUENCE,
    LEVELS,
    LIVE_NAMES,
    OPEN_VRAAG,
    PROPOSITIONS,
    SCORE_REASONS,
    SESSIONS,
    B,
    DemoSession,
    G,
    L,
    R,
    Status,
    _at,
)

Source = Participant.Source

MODERATOR = "projectleider@zonnedal.example"


# ---------------------------------------------------------------------------------------------
# Building one session
# ---------------------------------------------------------------------------------------------


def _rng(spec: DemoSession) -> random.Random:
    return random.Random(zlib.crc32(f"{spec.neighbourhood}|{spec.title}".encode()))  # noqa: S311  # nosec B311  # demo data


def _groups(spec: DemoSession, rng: random.Random) -> list[str]:
    """Return one stakeholder group per participant, matching the neighbourhood's housing mix.

    Owner-occupiers or tenants form the big group (≥ 5 once a session has 18 people or more);
    landlords are always a small group (1–3), so the small-group rule shows on the public page.
    """
    shares = {d.slug: (d.owner, d.corporation) for d in NEIGHBOURHOODS}
    owner, corporation = shares.get(spec.neighbourhood, (60.0, 30.0))
    n = spec.participants
    counts = {
        G.LANDLORD: rng.randint(1, 3),
        G.BUSINESS: rng.randint(0, 3) if n >= 12 else 0,
        G.OTHER: rng.randint(1, 3),
    }
    rest = n - sum(counts.values())
    counts[G.TENANT] = round(rest * corporation / (owner + corporation))
    counts[G.OWNER_OCCUPIER] = rest - counts[G.TENANT]
    groups = [group for group, count in counts.items() for _ in range(count)]
    rng.shuffle(groups)
    return groups


def _source(rng: random.Random) -> str:
    draw = rng.random()
    return Source.LIVE if draw < 0.78 else Source.PAPER if draw < 0.92 else Source.KITCHEN_TABLE


def _score(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.85))))


def _pick_arguments(spec: DemoSession, rng: random.Random, per_side: int) -> list[tuple]:
    """Choose arguments that fit the heat solution; the stance follows the side's mean."""
    families = FAMILIES.get(spec.neighbourhood, set())
    wanted = {o.theme for o in spec.outcomes} | set(spec.themes)
    pool = [a for a in ARGUMENTS if not a[3] or a[3] in families]
    chosen: list[tuple] = []
    for side, mean in zip((L, B, R), spec.means, strict=True):
        n_for = max(1, min(per_side - 1, round(per_side * (mean - 1) / 4)))
        for stance, count in ((FOR, n_for), (AGAINST, per_side - n_for)):
            candidates = [a for a in pool if a[1] == side and a[2] == stance]
            # Prefer arguments on the outcomes' themes and on the solution, then chance.
            candidates.sort(key=lambda a: (a[0] not in wanted, not a[3], rng.random()))
            chosen.extend(candidates[:count])
    # Every outcome gets at least one argument to rest on.
    for theme in sorted(wanted - {a[0] for a in chosen}):
        extra = [a for a in pool if a[0] == theme and a not in chosen]
        if extra:
            chosen.append(rng.choice(extra))
    rng.shuffle(chosen)
    return chosen


def _starts_at(spec: DemoSession, now: dt.datetime) -> dt.datetime:
    if spec.when is not None:
        return spec.when
    if spec.status == Status.LIVE:
        return now.replace(second=0, microsecond=0) - dt.timedelta(minutes=40)
    day = timezone.localtime(now).date() + dt.timedelta(days=spec.days_from_now)
    while day.weekday() not in {1, 2, 3}:  # evenings on Tuesday to Thursday
        day += dt.timedelta(days=1)
    return _at(day.year, day.month, day.day)


def _fmt(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _summary(spec: DemoSession, sources: Counter, means: dict[str, float]) -> str:
    total = sum(sources.values())
    parts = [f"{sources[Source.LIVE]} op de avond zelf"]
    if sources[Source.PAPER]:
        parts.append(f"{sources[Source.PAPER]} op papier")
    if sources[Source.KITCHEN_TABLE]:
        parts.append(f"{sources[Source.KITCHEN_TABLE]} in een keukentafelgesprek")
    how = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
    return (
        f"{spec.summary}\n\n"
        f"Er deden {total} mensen mee: {how}. Gemiddelde scores op een schaal van 1 tot 5: "
        f"legitimiteit {_fmt(means[L])}, betrokkenheid {_fmt(means[B])} en rendement "
        f"{_fmt(means[R])}."
    )


# How the perspectives at the table tend to differ from the residents: the municipality guards
# legitimacy but worries about the return; market parties look at the return first.
PERSPECTIVE_OFFSET = {
    Perspective.GOVERNMENT: {L: 0.6, B: 0.0, R: -1.2},
    Perspective.MARKET: {L: -0.2, B: -0.4, R: 0.5},
    Perspective.SOCIETY: {L: 0.0, B: 0.3, R: 0.0},
}
ALTERNATIVE_SHIFT = {L: -0.2, B: 0.6, R: -0.7}
PARTY_REPRESENTATIVES = 3


def _build(
    spec: DemoSession,
    neighbourhood: Neighbourhood,
    parties: list[Party],
    moderator,
    now: dt.datetime,
) -> DialogueSession:
    rng = _rng(spec)
    phase = spec.phase or neighbourhood.phase
    can, cannot = INFLUENCE[phase]
    starts_at = _starts_at(spec, now)
    held = spec.status in {Status.CLOSED, Status.PUBLISHED}
    session = DialogueSession.objects.create(
        neighbourhood=neighbourhood,
        title=spec.title,
        proposition=PROPOSITIONS[spec.neighbourhood],
        proposition_2=spec.alternative,
        starts_at=starts_at,
        location=spec.location,
        participation_level=spec.level or LEVELS[phase],
        can_influence=can,
        cannot_influence=cannot,
        status=Status.SCHEDULED if spec.status == Status.LIVE else spec.status,
        current_step=Step.CLOSE if held else Step.WELCOME,
        results_revealed=held,
        opened_at=starts_at if held else None,
        closed_at=starts_at + dt.timedelta(hours=2) if held else None,
        published_at=(
            starts_at + dt.timedelta(days=rng.randint(8, 16))
            if spec.status == Status.PUBLISHED
            else None
        ),
    )
    session.invited_parties.set(parties)
    session.add_default_prompts()
    prompts = {p.side: p for p in Prompt.objects.filter(session=session)}
    # Make the record look like it was planned a month ahead.
    DialogueSession.objects.filter(pk=session.pk).update(
        created_at=min(starts_at, now) - dt.timedelta(days=30)
    )
    if spec.status == Status.LIVE:
        session.open_live()
        session.move_to(Step.ARGUMENTS)
    if not spec.participants:
        return session

    live = spec.status == Status.LIVE
    groups = _groups(spec, rng)
    participants = Participant.objects.bulk_create(
        Participant(
            session=session,
            token=Participant.new_token(),
            display_name=LIVE_NAMES[i] if live and i < len(LIVE_NAMES) else "",
            group=group,
            source=Source.LIVE if live else _source(rng),
        )
        for i, group in enumerate(groups)
    )

    scores, sums = [], {side: [] for side in (L, B, R)}
    targets = dict(zip((L, B, R), spec.means, strict=True))
    for i, participant in enumerate(participants):
        if live and i == len(participants) - 1:
            continue  # joined late: has not scored yet
        for side, prompt in prompts.items():
            if participant.source == Source.LIVE and rng.random() < 0.04:
                continue  # skipped this question
            value = _score(rng, targets[side] + GROUP_OFFSET[participant.group][side])
            reasons = SCORE_REASONS[side][0 if value <= 2 else 1 if value == 3 else 2]
            reason = rng.choice(reasons) if rng.random() < 0.12 else ""
            scores.append(Score(participant=participant, prompt=prompt, value=value, reason=reason))
            sums[side].append(value)
            if spec.alternative:
                # The alternative: more ownership, less certain about the return.
                shift = ALTERNATIVE_SHIFT[side]
                other = _score(rng, targets[side] + shift + GROUP_OFFSET[participant.group][side])
                scores.append(
                    Score(participant=participant, prompt=prompt, value=other, proposition=2)
                )
    # The invited parties' representatives score as their party (its perspective), in the
    # sessions that compare an alternative: the overheid and markt parties first.
    order = [Perspective.GOVERNMENT, Perspective.MARKET, Perspective.SOCIETY]
    speakers = sorted(parties, key=lambda p: order.index(perspective_of(p.party_type)))
    for party in speakers[:PARTY_REPRESENTATIVES] if spec.alternative else []:
        representative = Participant.objects.create(
            session=session, token=Participant.new_token(), party=party, source=Source.LIVE
        )
        offsets = PERSPECTIVE_OFFSET[perspective_of(party.party_type)]
        for side, prompt in prompts.items():
            for number in (1, 2) if spec.alternative else (1,):
                shift = ALTERNATIVE_SHIFT[side] if number == 2 else 0
                value = _score(rng, targets[side] + offsets[side] + shift)
                scores.append(
                    Score(
                        participant=representative, prompt=prompt, value=value, proposition=number
                    )
                )
    Score.objects.bulk_create(scores)

    picked = _pick_arguments(spec, rng, per_side=2 if live else rng.randint(3, 5))
    if live:
        picked = picked[:4]
    authors = [p for p in participants if p.source != Source.PAPER] or participants
    arguments = [
        Argument(
            session=session,
            participant=rng.choice(authors),
            side=side,
            stance=stance,
            text=text,
        )
        for _theme, side, stance, _family, text in picked
    ]
    if spec.hide_one:
        _theme, side, stance, text, reason = HIDDEN_ARGUMENT
        arguments.insert(
            rng.randint(1, len(arguments) - 1),
            Argument(
                session=session,
                participant=rng.choice(authors),
                side=side,
                stance=stance,
                text=text,
                hidden=True,
                hidden_reason=reason,
                hidden_by=moderator,
            ),
        )
    arguments = Argument.objects.bulk_create(arguments)
    themes = {a.pk: picked_theme for a, picked_theme in _themes(arguments, picked)}

    votes = []
    voters = [p for p in participants if p.source == Source.LIVE]
    for argument in arguments:
        if argument.hidden:
            continue
        sat = (targets[argument.side] - 1) / 4
        pull = rng.uniform(-0.15, 0.15)  # some arguments simply convince more people
        for voter in voters:
            if voter.pk == argument.participant_id or rng.random() > (0.5 if live else 0.7):
                continue
            offset = GROUP_OFFSET[voter.group][argument.side] / 4
            p_agree = 0.2 + 0.6 * (sat + offset) + pull
            if argument.stance == AGAINST:
                p_agree = 1 - p_agree
            votes.append(
                ArgumentVote(argument=argument, participant=voter, agrees=rng.random() < p_agree)
            )
    ArgumentVote.objects.bulk_create(votes)

    if spec.outcomes:
        outcomes = Outcome.objects.bulk_create(
            Outcome(session=session, kind=o.kind, text=o.text, agreed=o.agreed)
            for o in spec.outcomes
        )
        # Each outcome rests on at most two arguments on its theme, the most agreed-with first.
        agrees = Counter(vote.argument.pk for vote in votes if vote.agrees)
        links = [
            Outcome.arguments.through(outcome_id=outcome.pk, argument_id=argument.pk)
            for outcome, demo in zip(outcomes, spec.outcomes, strict=True)
            for argument in sorted(
                (a for a in arguments if not a.hidden and themes.get(a.pk) == demo.theme),
                # An open question rests on doubts first; a kader or verwachting on support.
                key=lambda a: (
                    demo.kind == OPEN_VRAAG and a.stance != AGAINST,
                    -agrees[a.pk],
                ),
            )[:2]
        ]
        Outcome.arguments.through.objects.bulk_create(links)
        Outcome.objects.filter(session=session).update(created_at=session.closed_at or starts_at)

    # Participants and arguments date from the evening itself.
    Participant.objects.filter(session=session).update(created_at=starts_at)
    Argument.objects.filter(session=session).update(created_at=starts_at + dt.timedelta(minutes=35))
    if spec.status == Status.PUBLISHED:
        means = {side: statistics.fmean(values) for side, values in sums.items()}
        session.summary = _summary(spec, Counter(p.source for p in participants), means)
        session.save(update_fields=["summary"])
    session.forget_results()
    return session


def _themes(arguments: list[Argument], picked: list[tuple]):
    """Pair each saved argument with the theme of the bank entry it came from."""
    by_text = {entry[4]: entry[0] for entry in picked}
    for argument in arguments:
        yield argument, by_text.get(argument.text)


@transaction.atomic
def seed_dialogue(municipality: Municipality) -> None:
    """Add Zonnedal's dialogue sessions; sessions that exist (by neighbourhood and title) stay
    as they are."""
    neighbourhoods = {n.slug: n for n in municipality.neighbourhoods.all()}
    existing = set(
        DialogueSession.objects.filter(neighbourhood__municipality=municipality).values_list(
            "neighbourhood__slug", "title"
        )
    )
    todo = [
        spec
        for spec in SESSIONS
        if spec.neighbourhood in neighbourhoods and (spec.neighbourhood, spec.title) not in existing
    ]
    if not todo:
        return
    invited: dict[str, list[Party]] = {slug: [] for slug in neighbourhoods}
    for party in municipality.parties.prefetch_related("neighbourhoods"):
        for neighbourhood in party.neighbourhoods.all():
            invited.setdefault(neighbourhood.slug, []).append(party)
    moderator = get_user_model().objects.filter(username=MODERATOR).first()
    now = timezone.now()
    for spec in todo:
        _build(
            spec, neighbourhoods[spec.neighbourhood], invited[spec.neighbourhood], moderator, now
        )
