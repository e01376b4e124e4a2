from django.core.management.base import BaseCommand

from publications.demo import DEMO_INDICATORS, load_indicators


class Command(BaseCommand):
    help = (
        "Lägger in de demoindikatorer som saknas, med de verkliga serierna i strategy/data/indicators.csv. "
        "Målen är antaganden för demon. Befintliga indikatorer och värden ändras aldrig, så kommandot "
        "kan köras hur många gånger som helst."
    )

    def handle(self, *args, **options) -> None:
        result = load_indicators()
        # Nothing that exists is changed, so "0 ändrade" always; the line keeps the form it had.
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(DEMO_INDICATORS)} indikatorer: {result.new_values} nya värden, 0 ändrade, "
                f"{result.kept_values} oförändrade."
            )
        )
