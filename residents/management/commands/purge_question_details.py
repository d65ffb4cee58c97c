"""Remove the asker's name and e-mail address from questions past the retention period."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy, ngettext

from residents.questions import purge_question_details


class Command(BaseCommand):
    help = gettext_lazy(
        "Haalt naam en e-mailadres weg bij vragen die langer dan de bewaartermijn "
        "(QUESTION_RETENTION_DAYS, standaard 365 dagen) geleden zijn beantwoord of gesteld."
    )

    def handle(self, *args, **options) -> None:
        count = purge_question_details()
        self.stdout.write(
            ngettext(
                "Bij %(count)d vraag zijn de gegevens van de vrager weggehaald.",
                "Bij %(count)d vragen zijn de gegevens van de vrager weggehaald.",
                count,
            )
            % {"count": count}
        )
