from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "dialogue"
    verbose_name = _("Dialoogsessies")

    def ready(self) -> None:
        from . import report

        report.register()
