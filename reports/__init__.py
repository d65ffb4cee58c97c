"""PDF reports for every app: the `Report` row and its life (queued → rendering → done or failed),
the Celery task that renders it, the restricted WeasyPrint fetcher and the shared PDF layout.

This app knows no kind of report itself. Each app that makes one registers its kind with
`register_kind` from its AppConfig.ready(): dialogue the session report, roadmap the roadmap
report, dashboard the council's progress report. See `reports.kinds`.
"""

from .kinds import register_kind

__all__ = ["register_kind"]
