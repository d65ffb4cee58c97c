from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WupConfig(AppConfig):
    name = "wup"
    verbose_name = _("Wijkwaarde")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401 - registers the system checks
        from .mfa import remember_requirement
        from .sessions import start_clocks

        user_logged_in.connect(start_clocks, dispatch_uid="wup.sessions.start_clocks")
        user_logged_in.connect(remember_requirement, dispatch_uid="wup.mfa.remember_requirement")
