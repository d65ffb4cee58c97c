"""The Django admin for the platform's support staff (registered models: wup/admin.py and each
app's admin.py).

Mounted at SUPPORT_ADMIN_PATH, not at a guessable /admin/. Only active staff accounts
(is_staff) who passed the second step get in; MfaRequiredMiddleware (wup/mfa.py) sends staff to
that step first. There is no separate admin login: the site's own login, with its lockout and
audit trail, is the only way in.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from . import mfa


class SupportAdminSite(admin.AdminSite):
    site_header = _("Wijkwaarde: ondersteuning")
    site_title = _("Wijkwaarde: ondersteuning")
    index_title = _("Ondersteuning")
    enable_nav_sidebar = False
    final_catch_all_view = False  # every URL has a name (tests/test_permission_matrix.py)

    def has_permission(self, request) -> bool:
        user = request.user
        verified = mfa.is_verified(request) or not settings.MFA_REQUIRED
        return user.is_active and user.is_staff and verified

    def login(self, request, extra_context=None):
        """Our own login page; a signed-in person without access gets a plain refusal."""
        next_url = request.GET.get("next") or reverse("admin:index")
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url)
        if user.is_active and user.is_staff and not mfa.is_verified(request):
            name = "mfa_verify" if user_has_device(user) else "mfa_setup"
            return redirect(f"{reverse(name)}?{urlencode({'next': next_url})}")
        raise PermissionDenied
