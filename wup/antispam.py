"""Protection for the public forms residents fill in without an account.

Three layers, none of which bothers a person: a honeypot field that people never see, a
minimum time between opening and sending the form, and a rate limit per address and per
e-mail. The errors are plain and nothing typed is lost.
"""

from __future__ import annotations

import time

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .client import client_address

MIN_FILL_SECONDS = 3
TRAPS = ("website", "started")
SIGNER_SALT = "wup.antispam.started"


class ProtectedForm(forms.Form):
    """Mix into a public form; render its `website` and `started` fields with
    templates/wup/_antispam_fields.html instead of through crispy."""

    website = forms.CharField(required=False, label=_("Laat dit veld leeg"))
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A fresh form carries the moment it was handed out, signed so it cannot be forged.
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=SIGNER_SALT)
        # {% crispy form %} renders the person's fields; the two traps come from
        # _antispam_fields.html (hidden from people and screen readers).
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(*(name for name in self.fields if name not in TRAPS))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(_("Dit formulier kon niet worden verstuurd."))
        try:
            started = signing.loads(cleaned.get("started") or "", salt=SIGNER_SALT, max_age=86400)
        except signing.BadSignature:
            started = None
        if started is None or time.time() - started < MIN_FILL_SECONDS:
            # Keep what was typed; a new timestamp lets the person simply send again.
            self.data = self.data.copy()
            self.data["started"] = signing.dumps(time.time() - MIN_FILL_SECONDS, salt=SIGNER_SALT)
            raise forms.ValidationError(
                _("Dat ging wel erg snel. Kijk uw gegevens na en verstuur het formulier opnieuw.")
            )
        return cleaned


def over_limit(request: HttpRequest, scope: str, *, email: str = "", per_hour: int = 5) -> bool:
    """Count one submission and return whether its address or e-mail went over the limit.

    Per client address the limit is ten times higher, so a town hall behind one address can
    still use the form; per e-mail address it is `per_hour`.
    """
    keys = [(f"antispam:{scope}:ip:{client_address(request)}", per_hour * 10)]
    if email:
        keys.append((f"antispam:{scope}:email:{email.lower()}", per_hour))
    # A list, not a generator: every counter must count this submission.
    return any([count_event(key, window=3600) > limit for key, limit in keys])


def count_event(key: str, *, window: int) -> int:
    """Add one to a counter that starts over `window` seconds after its first event; return it."""
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # it expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
