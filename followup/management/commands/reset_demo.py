from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from followup.demo import DemoRefused, reset_demo
from publications.demo import reset_indicators

from .load_demo import report


class Command(BaseCommand):
    help = (
        "Ersätter alla demoinsatser (rubriker som börjar med [Demo]) med en ny uppsättning och sätter "
        "tillbaka demoindikatorerna, allt eller inget. Vägrar röra stängda år och publicerade siffror "
        "om du inte anger --include-closed respektive --include-published. Aldrig i en produktionsdatabas."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--include-closed",
            action="store_true",
            help="Ersätt demoinsatserna även i stängda uppföljningsår.",
        )
        parser.add_argument(
            "--include-published",
            action="store_true",
            help="Ersätt demoinsatser och demoindikatorer även där publicerade rapporter bygger på dem.",
        )

    def handle(self, *args, include_closed: bool, include_published: bool, **options) -> None:
        try:
            with transaction.atomic():
                result = reset_demo(include_closed=include_closed, include_published=include_published)
                values = reset_indicators(include_published=include_published)
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        self.stdout.write(
            self.style.SUCCESS(
                f"Demodatan ersatt: {result.entries_deleted} demoinsatser borttagna, "
                f"{result.entries_created} nya; demoindikatorerna återställda med {values} värden."
            )
        )
        report(self, result)
