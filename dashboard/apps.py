from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "dashboard"
    verbose_name = _("Dashboard")

    def ready(self) -> None:
        """What the dashboard adds to the apps below it, which do not import it; each is called
        explicitly where it happens, never through a signal."""
        from roadmap.snapshots import register_section
        from wup.models import register_neighbourhood_part

        from .council.report import register_report
        from .models import create_standard_indicators
        from .route_section import ROUTE_SECTION, freeze_route, take_route

        # Every new neighbourhood gets the standard indicators (Neighbourhood.objects.add_parts).
        register_neighbourhood_part(create_standard_indicators)
        # The route is part of every snapshot, and adopt() freezes it into the version.
        register_section(ROUTE_SECTION, take_route, freeze=freeze_route)
        register_report()
        # The written review of a warmteprogramma quotes the monitoring figures.
        from designation.review import register_review_source

        from .programme_review import figures

        register_review_source(figures)
