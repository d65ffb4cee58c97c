"""Read a published file for one municipality from the command line, with the readers of the
upload pages: the same checks, the same counts, all or nothing."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_lazy

from imports.models import ImportJob
from imports.sources import SOURCES, Problems
from wup.models import Municipality


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = gettext_lazy(
        "Leest een bestand in zoals het CBS, PDOK, RVO of het PBL het publiceert, voor één "
        "gemeente. Bij een fout wordt niets ingelezen."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("source", choices=sorted(SOURCES))
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--second-file", type=Path, help=gettext_lazy("grenzen of postcodetabel")
        )
        parser.add_argument("--municipality", required=True, help=gettext_lazy("CBS-code, GM0363"))
        parser.add_argument("--year", type=int)
        parser.add_argument("--level", choices=["", "wijk", "buurt"], default="")
        parser.add_argument("--date", help=gettext_lazy("datum van de cijfers, jjjj-mm-dd"))
        parser.add_argument("--data-status", default="")
        parser.add_argument("--edition", default="")
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("niets opslaan"))

    def handle(self, *args, source: str, file: Path, second_file: Path | None, **options):
        try:
            municipality = Municipality.objects.get(cbs_code=options["municipality"])
        except Municipality.DoesNotExist:
            raise CommandError(f"{options['municipality']}?") from None
        chosen = {k: options[k] for k in ("year", "level", "date", "data_status", "edition")}
        job = ImportJob(
            municipality=municipality,
            source=source,
            file_name=file.name,
            options={k: v for k, v in chosen.items() if v not in (None, "")},
        )
        selected = SOURCES[source]
        try:
            parsed = selected.read(file, second_file, job, lambda _fraction: None)
            with transaction.atomic():
                outcome = selected.store(job, parsed)
                self._print(outcome)
                if options["dry_run"]:
                    raise _DryRun
        except Problems as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"{len(exc.errors)} fouten; er is niets ingelezen.") from None
        except _DryRun:
            self.stdout.write("--dry-run: er is niets opgeslagen.")

    def _print(self, outcome) -> None:
        for label, number in outcome.counts:
            self.stdout.write(f"{label}: {number}")
        for note in outcome.notes:
            self.stdout.write(str(note))
