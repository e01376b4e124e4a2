from django.core.management.base import BaseCommand

from publications.demo import DEMO_INDICATORS, load_indicators


class Command(BaseCommand):
    help = (
        "Lägger in demoindikatorerna med de verkliga serierna i strategy/data/indicators.csv. "
        "Målen är antaganden för demon. Kan köras flera gånger."
    )

    def handle(self, *args, **options) -> None:
        result = load_indicators()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(DEMO_INDICATORS)} indikatorer: {result.created} nya värden, "
                f"{result.updated} ändrade, {result.unchanged} oförändrade."
            )
        )
