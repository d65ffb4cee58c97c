from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from demo.base import seed_base
from demo.council import seed_council
from demo.dashboard import seed_dashboard, seed_route
from demo.data.base import DEMO_PASSWORD, USERS
from demo.designation import seed_designation
from demo.dialogue import seed_dialogue
from demo.participation import seed_participation
from demo.residents import seed_residents
from demo.roadmap import seed_roadmap


class Command(BaseCommand):
    help = "Build the fictional Gemeente Zonnedal (running it again changes nothing)."

    def handle(self, *args, **options):
        municipality = seed_base()
        seed_dialogue(municipality)
        seed_route(municipality)  # before the roadmaps are adopted: each version holds it
        seed_roadmap(municipality)
        seed_designation(municipality)  # after the roadmaps: milestones and safeguards
        seed_residents(municipality)
        seed_dashboard(municipality)  # after the residents: the pulse becomes indicators
        seed_council(municipality)  # the decision log, target year and a public report
        seed_participation(municipality)  # after all of them: its inputs point at their parts
        neighbourhoods = municipality.neighbourhoods
        self.stdout.write(
            f"{municipality.name}: {neighbourhoods.count()} wijken, "
            f"{municipality.parties.count()} partijen, "
            f"{neighbourhoods.filter(sessions__isnull=False).values('sessions').count()} "
            f"dialoogsessies, {neighbourhoods.filter(roadmap__isnull=False).count()} routekaarten."
        )
        self.stdout.write(f"Demo logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for email, _name, role in USERS:
            self.stdout.write(f"  {role.label:<15} {email}")
        support = seed_support_account()
        self.stdout.write(
            f"  {'Ondersteuning':<15} {support} (Django-admin: /{settings.SUPPORT_ADMIN_PATH}/)"
        )
        self.stdout.write(
            "Beheerders, projectleiders en de ondersteuning stellen bij de eerste keer inloggen "
            "een passkey of authenticator-app in (overslaan op uw eigen computer: "
            "MFA_REQUIRED=false make run)."
        )


def seed_support_account() -> str:
    """The platform's support desk (wup/admin.py): staff, no member of any municipality."""
    email = "ondersteuning@wijkwaarde.example"
    user, created = get_user_model().objects.get_or_create(
        username=email,
        defaults={"email": email, "first_name": "Sanne", "is_staff": True, "is_superuser": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return email
