"""Periodic work of the dashboard: the indicators Wijkwaarde measures itself, refreshed nightly.

`refresh_app_measurements` is idempotent (see `app_measurements.refresh`), so a redelivered or
doubled run changes nothing. One neighbourhood that fails is logged and does not stop the rest.
"""

from __future__ import annotations

import logging

from celery import shared_task

from wup.models import Neighbourhood

from . import app_measurements

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def refresh_app_measurements() -> int:
    """Refresh the app-measured indicators of every neighbourhood; return the rows written."""
    written = 0
    failed = 0
    neighbourhoods = Neighbourhood.objects.prefetch_related("areas").order_by("pk")
    for neighbourhood in neighbourhoods.iterator(chunk_size=200):
        try:
            written += app_measurements.refresh(neighbourhood)
        except Exception:
            failed += 1
            logger.exception("Refreshing the app measurements of %s failed", neighbourhood.pk)
    if failed:
        logger.warning("App measurements: %d neighbourhoods failed", failed)
    return written


@shared_task(acks_late=True)
def forget_pulse_addresses() -> int:
    """Empty the address keys of the pulse's past months: the limit per address needs only the
    current month's (dashboard.pulse.forget_addresses). Idempotent."""
    from .pulse import forget_addresses

    return forget_addresses()
