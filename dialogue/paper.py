"""Input that did not come in through a phone: paper forms and kitchen-table talks, typed in one
at a time or read from a CSV file, and the CSV export of a session's scores and arguments.

The CSV file has the same columns both ways, so an export can be corrected in Excel and read in.
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

from .forms import ScoreForm
from .models import (
    Argument,
    DialogueSession,
    Participant,
    Prompt,
    Score,
    Side,
    StakeholderGroup,
)

HEADER = ["deelnemer", "groep", "bron", "soort", "kant", "vraag", "score", "standpunt", "tekst"]
KIND_SCORE, KIND_ARGUMENT = "score", "argument"
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
    scores: list[tuple[Prompt, int, str]] = field(default_factory=list)
    arguments: list[tuple[str, str, str]] = field(default_factory=list)  # side, stance, text


def save_entries(
    session: DialogueSession,
    entries: list[Entry],
    loose_arguments: Iterable[tuple[str, str, str]] = (),
) -> list[Participant]:
    """Return the new participants, created with their scores and arguments in three queries.

    Call inside a transaction. Loose arguments are ones without a participant.
    """
    participants = Participant.objects.bulk_create(
        Participant(
            session=session,
            token=Participant.new_token(),
            display_name=entry.label,
            group=entry.group,
            source=entry.source,
        )
        for entry in entries
    )
    # New participants have no scores yet, so a plain insert does what give_scores' upsert does.
    Score.objects.bulk_create(
        Score(participant=participant, prompt=prompt, value=value, reason=reason)
        for participant, entry in zip(participants, entries, strict=True)
        for prompt, value, reason in entry.scores
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
        for prompt in self.prompts:
            self.fields[f"score_{prompt.pk}"].label = f"{prompt.get_side_display()}: {prompt.text}"
            self.fields[f"reason_{prompt.pk}"].label = _("Waarom? (mag leeg blijven)")

    def clean(self):
        cleaned = forms.Form.clean(self)
        for prompt in self.prompts:
            if cleaned.get(f"reason_{prompt.pk}") and not cleaned.get(f"score_{prompt.pk}"):
                self.add_error(
                    f"score_{prompt.pk}", _("Kies een score bij deze reden, of maak de reden leeg.")
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


# Every row is an extra form, so a row left blank is skipped, and a half-filled one is an error.
PaperArgumentFormSet = forms.formset_factory(
    PaperArgumentForm, extra=3, max_num=3, absolute_max=3, validate_max=True
)


class PaperEntryForm:
    """The three parts of one paper form on one screen: who, the scores, the arguments."""

    def __init__(self, data=None, *, prompts: list[Prompt]):
        self.person = PersonForm(data, prefix="p")
        self.scores = PaperScoreForm(data, prompts=prompts, prefix="s")
        self.arguments = PaperArgumentFormSet(data, prefix="a")
        self.non_field_errors: list[str] = []

    def is_valid(self) -> bool:
        # Validate every part, so every error shows at once.
        valid = [self.person.is_valid(), self.scores.is_valid(), self.arguments.is_valid()]
        if not all(valid):
            self.non_field_errors += self.arguments.non_form_errors()
            return False
        if not self.scores.scores() and not self._argument_rows():
            self.non_field_errors.append(_("Vul minstens één score of één argument in."))
            return False
        return True

    def error_links(self) -> list[tuple[str, str]]:
        """Return (anchor, message) for every field error, for the summary above the form."""
        parts = [("", self.person), ("", self.scores)] + [
            (_("Argument %(n)d") % {"n": i}, form) for i, form in enumerate(self.arguments, 1)
        ]
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
            scores=self.scores.scores(),
            arguments=self._argument_rows(),
        )


# --- CSV export ------------------------------------------------------------------------------


def export_rows(session: DialogueSession) -> list[list[str]]:
    """Return the CSV rows (without header) of a session's scores and visible arguments.

    Participants are numbered P1..PN in their order; names and tokens never leave. Arguments
    hidden by a moderator stay out. Four queries, however many participants there are.
    """
    number = {prompt.pk: (i, prompt) for i, prompt in enumerate(session.prompts.all(), start=1)}
    scores: dict[int, list] = {}
    for participant_id, prompt_id, value, reason in (
        Score.objects.filter(prompt__session=session)
        .order_by("prompt__order", "prompt_id")
        .values_list("participant_id", "prompt_id", "value", "reason")
    ):
        scores.setdefault(participant_id, []).append((prompt_id, value, reason))
    arguments: dict[int | None, list] = {}
    for participant_id, side, stance, text in session.arguments.visible().values_list(
        "participant_id", "side", "stance", "text"
    ):
        arguments.setdefault(participant_id, []).append((side, stance, text))

    rows = []
    n = 0
    for participant_id, group, source in session.participants.values_list("pk", "group", "source"):
        if participant_id not in scores and participant_id not in arguments:
            continue
        n += 1
        person = [f"P{n}", group, source]
        for prompt_id, value, reason in scores.get(participant_id, []):
            i, prompt = number[prompt_id]
            rows.append(
                [*person, KIND_SCORE, prompt.side, str(i), str(value), "", quote_cell(reason)]
            )
        for side, stance, text in arguments.get(participant_id, []):
            rows.append([*person, KIND_ARGUMENT, side, "", "", stance, quote_cell(text)])
    for side, stance, text in arguments.get(None, []):
        rows.append(["", "", "", KIND_ARGUMENT, side, "", "", stance, quote_cell(text)])
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


class _Reader:
    """Reads the rows one by one, collecting every problem with its line number."""

    def __init__(self, prompts: list[Prompt], problems: LineProblems):
        self.prompts = prompts
        self.problems = problems
        self.entries: dict[str, tuple[int, Entry]] = {}  # label: (first line, entry)
        self.scored: set[tuple[str, int]] = set()
        self.loose_arguments: list[tuple[str, str, str]] = []

    def read_row(self, line: int, cells: dict[str, str]) -> None:
        for name in ("groep", "bron", "soort", "kant", "standpunt"):
            cells[name] = cells[name].lower()
        label, kind = cells["deelnemer"], cells["soort"]
        problems = []

        problems.append(choice_problem(kind, [KIND_SCORE, KIND_ARGUMENT], _("soort")))
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
        elif cells["groep"] or cells["bron"]:
            problems.append(_("groep en bron horen bij een deelnemer; vul ook deelnemer in"))
        text = unquote_cell(cells["tekst"])
        if len(text) > TEXT_MAX:
            problems.append(_("tekst is langer dan %(max)d tekens") % {"max": TEXT_MAX})

        prompt = None
        if kind == KIND_SCORE:
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
            if label and prompt and (label, prompt.pk) in self.scored:
                problems.append(
                    _("deelnemer %(label)s heeft al een score bij vraag %(n)s")
                    % {"label": label, "n": cells["vraag"]}
                )
        elif kind == KIND_ARGUMENT:
            problems.append(
                choice_problem(cells["standpunt"], Argument.Stance.values, _("standpunt"))
            )
            if cells["vraag"] or cells["score"]:
                problems.append(_("vraag en score horen alleen bij een score"))
            if not text:
                problems.append(_("tekst ontbreekt: een argument heeft een tekst"))

        entry = self._entry(line, label, cells["groep"], cells["bron"], problems)
        problems = [p for p in problems if p]
        for problem in problems:
            self.problems.add(line, problem)
        if problems:
            return
        if kind == KIND_SCORE:
            entry.scores.append((prompt, int(cells["score"]), text))
            self.scored.add((label, prompt.pk))
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


def read_csv(data: bytes, prompts: list[Prompt]) -> ImportResult:
    """Return what the file holds; raise PaperImportError listing every bad line."""
    rows, problems = read_table(data, HEADER, PaperImportError, delimiter=";")
    reader = _Reader(prompts, problems)
    for line, cells in rows:
        reader.read_row(line, cells)
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
