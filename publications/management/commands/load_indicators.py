from django.core.management.base import BaseCommand

from publications.demo import load_indicators


class Command(BaseCommand):
    help = (
        "Lägger in de demoindikatorer som saknas, med de verkliga serierna i strategy/data/indicators.csv. "
        "Målen är antaganden för demon. Befintliga indikatorer och värden ändras aldrig, så kommandot "
        "kan köras hur många gånger som helst."
    )

    def handle(self, *args, **options) -> None:
        created = load_indicators()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demoindikatorer tillagda: {', '.join(created)}."))
        else:
            self.stdout.write("Demoindikatorerna finns redan; ingenting har ändrats.")
