from django.core.management.base import BaseCommand

from followup.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoResult, load_demo


def report(command: BaseCommand, result: DemoResult) -> None:
    """Tell what a load or reset did, and what it left alone and why."""
    if result.accounts_created:
        command.stdout.write(f"Nya demokonton: {', '.join(result.accounts_created)}.")
    if result.skipped:
        command.stdout.write(
            "Inga demoinsatser där siffrorna inte får ändras: "
            + "; ".join(f"{label} ({reason})" for label, reason in sorted(result.skipped.items()))
            + "."
        )
    for account in DEMO_ACCOUNTS:
        command.stdout.write(f"  {account.username:<22} {account.role:<18} lösenord: {DEMO_PASSWORD}")


class Command(BaseCommand):
    help = (
        "Skapar demokonton för varje roll och märkta demoinsatser 2014–2020, bara om de saknas: "
        "befintliga konton och insatser ändras eller tas aldrig bort, så kommandot kan köras hur många "
        "gånger som helst. Ersätt demodatan med reset_demo."
    )

    def handle(self, *args, **options) -> None:
        result = load_demo()
        if result.already_loaded:
            self.stdout.write(
                "Demodatan finns redan; inga insatser har ändrats. (Ersätt den med reset_demo.)"
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Demodata laddad: {result.entries_created} demoinsatser."))
        report(self, result)
