"""Input that did not come in through a phone: paper forms and kitchen-table talks, typed in one
at a time or read from a CSV file, and the CSV export of a session's scores and arguments.

The CSV file has the same columns both ways, so an export can be corrected in Excel and read in.
The last column, "voorstel", says which proposition a score is about (1 to 3) when a session
compares alternatives; files from before it (without the column) read into proposition 1.
A reaction (agree or disagree with an argument, soort "reactie") names its argument by side and
text: an argument in the same file, or one the session already has.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wup import csv_files
from wup.csv_files import LineProblems, choice_problem, quote_cell, read_table, unquote_cell

from . import reach
from .forms import ScoreForm
from .models import (
    Argument,
    ArgumentVote,
    DialogueSession,
    Participant,
    Prompt,
    Score,
    Side,
    StakeholderGroup,
)

OLD_HEADER = ["deelnemer", "groep", "bron", "soort", "kant", "vraag", "score", "standpunt", "tekst"]
HEADER = [*OLD_HEADER, "voorstel"]
KIND_SCORE, KIND_ARGUMENT, KIND_REACTION = "score", "argument", "reactie"
AGREE, DISAGREE, NONE = "eens", "oneens", "geen"
OFFLINE_SOURCES = [Participant.Source.PAPER, Participant.Source.KITCHEN_TABLE]
MAX_UPLOAD_BYTES = 1024 * 1024
TEXT_MAX = 500  # Score.reason and Argument.text
LABEL_MAX = 60  # Participant.display_name


@dataclass
class Entry:
    """One participant's paper form: who, their scores and their arguments."""

    source: str
    group: str
    label: str = ""
    household: str = ""  # a household code, only to count the household once (dialogue.reach)
    scores: list[tuple[Prompt, int, str, int]] = field(default_factory=list)  # … proposition
    arguments: list[tuple[str, str, str]] = field(default_factory=list)  # side, stance, text
    # Agree (True) or disagree with an argument the session has, or (side, text) of an argument
    # in the same file.
    votes: list[tuple[Argument | tuple[str, str], bool]] = field(default_factory=list)


def save_entries(
    session: DialogueSession,
    entries: list[Entry],
    loose_arguments: Iterable[tuple[str, str, str]] = (),
) -> list[Participant]:
    """Return the new participants, created with their scores, arguments and reactions in four
    queries.

    Call inside a transaction. Loose arguments are ones without a participant.
    """
    participants = Participant.objects.bulk_create(
        Participant(
            session=session,
            token=Participant.new_token(),
            display_name=entry.label,
            group=entry.group,
            source=entry.source,
            person_key=reach.household_key(session.neighbourhood_id, entry.household),
        )
        for entry in entries
    )
    # New participants have no scores yet, so a plain insert does what give_scores' upsert does.
    Score.objects.bulk_create(
        Score(
            participant=participant,
            prompt=prompt,
            value=value,
            first_value=value,
            reason=reason,
            proposition=number,
        )
        for participant, entry in zip(participants, entries, strict=True)
        for prompt, value, reason, number in entry.scores
    )
    arguments = [
        Argument(session=session, participant=participant, side=side, stance=stance, text=text)
        for participant, entry in zip(participants, entries, strict=True)
        for side, stance, text in entry.arguments
    ]
    arguments += [
        Argument(session=session, side=side, stance=stance, text=text)
        for side, stance, text in loose_arguments
    ]
    Argument.objects.bulk_create(arguments)
    created: dict[tuple[str, str], Argument] = {}
    for argument in arguments:
        created.setdefault((argument.side, argument.text), argument)
    ArgumentVote.objects.bulk_create(
        ArgumentVote(
            argument=target if isinstance(target, Argument) else created[target],
            participant=participant,
            agrees=agrees,
        )
        for participant, entry in zip(participants, entries, strict=True)
        for target, agrees in entry.votes
    )
    session.forget_results()
    return participants


def offline_count(session: DialogueSession) -> int:
    return session.participants.filter(source__in=OFFLINE_SOURCES).count()


# --- the fast entry form ---------------------------------------------------------------------


class PersonForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Kenmerk (mag u weglaten)"),
        max_length=LABEL_MAX,
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld het nummer op het formulier: “formulier 12”."),
    )
    source = forms.ChoiceField(
        label=gettext_lazy("Hoe is dit ingevuld?"),
        choices=[(s.value, s.label) for s in OFFLINE_SOURCES],
        widget=forms.RadioSelect,
    )
    household = forms.CharField(
        label=gettext_lazy("Huishoudcode (mag u weglaten)"),
        max_length=40,
        required=False,
        help_text=gettext_lazy(
            "Bijvoorbeeld het nummer op de uitnodiging van dit huishouden. Dezelfde code bij een "
            "andere sessie telt als hetzelfde huishouden. De code zelf wordt niet bewaard."
        ),
    )
    group = forms.ChoiceField(
        label=gettext_lazy("De deelnemer is vooral"),
        choices=StakeholderGroup.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=gettext_lazy("Niets gekozen? Dan wordt het “Anders”."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # A fresh form after saving: the typist goes on at once.
            self.fields["label"].widget.attrs["autofocus"] = True

    def clean_group(self) -> str:
        return self.cleaned_data["group"] or StakeholderGroup.OTHER


class PaperScoreForm(ScoreForm):
    """ScoreForm without its rule that a score is required: a paper form may hold only arguments."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        several = len(self.propositions) > 1
        for number, _text in self.propositions:
            for prompt in self.prompts:
                label = f"{prompt.get_side_display()}: {prompt.text}"
                if several:
                    label = _("Voorstel %(n)d") % {"n": number} + f" · {label}"
                self.fields[self.score_field(prompt, number)].label = label
                self.fields[self.reason_field(prompt, number)].label = _(
                    "Waarom? (mag leeg blijven)"
                )

    def clean(self):
        cleaned = forms.Form.clean(self)
        for number, _text in self.propositions:
            for prompt in self.prompts:
                score, reason = self.score_field(prompt, number), self.reason_field(prompt, number)
                if cleaned.get(reason) and not cleaned.get(score):
                    self.add_error(
                        score, _("Kies een score bij deze reden, of maak de reden leeg.")
                    )
        return cleaned


class PaperArgumentForm(forms.Form):
    side = forms.ChoiceField(
        label=gettext_lazy("Kant"), choices=Side.choices, widget=forms.RadioSelect
    )
    stance = forms.ChoiceField(
        label=gettext_lazy("Voor of tegen"),
        choices=Argument.Stance.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=gettext_lazy("Argument"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PaperVotesForm(forms.Form):
    """Agree or disagree with the session's arguments, as the paper form or the talk recorded."""

    def __init__(self, *args, arguments: list[Argument], **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = arguments
        for argument in arguments:
            self.fields[f"vote_{argument.pk}"] = forms.ChoiceField(
                label=f"{argument.get_side_display()} ({argument.get_stance_display().lower()}): "
                f"{argument.text}",
                # "geen" rather than an empty value: a fresh form has nothing chosen.
                choices=[(NONE, _("Geen reactie")), (AGREE, _("Eens")), (DISAGREE, _("Oneens"))],
                widget=forms.RadioSelect,
                required=False,
            )

    def votes(self) -> list[tuple[Argument, bool]]:
        return [
            (argument, self.cleaned_data[f"vote_{argument.pk}"] == AGREE)
            for argument in self.targets
            if self.cleaned_data.get(f"vote_{argument.pk}") in (AGREE, DISAGREE)
        ]


# Every row is an extra form, so a row left blank is skipped, and a half-filled one is an error.
PaperArgumentFormSet = forms.formset_factory(
    PaperArgumentForm, extra=3, max_num=3, absolute_max=3, validate_max=True
)


class PaperEntryForm:
    """The three parts of one paper form on one screen: who, the scores, the arguments."""

    def __init__(
        self,
        data=None,
        *,
        prompts: list[Prompt],
        arguments: list[Argument] = (),
        propositions: list[tuple[int, str]] | None = None,
    ):
        self.person = PersonForm(data, prefix="p")
        self.scores = PaperScoreForm(data, prompts=prompts, prefix="s", propositions=propositions)
        self.arguments = PaperArgumentFormSet(data, prefix="a")
        self.votes = PaperVotesForm(data, arguments=list(arguments), prefix="r")
        self.non_field_errors: list[str] = []

    def is_valid(self) -> bool:
        # Validate every part, so every error shows at once.
        valid = [
            self.person.is_valid(),
            self.scores.is_valid(),
            self.arguments.is_valid(),
            self.votes.is_valid(),
        ]
        if not all(valid):
            self.non_field_errors += self.arguments.non_form_errors()
            return False
        if not self.scores.scores() and not self._argument_rows() and not self.votes.votes():
            self.non_field_errors.append(_("Vul minstens één score of één argument in."))
            return False
        return True

    def error_links(self) -> list[tuple[str, str]]:
        """Return (anchor, message) for every field error, for the summary above the form."""
        parts = [("", self.person), ("", self.scores)] + [
            (_("Argument %(n)d") % {"n": i}, form) for i, form in enumerate(self.arguments, 1)
        ]
        parts.append(("", self.votes))
        links = []
        for prefix, form in parts:
            for bound in form:
                for error in bound.errors:
                    anchor = f"div_{bound.auto_id}" if bound.use_fieldset else bound.auto_id
                    label = f"{prefix}, {bound.label}" if prefix else bound.label
                    links.append((anchor, f"{label}: {error}"))
        return links

    def _argument_rows(self) -> list[tuple[str, str, str]]:
        return [
            (form.cleaned_data["side"], form.cleaned_data["stance"], form.cleaned_data["text"])
            for form in self.arguments
            if form.cleaned_data
        ]

    def entry(self) -> Entry:
        person = self.person.cleaned_data
        return Entry(
            source=person["source"],
            group=person["group"],
            label=person["label"],
            household=person["household"],
            scores=self.scores.scores(),
            arguments=self._argument_rows(),
            votes=self.votes.votes(),
        )


# --- CSV export ------------------------------------------------------------------------------


def export_rows(session: DialogueSession) -> list[list[str]]:
    """Return the CSV rows (without header) of a session's scores, visible arguments and the
    reactions (agree, disagree) to them.

    Participants are numbered P1..PN in their order; names and tokens never leave. Arguments
    hidden by a moderator, and reactions to them, stay out. Five queries, however many
    participants there are.
    """
    number = {prompt.pk: (i, prompt) for i, prompt in enumerate(session.prompts.all(), start=1)}
    scores: dict[int, list] = {}
    for participant_id, prompt_id, value, reason, proposition in (
        Score.objects.filter(prompt__session=session)
        .order_by("proposition", "prompt__order", "prompt_id")
        .values_list("participant_id", "prompt_id", "value", "reason", "proposition")
    ):
        scores.setdefault(participant_id, []).append((prompt_id, value, reason, proposition))
    arguments: dict[int | None, list] = {}
    for participant_id, side, stance, text in session.arguments.visible().values_list(
        "participant_id", "side", "stance", "text"
    ):
        arguments.setdefault(participant_id, []).append((side, stance, text))
    votes: dict[int, list] = {}
    for participant_id, side, text, agrees in (
        ArgumentVote.objects.filter(argument__session=session, argument__hidden=False)
        .order_by("argument__created_at", "argument_id")
        .values_list("participant_id", "argument__side", "argument__text", "agrees")
    ):
        votes.setdefault(participant_id, []).append((side, text, agrees))

    rows = []
    n = 0
    for participant_id, group, source in session.participants.values_list("pk", "group", "source"):
        if all(participant_id not in found for found in (scores, arguments, votes)):
            continue
        n += 1
        person = [f"P{n}", group, source]
        for prompt_id, value, reason, proposition in scores.get(participant_id, []):
            i, prompt = number[prompt_id]
            rows.append(
                [
                    *person,
                    KIND_SCORE,
                    prompt.side,
                    str(i),
                    str(value),
                    "",
                    quote_cell(reason),
                    str(proposition),
                ]
            )
        for side, stance, text in arguments.get(participant_id, []):
            rows.append([*person, KIND_ARGUMENT, side, "", "", stance, quote_cell(text), ""])
        for side, text, agrees in votes.get(participant_id, []):
            reaction = AGREE if agrees else DISAGREE
            rows.append([*person, KIND_REACTION, side, "", "", reaction, quote_cell(text), ""])
    for side, stance, text in arguments.get(None, []):
        rows.append(["", "", "", KIND_ARGUMENT, side, "", "", stance, quote_cell(text), ""])
    return rows


def write_csv(out, rows: list[list[str]]) -> None:
    """Write the header and rows as Excel reads them: BOM, semicolons, CRLF."""
    csv_files.write_csv(out, HEADER, rows)


# --- CSV import ------------------------------------------------------------------------------


class PaperImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ImportResult:
    entries: list[Entry]
    loose_arguments: list[tuple[str, str, str]]

    @property
    def score_count(self) -> int:
        return sum(len(e.scores) for e in self.entries)

    @property
    def argument_count(self) -> int:
        return sum(len(e.arguments) for e in self.entries) + len(self.loose_arguments)

    @property
    def reaction_count(self) -> int:
        return sum(len(e.votes) for e in self.entries)


class _Reader:
    """Reads the rows one by one, collecting every problem with its line number."""

    def __init__(
        self, prompts: list[Prompt], problems: LineProblems, arguments=(), propositions: int = 1
    ):
        self.prompts = prompts
        self.propositions = propositions
        self.problems = problems
        self.entries: dict[str, tuple[int, Entry]] = {}  # label: (first line, entry)
        self.scored: set[tuple[str, int, int]] = set()
        self.loose_arguments: list[tuple[str, str, str]] = []
        self.existing = {}  # (side, text): an argument the session already has
        for argument in arguments:
            self.existing.setdefault((argument.side, argument.text), argument)
        self.reactions: list[tuple[int, str, Entry, tuple[str, str], bool]] = []

    def resolve_reactions(self) -> None:
        """Point each reaction at its argument, now that every argument in the file is known."""
        in_file = {(side, text) for side, _stance, text in self.loose_arguments}
        for _line, entry in self.entries.values():
            in_file |= {(side, text) for side, _stance, text in entry.arguments}
        seen = set()
        for line, label, entry, key, agrees in self.reactions:
            target = key if key in in_file else self.existing.get(key)
            if target is None:
                self.problems.add(
                    line,
                    _(
                        "reactie op een argument dat niet in het bestand of in de sessie staat "
                        "(kant en tekst moeten precies gelijk zijn)"
                    ),
                )
            elif (label, key) in seen:
                self.problems.add(
                    line,
                    _("deelnemer %(label)s reageert al op dit argument") % {"label": label},
                )
            else:
                seen.add((label, key))
                entry.votes.append((target, agrees))

    def read_row(self, line: int, cells: dict[str, str]) -> None:
        for name in ("groep", "bron", "soort", "kant", "standpunt"):
            cells[name] = cells[name].lower()
        label, kind = cells["deelnemer"], cells["soort"]
        problems = []

        problems.append(
            choice_problem(kind, [KIND_SCORE, KIND_ARGUMENT, KIND_REACTION], _("soort"))
        )
        side_problem = choice_problem(cells["kant"], Side.values, _("kant"))
        problems.append(side_problem)
        if len(label) > LABEL_MAX:
            problems.append(_("deelnemer is langer dan %(max)d tekens") % {"max": LABEL_MAX})
        if label:
            problems.append(choice_problem(cells["groep"], StakeholderGroup.values, _("groep")))
            if cells["bron"] == Participant.Source.LIVE:
                problems.append(_("bron “live” kan niet: lees alleen papier of keukentafel in"))
            else:
                problems.append(choice_problem(cells["bron"], OFFLINE_SOURCES, _("bron")))
        elif kind == KIND_SCORE:
            problems.append(_("deelnemer ontbreekt: een score hoort bij een deelnemer"))
        elif kind == KIND_REACTION:
            problems.append(_("deelnemer ontbreekt: een reactie hoort bij een deelnemer"))
        elif cells["groep"] or cells["bron"]:
            problems.append(_("groep en bron horen bij een deelnemer; vul ook deelnemer in"))
        text = unquote_cell(cells["tekst"])
        if len(text) > TEXT_MAX:
            problems.append(_("tekst is langer dan %(max)d tekens") % {"max": TEXT_MAX})

        prompt = None
        proposition = cells["voorstel"] or "1"
        if kind == KIND_SCORE:
            if not proposition.isdigit() or not 1 <= int(proposition) <= self.propositions:
                problems.append(
                    _("voorstel “%(value)s” bestaat niet in deze sessie (kies 1 tot en met %(n)d)")
                    % {"value": proposition, "n": self.propositions}
                )
                proposition = "1"
            prompt, problem = self._prompt(cells["vraag"])
            problems.append(problem)
            if prompt and not side_problem and prompt.side != cells["kant"]:
                problems.append(
                    _("vraag %(n)s gaat over %(side)s, niet over %(other)s")
                    % {"n": cells["vraag"], "side": prompt.side, "other": cells["kant"]}
                )
            if not cells["score"].isdigit() or not 1 <= int(cells["score"]) <= 5:
                problems.append(
                    _("score “%(value)s” is geen getal van 1 tot en met 5")
                    % {"value": cells["score"]}
                    if cells["score"]
                    else _("score ontbreekt")
                )
            if cells["standpunt"]:
                problems.append(_("standpunt hoort alleen bij een argument"))
            if label and prompt and (label, prompt.pk, int(proposition)) in self.scored:
                problems.append(
                    _("deelnemer %(label)s heeft al een score bij vraag %(n)s")
                    % {"label": label, "n": cells["vraag"]}
                )
        elif cells["voorstel"]:
            problems.append(_("voorstel hoort alleen bij een score"))
        if kind == KIND_ARGUMENT:
            problems.append(
                choice_problem(cells["standpunt"], Argument.Stance.values, _("standpunt"))
            )
            if cells["vraag"] or cells["score"]:
                problems.append(_("vraag en score horen alleen bij een score"))
            if not text:
                problems.append(_("tekst ontbreekt: een argument heeft een tekst"))
        elif kind == KIND_REACTION:
            problems.append(choice_problem(cells["standpunt"], [AGREE, DISAGREE], _("standpunt")))
            if cells["vraag"] or cells["score"]:
                problems.append(_("vraag en score horen alleen bij een score"))
            if not text:
                problems.append(_("tekst ontbreekt: een reactie noemt de tekst van het argument"))

        entry = self._entry(line, label, cells["groep"], cells["bron"], problems)
        problems = [p for p in problems if p]
        for problem in problems:
            self.problems.add(line, problem)
        if problems:
            return
        if kind == KIND_SCORE:
            entry.scores.append((prompt, int(cells["score"]), text, int(proposition)))
            self.scored.add((label, prompt.pk, int(proposition)))
        elif kind == KIND_REACTION:
            key = (cells["kant"], text)
            self.reactions.append((line, label, entry, key, cells["standpunt"] == AGREE))
        elif entry:
            entry.arguments.append((cells["kant"], cells["standpunt"], text))
        else:
            self.loose_arguments.append((cells["kant"], cells["standpunt"], text))

    def _prompt(self, cell: str) -> tuple[Prompt | None, str | None]:
        if cell.isdigit() and 1 <= int(cell) <= len(self.prompts):
            return self.prompts[int(cell) - 1], None
        if not cell:
            return None, _("vraag ontbreekt")
        return None, _(
            "vraag “%(value)s” bestaat niet in deze sessie (kies 1 tot en met %(n)d)"
        ) % {
            "value": cell,
            "n": len(self.prompts),
        }

    def _entry(self, line, label, group, source, problems) -> Entry | None:
        """Return the participant this row belongs to; rows of one participant must agree."""
        if not label:
            return None
        if label not in self.entries:
            self.entries[label] = (line, Entry(source=source, group=group, label=label))
        first_line, entry = self.entries[label]
        if entry.group != group or entry.source != source:
            problems.append(
                _("deelnemer %(label)s heeft op regel %(first)d een andere groep of bron")
                % {"label": label, "first": first_line}
            )
        return entry


def read_csv(
    data: bytes, prompts: list[Prompt], arguments=(), propositions: int = 1
) -> ImportResult:
    """Return what the file holds; raise PaperImportError listing every bad line.

    `arguments` are the session's visible arguments, which a reaction may name too;
    `propositions` how many propositions the session puts to the triangle. A file without
    the "voorstel" column (from before it) is read as all about proposition 1.
    """
    try:
        rows, problems = read_table(data, HEADER, PaperImportError, delimiter=";")
    except PaperImportError as error:
        try:
            rows, problems = read_table(data, OLD_HEADER, PaperImportError, delimiter=";")
        except PaperImportError:
            raise error from None
        for _line, cells in rows:
            cells["voorstel"] = ""
    reader = _Reader(prompts, problems, arguments, propositions)
    for line, cells in rows:
        reader.read_row(line, cells)
    reader.resolve_reactions()
    if problems:
        raise PaperImportError(problems.messages())
    if not reader.entries and not reader.loose_arguments:
        raise PaperImportError([_("Het bestand heeft geen regels met scores of argumenten.")])
    return ImportResult(
        entries=[entry for _line, entry in reader.entries.values()],
        loose_arguments=reader.loose_arguments,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV-bestand"),
        help_text=gettext_lazy(
            "Puntkomma’s tussen de kolommen, opgeslagen als UTF-8. Hoogstens 1 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot (%(size)s). Het mag hoogstens 1 MB zijn.")
                % {"size": filesizeformat(upload.size)}
            )
        return upload
