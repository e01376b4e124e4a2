from django.core.management.base import BaseCommand

from followup.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Skapar demokonton för varje roll och märkta demoinsatser 2014–2020 (ersätter tidigare demodata)."

    def handle(self, *args, **options) -> None:
        count = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demodata laddad: {count} demoinsatser."))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<22} {account.role:<18} lösenord: {DEMO_PASSWORD}")
