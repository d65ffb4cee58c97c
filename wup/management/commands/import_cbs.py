"""Import the CBS key figures of wijken and buurten (KWB CSV), and optionally their boundaries."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_lazy, ngettext

from wup.cbs_import import BUURT, WIJK, CbsImportError, run_import


class Command(BaseCommand):
    help = gettext_lazy(
        "Leest de Kerncijfers wijken en buurten van het CBS in (CSV met puntkomma's), "
        "met de grenzen als GeoJSON erbij als u dat wilt. Bij een fout wordt niets ingelezen."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("csv_file", type=Path, help=gettext_lazy("het KWB-bestand (CSV)"))
        parser.add_argument(
            "--year",
            type=int,
            help=gettext_lazy(
                "peiljaar; anders uit de kolom jaar of peiljaar, of uit de bestandsnaam"
            ),
        )
        parser.add_argument(
            "--level",
            choices=[BUURT, WIJK],
            default=BUURT,
            help=gettext_lazy("welk niveau een plangebied in Wijkwaarde krijgt (standaard buurt)"),
        )
        parser.add_argument(
            "--geometry",
            type=Path,
            help=gettext_lazy("GeoJSON met de grenzen (EPSG:4326), bijvoorbeeld uit PDOK"),
        )

    def handle(
        self,
        *args: object,
        csv_file: Path,
        year: int | None,
        level: str,
        geometry: Path | None,
        **options: object,
    ) -> None:
        try:
            result = run_import(csv_file, year=year, level=level, geometry_path=geometry)
        except CbsImportError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            count = len(exc.errors)
            raise CommandError(
                ngettext(
                    "%(count)d fout gevonden; er is niets ingelezen.",
                    "%(count)d fouten gevonden; er is niets ingelezen.",
                    count,
                )
                % {"count": count}
            ) from None
        self.stdout.write(result.summary())
