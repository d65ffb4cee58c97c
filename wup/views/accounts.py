"""The staff's account pages: Django's login and reset views with our limits and audit entries
(the rules are in wup/accounts.py)."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wup import audit
from wup.accounts import RESETS_PER_ACCOUNT_PER_HOUR, PasswordResetForm, login_username
from wup.antispam import over_limit
from wup.onboarding import invite_tokens


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the login page with a plain Dutch explanation, status 429."""
    minutes = int(get_cool_off(request).total_seconds() // 60)
    return render(
        request,
        "registration/locked_out.html",
        {"minutes": minutes},
        status=429,
    )


class LoginView(auth_views.LoginView):
    """Django's login; every attempt with a username goes into the audit trail."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record_login(self.request, username=form.get_user().get_username(), ok=True)
        return response

    def form_invalid(self, form):
        username = login_username(self.request, None)
        if username:
            audit.record_login(
                self.request,
                username=username,
                ok=False,
                locked=getattr(self.request, "axes_locked_out", False),
            )
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        if over_limit(
            self.request,
            "password-reset",
            email=form.cleaned_data["email"],
            per_hour=RESETS_PER_ACCOUNT_PER_HOUR,
        ):
            form.add_error(
                None,
                _(
                    "Er zijn te veel links aangevraagd voor dit e-mailadres of vanaf deze "
                    "verbinding. Probeer het over een uur opnieuw."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)


@require_POST
@login_required
def stay_signed_in(request: HttpRequest) -> HttpResponse:
    """The warning's button: this request is the activity (wup.sessions); back to the page."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return HttpResponse(status=204)


class InviteConfirmView(auth_views.PasswordResetConfirmView):
    """The first password of an invited administrator (wup/onboarding.py): the invitation's own
    token, single-use and valid for INVITE_TIMEOUT_DAYS days; audited."""

    token_generator = invite_tokens
    template_name = "registration/invite_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(self.request, action="invite_accepted", obj=form.user, municipality=None)
        return response
