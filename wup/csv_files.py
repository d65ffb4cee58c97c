"""What every CSV import shares: reading the upload as UTF-8 and wording a problem per line.

Imports report each problem as "regel N: reason", N counted as in the file with the header as
line 1, so that a person can find the row in Excel.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


def line_error(line: int, reason: str) -> str:
    return _("regel %(line)d: %(reason)s") % {"line": line, "reason": reason}


def decode(data: bytes, error: type[Exception]) -> str:
    """Return the upload as text (UTF-8, with or without a byte-order mark).

    Anything else raises `error` with one message: the line the first bad byte is on, and how
    to save the file from Excel so that it reads.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(
            [
                line_error(
                    line,
                    _(
                        "het bestand is niet opgeslagen als UTF-8. Kies in Excel bij “Opslaan als” "
                        "het type “CSV UTF-8 (gescheiden door lijstscheidingstekens)”."
                    ),
                )
            ]
        ) from None


def choice_problem(value: str, allowed: Iterable[str], what: str) -> str | None:
    """Return None when the value is one of the allowed ones, else what is wrong with it."""
    allowed = [str(a) for a in allowed]
    if value in allowed:
        return None
    if not value:
        return _("%(what)s ontbreekt") % {"what": what}
    return _("onbekende %(what)s “%(value)s” (kies uit: %(allowed)s)") % {
        "what": what,
        "value": value,
        "allowed": ", ".join(allowed),
    }
