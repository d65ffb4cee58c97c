from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DesignationConfig(AppConfig):
    name = "designation"
    verbose_name = _("Warmteprogramma en aanwijzing")

    def ready(self) -> None:
        """The safeguard assessments are part of every roadmap snapshot (roadmap.adopt), so an
        adopted version keeps the verdicts it was adopted with."""
        from roadmap.snapshots import register_section

        from .safeguards import ASSESSMENT_SECTION, take_assessments

        register_section(ASSESSMENT_SECTION, take_assessments)
