"""Create a municipality and invite its first administrator by e-mail (wup/onboarding.py).

    manage.py create_municipality "Utrecht" --cbs-code GM0344 --slug utrecht \\
        --admin-email beheer@utrecht.nl --admin-name "Sam de Vries"

Support staff can do the same in the Django admin, without a shell."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from wup.onboarding import NewMunicipalityForm, create_municipality


class Command(BaseCommand):
    help = "Maak een gemeente aan en nodig de eerste beheerder uit per e-mail."

    def add_arguments(self, parser):
        parser.add_argument("name", help="De naam van de gemeente")
        parser.add_argument("--cbs-code", required=True, help="GM en vier cijfers")
        parser.add_argument("--slug", required=True, help="Het adres op de website")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-name", required=True)

    def handle(self, *args, **options):
        form = NewMunicipalityForm(
            {
                "name": options["name"],
                "cbs_code": options["cbs_code"],
                "slug": options["slug"],
                "admin_email": options["admin_email"],
                "admin_name": options["admin_name"],
            }
        )
        if not form.is_valid():
            problems = "; ".join(
                f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()
            )
            raise CommandError(problems)
        municipality, _membership = create_municipality(form)
        self.stdout.write(
            f"Gemeente {municipality.name} ({municipality.slug}) aangemaakt; "
            f"uitnodiging verstuurd naar {form.cleaned_data['admin_email']}."
        )
