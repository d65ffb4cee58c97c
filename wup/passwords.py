"""Password rules for staff accounts (AUTH_PASSWORD_VALIDATORS), with Dutch messages.

Length (15) without composition rules, Django's similarity and common-password checks, and a
check on the shapes a length rule lets through: one character or word repeated
(`aaaaaaaaaaaaaaa`, `passwordpassword`) and a breached password padded with digits or signs
(`wachtwoord12345`). The lists are offline: Django's 20,000 breached passwords and our short
list of Dutch ones (wup/data/common-passwords-nl.txt).

Django 6.1 changed the wording key of its length message and its Dutch catalogue has not
caught up, so the length error came out in English on the Dutch form; ours has its own text.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DUTCH_LIST = Path(__file__).resolve().parent / "data" / "common-passwords-nl.txt"
# Letters and digits only, lower case: "Pass word!" and "password" are one password.
_NOT_ALNUM = re.compile(r"[\W_]+")
_REPEATED = re.compile(r"(.+?)\1+")
_PADDING = re.compile(r"^[\d\W_]*(.*?)[\d\W_]*$")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken lang zijn.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self):
        return ngettext(
            "Uw wachtwoord moet minstens %(min_length)d teken lang zijn.",
            "Uw wachtwoord moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's breached passwords plus our Dutch list; also the core of a padded password."""

    def __init__(self, password_list_path=None):
        super().__init__(
            password_list_path
            or password_validation.CommonPasswordValidator.DEFAULT_PASSWORD_LIST_PATH
        )
        with open(DUTCH_LIST, encoding="utf-8") as f:
            self.passwords |= {
                line.strip().lower() for line in f if line.strip() and not line.startswith("#")
            }

    def validate(self, password, user=None):
        compact = _NOT_ALNUM.sub("", password.lower())
        core = _PADDING.match(password.lower().strip()).group(1)
        candidates = {password.lower().strip(), compact, core, _NOT_ALNUM.sub("", core)}
        if any(candidate in self.passwords for candidate in candidates if candidate):
            raise ValidationError(self.get_error_message(), code="password_too_common")

    def get_error_message(self):
        return _("Dit wachtwoord komt voor in lijsten van veelgebruikte en gelekte wachtwoorden.")

    def get_help_text(self):
        return _("Uw wachtwoord mag geen veelgebruikt of eerder gelekt wachtwoord zijn.")


class RepetitionValidator:
    """Refuse a password that is one character, or one short piece, said again and again."""

    def validate(self, password, user=None):
        compact = _NOT_ALNUM.sub("", password.lower())
        if len(set(compact)) <= 2 or _REPEATED.fullmatch(compact):
            raise ValidationError(
                _("Dit wachtwoord herhaalt steeds hetzelfde teken of woord."),
                code="password_repetitive",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag niet steeds hetzelfde teken of woord herhalen.")
