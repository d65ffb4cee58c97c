"""The kinds of report, each registered by the app that makes it.

An app calls `register_kind` once, from its AppConfig.ready() (the web process and the worker
both load every app): dialogue registers the session report, roadmap the roadmap report,
dashboard the council's progress report. This module holds no kind of its own and imports no
app above it.

A report row names what it is about with `neighbourhood` or `municipality` (whose members may
see it, and which theme it wears) and, for kinds about one object, `subject_id`: the primary key
of that object in the kind's own terms (a roadmap version, a dialogue session). Such objects are
only deleted together with their neighbourhood, which takes its reports along.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from .models import Report

KIND_MAX_LENGTH = 20


class ReportNotAvailable(Exception):
    """The report's source no longer exists or cannot be reported on (a permanent failure)."""


def _never(report: Report) -> bool:
    return False


@dataclass(frozen=True)
class ReportKind:
    """How one kind of report is made. Each function takes the `Report` row.

    - `label`: what the kind is called (status pages, lists).
    - `template`: the PDF's template; it extends "reports/pdf/base.html".
    - `source`: everything the report shows, as JSON-able data; hashed (with the kind and the
      municipality's theme) to reuse a finished file while nothing changed.
    - `context`: the template's context; start from `reports.pdf.base_context(...)`.
    - `title`: the report's title (status page, PDF).
    - `download_name`: the file name offered on download.
    - `is_public`: whether anyone may read the report (default: never; then only members of the
      municipality whose membership reaches its neighbourhood, or the kind's own pages).
    """

    name: str
    label: str | Promise
    template: str
    source: Callable[[Report], dict]
    context: Callable[[Report], dict]
    title: Callable[[Report], str]
    download_name: Callable[[Report], str]
    is_public: Callable[[Report], bool] = _never


REGISTERED_KINDS: dict[str, ReportKind] = {}


def register_kind(
    kind: str,
    *,
    label: str | Promise,
    template: str,
    source: Callable[[Report], dict],
    context: Callable[[Report], dict],
    title: Callable[[Report], str],
    download_name: Callable[[Report], str],
    is_public: Callable[[Report], bool] = _never,
) -> ReportKind:
    """Make `kind` (the value stored in `Report.kind`) a report made by these functions.

    Registering a kind again from the same module replaces it (ready() may run more than once in
    tests); another module cannot take over a kind that is registered already.
    """
    if not kind or len(kind) > KIND_MAX_LENGTH:
        raise ValueError(f"a report kind is 1 to {KIND_MAX_LENGTH} characters: {kind!r}")
    existing = REGISTERED_KINDS.get(kind)
    if existing is not None and existing.source.__module__ != source.__module__:
        raise ValueError(f"report kind {kind!r} is made by {existing.source.__module__}")
    registered_kind = ReportKind(
        name=kind,
        label=label,
        template=template,
        source=source,
        context=context,
        title=title,
        download_name=download_name,
        is_public=is_public,
    )
    REGISTERED_KINDS[kind] = registered_kind
    return registered_kind


def registered(kind: str) -> ReportKind:
    """Return the registration of a kind, or raise ReportNotAvailable (e.g. a worker without
    the app that makes it)."""
    try:
        return REGISTERED_KINDS[kind]
    except KeyError:
        raise ReportNotAvailable(kind) from None


def validate_kind(value: str) -> None:
    """The field validator of `Report.kind`: only registered kinds."""
    if value not in REGISTERED_KINDS:
        raise ValidationError(
            gettext_lazy("Onbekende soort rapport: %(kind)s"),
            code="invalid",
            params={"kind": value},
        )


def label(report: Report) -> str:
    """Return the label of the report's kind, else the stored kind."""
    kind = REGISTERED_KINDS.get(report.kind)
    return str(kind.label) if kind else report.kind


def title(report: Report) -> str:
    """Return the report's title, else its kind's label."""
    kind = REGISTERED_KINDS.get(report.kind)
    return kind.title(report) if kind else label(report)


def download_name(report: Report) -> str:
    """Return the file name offered on download."""
    kind = REGISTERED_KINDS.get(report.kind)
    return kind.download_name(report) if kind else f"rapport-{report.pk}.pdf"


def is_public(report: Report) -> bool:
    """Return whether anyone may read the report; never for an unknown kind."""
    kind = REGISTERED_KINDS.get(report.kind)
    return bool(kind and kind.is_public(report))
