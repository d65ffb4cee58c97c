from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class WupConfig(AppConfig):
    default = True  # the module also holds SupportAdminConfig
    name = "wup"
    verbose_name = _("Wijkwaarde")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401 - registers the system checks
        from .mfa import remember_requirement
        from .sessions import start_clocks

        user_logged_in.connect(start_clocks, dispatch_uid="wup.sessions.start_clocks")
        user_logged_in.connect(remember_requirement, dispatch_uid="wup.mfa.remember_requirement")


class SupportAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with our site: staff only, second step required (wup/admin_site.py)."""

    default = False
    default_site = "wup.admin_site.SupportAdminSite"
