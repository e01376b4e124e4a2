from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.reminders import send_due


class Command(BaseCommand):
    help = (
        "Skickar påminnelser till regionutvecklarna för aktörer som inte har lämnat in: ett antal dagar "
        "före sista dagen och en gång efter. Körs dagligen; det som redan skickats skickas aldrig igen."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days-before",
            type=int,
            default=settings.REMINDER_DAYS_BEFORE,
            help="Dagar före sista dagen som den första påminnelsen går (standard REMINDER_DAYS_BEFORE).",
        )

        parser.add_argument(
            "--today",
            type=date.fromisoformat,
            default=None,
            help="Kör som om det vore det här datumet (ÅÅÅÅ-MM-DD), t.ex. en dag då körningen missades.",
        )

    def handle(self, *args, days_before: int, today: date | None, **options) -> None:
        sent = send_due(today or timezone.localdate(), days_before=days_before)
        for item in sent:
            self.stdout.write(
                f"{item.year} {item.actor}: påminnelse {item.kind} till {item.recipients} mottagare"
            )
        self.stdout.write(f"{len(sent)} påminnelser skickade.")
