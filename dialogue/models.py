"""Value-triangle dialogue sessions: a proposition tested on legitimacy, engagement and return.

A project lead plans a session, opens it live (residents join with a code on their phones), moves
it through its steps, records the outcomes and publishes a summary without names.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wup.models import Neighbourhood, Party, PartyType


class Side(models.TextChoices):
    """The three sides of the value triangle (IPW waardendriehoek)."""

    LEGITIMACY = "legitimiteit", _("Legitimiteit")
    ENGAGEMENT = "betrokkenheid", _("Betrokkenheid")
    RETURN = "rendement", _("Rendement")


SIDE_QUESTIONS = {
    Side.LEGITIMACY: _("Is het eerlijk, open en volgens de regels?"),
    Side.ENGAGEMENT: _("Doen de mensen in de wijk mee en voelen zij zich eigenaar?"),
    Side.RETURN: _("Levert het genoeg op voor wat het kost?"),
}

# Good Dutch default prompts per side (reference/domain.md §3.3); the lead can change them.
DEFAULT_PROMPTS = [
    (Side.LEGITIMACY, _("Is het proces eerlijk en open? Weet u wie wat beslist, en wanneer?")),
    (Side.ENGAGEMENT, _("Worden bewoners echt betrokken? Wie mist er nog?")),
    (
        Side.RETURN,
        _("Wat levert deze oplossing op, voor wie? Zijn de kosten en baten eerlijk verdeeld?"),
    ),
]


class StakeholderGroup(models.TextChoices):
    OWNER_OCCUPIER = "eigenaar_bewoner", _("Eigenaar-bewoner")
    TENANT = "huurder", _("Huurder")
    LANDLORD = "verhuurder", _("Verhuurder")
    BUSINESS = "ondernemer", _("Ondernemer")
    OTHER = "anders", _("Anders")


class Perspective(models.TextChoices):
    """The three perspectives of the IPW triangle: each side belongs to one (overheid —
    legitimiteit, markt — rendement, samenleving — betrokkenheid). A resident speaks for the
    samenleving; an invited party for the perspective of its kind (PARTY_PERSPECTIVE)."""

    GOVERNMENT = "overheid", _("Overheid")
    MARKET = "markt", _("Markt")
    SOCIETY = "samenleving", _("Samenleving")


# Which perspective a party speaks for, by its kind. Public bodies (the municipality, the grid
# operator owned by governments, province, water board, the municipal energy desk) are the
# overheid; companies that invest and earn (housing corporations invest rents, heat companies,
# landlords, builders, advisers) the markt; residents' and civic organisations the samenleving.
PARTY_PERSPECTIVE = {
    PartyType.MUNICIPALITY: Perspective.GOVERNMENT,
    PartyType.GRID_OPERATOR: Perspective.GOVERNMENT,
    PartyType.WATER_BOARD: Perspective.GOVERNMENT,
    PartyType.PROVINCE: Perspective.GOVERNMENT,
    PartyType.ENERGY_DESK: Perspective.GOVERNMENT,
    PartyType.HOUSING_CORPORATION: Perspective.MARKET,
    PartyType.HEAT_COMPANY: Perspective.MARKET,
    PartyType.PRIVATE_LANDLORD: Perspective.MARKET,
    PartyType.BUSINESS: Perspective.MARKET,
    PartyType.INSTALLER: Perspective.MARKET,
    PartyType.ADVISER: Perspective.MARKET,
}


def perspective_of(party_type: str | None) -> str:
    """Return the perspective a participant speaks for: a resident (no party) the samenleving."""
    if not party_type:
        return Perspective.SOCIETY
    return PARTY_PERSPECTIVE.get(party_type, Perspective.SOCIETY)


# Alternatives side by side: at most this many propositions per session (the first is
# DialogueSession.proposition, the others proposition_2 and proposition_3).
MAX_PROPOSITIONS = 3
PARTY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mix up
PARTY_CODE_LENGTH = 8


class ParticipationLevel(models.TextChoices):
    """The rung of the participation ladder (reference/domain.md §1.6)."""

    INFORM = "informeren", _("Informeren")
    CONSULT = "raadplegen", _("Raadplegen")
    ADVISE = "adviseren", _("Adviseren")
    COPRODUCE = "coproduceren", _("Coproduceren")
    CODECIDE = "meebeslissen", _("Meebeslissen")


class Step(models.TextChoices):
    """The steps a live session goes through, in order."""

    WELCOME = "welkom", _("Welkom")
    SCORE = "scoren", _("Scores geven")
    ARGUMENTS = "argumenten", _("Argumenten")
    DISCUSS = "bespreken", _("Bespreken")
    OUTCOMES = "uitkomsten", _("Uitkomsten")
    CLOSE = "afsluiting", _("Afsluiting")


STEP_ORDER = list(Step)


class SessionQuerySet(models.QuerySet):
    def published(self) -> SessionQuerySet:
        return self.filter(status=DialogueSession.Status.PUBLISHED)

    def upcoming(self) -> SessionQuerySet:
        return self.filter(
            status__in=[DialogueSession.Status.SCHEDULED, DialogueSession.Status.LIVE],
            starts_at__gte=timezone.now() - timezone.timedelta(hours=12),
        )

    def for_list(self) -> SessionQuerySet:
        """Return sessions with their neighbourhood and participant count, newest first."""
        return (
            self.select_related("neighbourhood")
            .annotate(participant_count=Count("participants", distinct=True))
            .order_by("-starts_at")
        )


class DialogueSession(models.Model):
    class Status(models.TextChoices):
        DRAFT = "concept", _("Concept")
        SCHEDULED = "gepland", _("Gepland")
        LIVE = "live", _("Bezig")
        CLOSED = "gesloten", _("Afgesloten")
        PUBLISHED = "gepubliceerd", _("Gepubliceerd")

    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("wijk")
    )
    title = models.CharField(_("titel"), max_length=160)
    proposition = models.TextField(
        _("wat we toetsen"),
        help_text=_("De voorkeursoplossing of het voorstel dat deelnemers beoordelen."),
    )
    proposition_2 = models.TextField(
        _("alternatief 1"),
        blank=True,
        help_text=_("Mag leeg blijven. Een ander voorstel dat deelnemers naast het eerste scoren."),
    )
    proposition_3 = models.TextField(_("alternatief 2"), blank=True)
    starts_at = models.DateTimeField(_("datum en tijd"))
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    online_link = models.URLField(_("link voor online meedoen"), blank=True)
    invited_parties = models.ManyToManyField(
        Party, verbose_name=_("uitgenodigde partijen"), blank=True, related_name="sessions"
    )
    participation_level = models.CharField(
        _("participatieniveau"),
        max_length=20,
        choices=ParticipationLevel,
        default=ParticipationLevel.ADVISE,
    )
    can_influence = models.TextField(_("waar deelnemers invloed op hebben"))
    cannot_influence = models.TextField(_("waar deelnemers geen invloed op hebben"))
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT)
    join_code = models.CharField(max_length=6, blank=True, db_index=True)
    current_step = models.CharField(max_length=20, choices=Step, default=Step.WELCOME)
    results_revealed = models.BooleanField(default=False)
    # Once everyone is in, the lead locks the room: no new participants, joined phones go on.
    locked = models.BooleanField(default=False)
    summary = models.TextField(
        _("samenvatting voor de wijkpagina"),
        blank=True,
        help_text=_("In gewone taal: wat kwam eruit en wat gebeurt er nu mee? Geen namen."),
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("dialoogsessie")
        verbose_name_plural = _("dialoogsessies")
        constraints = [
            # A join code points at exactly one live session.
            models.UniqueConstraint(
                fields=["join_code"], condition=Q(status="live"), name="unique_live_join_code"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.SCHEDULED}

    @property
    def propositions(self) -> list[tuple[int, str]]:
        """Return (number, text) of every proposition put to the triangle, the first first."""
        texts = [self.proposition, self.proposition_2, self.proposition_3]
        return [(i, text) for i, text in enumerate(texts, start=1) if i == 1 or text.strip()]

    @property
    def has_alternatives(self) -> bool:
        return len(self.propositions) > 1

    def party_code(self, party: Party) -> str:
        """Return the code with which the party's representative scores as that party: per
        session and party, derived (nothing stored), so the lead can print it beforehand."""
        digest = hmac.new(
            settings.SECRET_KEY.encode(),
            f"dialogue-party:{self.pk}:{party.pk}:{int(self.created_at.timestamp())}".encode(),
            hashlib.sha256,
        ).digest()
        return "".join(
            PARTY_CODE_ALPHABET[b % len(PARTY_CODE_ALPHABET)] for b in digest[:PARTY_CODE_LENGTH]
        )

    def party_for_code(self, code: str) -> Party | None:
        """Return the invited party whose code this is (spaces, dashes and case ignored)."""
        code = "".join(ch for ch in code.upper() if ch.isalnum())
        for party in self.invited_parties.all():
            if hmac.compare_digest(self.party_code(party), code):
                return party
        return None

    def party_codes(self) -> list[tuple[Party, str]]:
        return [(party, self.party_code(party)) for party in self.invited_parties.all()]

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self.save(update_fields=["locked"])

    def joins_per_minute(self, minutes: int = 10) -> list[tuple[timezone.datetime, int]]:
        """Return (minute, new participants) for the last `minutes` minutes, oldest first."""
        now = timezone.now().replace(second=0, microsecond=0)
        start = now - timezone.timedelta(minutes=minutes - 1)
        counts = dict.fromkeys(range(minutes), 0)
        for created in self.participants.filter(
            source=Participant.Source.LIVE, created_at__gte=start
        ).values_list("created_at", flat=True):
            index = int((created - start).total_seconds() // 60)
            if 0 <= index < minutes:
                counts[index] += 1
        return [(start + timezone.timedelta(minutes=i), n) for i, n in counts.items()]

    def add_default_prompts(self) -> None:
        Prompt.objects.bulk_create(
            Prompt(session=self, side=side, text=str(text), order=i)
            for i, (side, text) in enumerate(DEFAULT_PROMPTS)
        )

    def schedule(self) -> None:
        self.status = self.Status.SCHEDULED
        self.save(update_fields=["status"])

    def open_live(self) -> None:
        """Open the session for phones with a fresh six-digit join code."""
        if self.status not in {self.Status.DRAFT, self.Status.SCHEDULED}:
            raise ValueError("only a planned session can go live")
        for _attempt in range(20):
            self.join_code = f"{secrets.randbelow(1_000_000):06d}"
            self.status = self.Status.LIVE
            self.current_step = Step.WELCOME
            self.opened_at = timezone.now()
            try:
                with transaction.atomic():
                    self.save(update_fields=["join_code", "status", "current_step", "opened_at"])
                self.forget_results()  # cached while planned, with a long lifetime
                return
            except IntegrityError:
                continue  # the code belongs to another live session: draw again
        raise RuntimeError("no free join code")

    def move_to(self, step: str) -> None:
        self.current_step = Step(step)
        self.save(update_fields=["current_step"])

    def set_results_revealed(self, revealed: bool) -> None:
        self.results_revealed = revealed
        self.save(update_fields=["results_revealed"])

    def close(self) -> None:
        """End the live part: the join code stops working, the input is kept."""
        self.status = self.Status.CLOSED
        self.current_step = Step.CLOSE
        self.closed_at = timezone.now()
        self.join_code = ""
        self.save(update_fields=["status", "current_step", "closed_at", "join_code"])
        self.forget_results()  # the last live figures may be a few seconds old

    def publish(self) -> None:
        self.status = self.Status.PUBLISHED
        self.published_at = timezone.now()
        self.save(update_fields=["status", "published_at"])

    # Results come from the cache. While a session is live they are at most a few seconds old:
    # clearing them on every vote would make the next poll of 300 phones recompute them each
    # time. Other changes (paper input, moderation) clear them explicitly.
    def _results_key(self) -> str:
        return f"dialogue:{self.pk}:results"

    def _arguments_key(self) -> str:
        return f"dialogue:{self.pk}:arguments"

    def forget_results(self) -> None:
        cache.delete_many([self._results_key(), self._arguments_key()])

    def forget_arguments(self) -> None:
        """A new argument or vote: the next status poll recomputes the phones' shared list."""
        cache.delete(self._arguments_key())

    def live_arguments(self) -> list[Argument]:
        """Return the visible arguments with their agree and disagree counts, as every phone
        sees them: like the results, computed at most once per LIVE_RESULTS_SECONDS while live."""
        arguments = cache.get(self._arguments_key())
        if arguments is None:
            arguments = list(
                self.arguments.visible()
                .with_votes()
                .only("pk", "session_id", "participant_id", "side", "stance", "text")
                .order_by("side", "-created_at")
            )
            timeout = LIVE_RESULTS_SECONDS if self.is_live else 3600
            cache.set(self._arguments_key(), arguments, timeout=timeout)
        return arguments

    def live_prompts(self) -> list[Prompt]:
        """Return the prompts in order. A live session's prompts cannot be edited, so every
        vote reads them from the cache instead of the database."""
        if not self.is_live:
            return list(self.prompts.all())
        key = f"dialogue:{self.pk}:prompts:{self.opened_at:%s}"
        prompts = cache.get(key)
        if prompts is None:
            prompts = list(self.prompts.all())
            cache.set(key, prompts, timeout=3600)
        return prompts

    def results(self):
        """Return the session's Results (dialogue.results), computed at most once per change."""
        return results_for([self])[self.pk]

    def unpublish(self) -> None:
        self.status = self.Status.CLOSED
        self.published_at = None
        self.save(update_fields=["status", "published_at"])


class Prompt(models.Model):
    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="prompts")
    side = models.CharField(_("kant"), max_length=20, choices=Side)
    text = models.CharField(_("vraag"), max_length=300)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class Participant(models.Model):
    """One person's participation in one session: pseudonymous, no contact details."""

    class Source(models.TextChoices):
        LIVE = "live", _("Live")
        PAPER = "papier", _("Papier")
        KITCHEN_TABLE = "keukentafel", _("Keukentafelgesprek")

    session = models.ForeignKey(
        DialogueSession, on_delete=models.CASCADE, related_name="participants"
    )
    token = models.CharField(max_length=64, unique=True, editable=False)
    display_name = models.CharField(_("naam (mag u weglaten)"), max_length=60, blank=True)
    group = models.CharField(
        _("u bent vooral"), max_length=20, choices=StakeholderGroup, default=StakeholderGroup.OTHER
    )
    source = models.CharField(max_length=20, choices=Source, default=Source.LIVE)
    # A representative of an invited party scores as that party (its perspective); empty for a
    # resident, who scores by group.
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dialogue_participants",
        verbose_name=_("namens partij"),
    )
    # Who this is across sessions, as an opaque key (dialogue.reach): a keyed hash of the phone's
    # random cookie, or of a household code on paper; blank counts as a new person.
    person_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.display_name or f"#{self.pk}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)  # 256 random bits

    @property
    def perspective(self) -> str:
        return perspective_of(self.party.party_type if self.party_id else None)

    @property
    def perspective_label(self) -> str:
        return Perspective(self.perspective).label

    def give_scores(self, scores: list[tuple]) -> None:
        """Store this participant's scores, (prompt, value, reason[, proposition number]);
        scoring again updates, never duplicates."""
        # One INSERT … ON CONFLICT: parallel identical posts cannot make a second row. The first
        # score is kept as first_value (the conflict leaves it alone): before and after the talk.
        Score.objects.bulk_create(
            [
                Score(
                    participant=self,
                    prompt=p,
                    value=v,
                    first_value=v,
                    reason=r,
                    proposition=rest[0] if rest else 1,
                )
                for p, v, r, *rest in scores
            ],
            update_conflicts=True,
            unique_fields=["participant", "prompt", "proposition"],
            update_fields=["value", "reason", "updated_at"],
        )

    def vote(self, argument: Argument, *, agrees: bool) -> None:
        """Agree or disagree with an argument; voting again changes the vote."""
        ArgumentVote.objects.bulk_create(
            [ArgumentVote(argument=argument, participant=self, agrees=agrees)],
            update_conflicts=True,
            unique_fields=["argument", "participant"],
            update_fields=["agrees"],
        )


class Score(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="scores")
    prompt = models.ForeignKey(Prompt, on_delete=models.CASCADE, related_name="scores")
    # Which of the session's propositions (1–3) the score is about; 1 for a single proposition.
    proposition = models.PositiveSmallIntegerField(_("voorstel"), default=1)
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    reason = models.CharField(_("waarom (mag u weglaten)"), max_length=500, blank=True)
    # The score this participant gave first, kept when they change it later in the evening, so
    # the effect of the conversation shows. Empty means the same as value.
    first_value = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "prompt", "proposition"],
                name="one_score_per_prompt_and_proposition",
            ),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="score_1_to_5"),
            models.CheckConstraint(
                condition=Q(proposition__gte=1, proposition__lte=MAX_PROPOSITIONS),
                name="score_proposition_1_to_3",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prompt_id}: {self.value}"


class ArgumentQuerySet(models.QuerySet):
    def visible(self) -> ArgumentQuerySet:
        return self.filter(hidden=False)

    def with_votes(self) -> ArgumentQuerySet:
        """Return arguments annotated with their agree and disagree counts."""
        return self.annotate(
            agree_count=Count("votes", filter=Q(votes__agrees=True)),
            disagree_count=Count("votes", filter=Q(votes__agrees=False)),
        )


class Argument(models.Model):
    class Stance(models.TextChoices):
        FOR = "voor", _("Voor")
        AGAINST = "tegen", _("Tegen")

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="arguments")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="arguments", null=True, blank=True
    )
    side = models.CharField(_("kant"), max_length=20, choices=Side)
    stance = models.CharField(_("voor of tegen"), max_length=10, choices=Stance)
    text = models.CharField(_("uw argument"), max_length=500)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(_("reden"), max_length=200, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ArgumentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text

    def hide(self, *, by, reason: str) -> None:
        self.hidden, self.hidden_by, self.hidden_reason = True, by, reason
        self.save(update_fields=["hidden", "hidden_by", "hidden_reason"])

    def restore(self) -> None:
        self.hidden, self.hidden_by, self.hidden_reason = False, None, ""
        self.save(update_fields=["hidden", "hidden_by", "hidden_reason"])


class ArgumentVote(models.Model):
    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, related_name="votes")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="argument_votes"
    )
    agrees = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["argument", "participant"], name="one_vote_per_argument"
            )
        ]

    def __str__(self) -> str:
        return f"{self.argument_id}: {'eens' if self.agrees else 'oneens'}"


class Outcome(models.Model):
    class Kind(models.TextChoices):
        FRAMEWORK = "kader", _("Kader")
        EXPECTATION = "verwachting", _("Verwachting")
        OPEN_QUESTION = "open_vraag", _("Open vraag")

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind)
    text = models.TextField(_("uitkomst"))
    agreed = models.BooleanField(_("hierover zijn we het eens"), default=False)
    arguments = models.ManyToManyField(
        Argument, verbose_name=_("onderbouwd met"), blank=True, related_name="outcomes"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


LIVE_RESULTS_SECONDS = 2


def results_for(sessions: list[DialogueSession]) -> dict:
    """Return {session pk: Results} from the cache, computing the missing ones in one query."""
    from .results import compute_results

    keys = {session._results_key(): session.pk for session in sessions}
    cached = cache.get_many(keys)
    found = {keys[key]: results for key, results in cached.items()}
    missing = [pk for pk in keys.values() if pk not in found]
    if missing:
        rows: dict[int, list] = {pk: [] for pk in missing}
        for session_id, *row in Score.objects.filter(prompt__session__in=missing).values_list(
            "prompt__session_id",
            "participant_id",
            "participant__group",
            "prompt__side",
            "value",
            "first_value",
            "proposition",
            "participant__party__name",
            "participant__party__party_type",
        ):
            rows[session_id].append(row)
        computed = {pk: compute_results(rows[pk]) for pk in missing}
        by_pk = {session.pk: session for session in sessions}
        for live in (True, False):
            cache.set_many(
                {
                    by_pk[pk]._results_key(): r
                    for pk, r in computed.items()
                    if by_pk[pk].is_live == live
                },
                timeout=LIVE_RESULTS_SECONDS if live else 3600,
            )
        found.update(computed)
    return found


def prefetch_outcomes() -> Prefetch:
    return Prefetch(
        "outcomes", queryset=Outcome.objects.prefetch_related("arguments").order_by("kind", "pk")
    )
