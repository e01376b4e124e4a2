"""A clearly labelled demo data set: accounts for each role and plausible entries.

Every demo entry's title starts with DEMO_PREFIX and its description says it is demo
data, so that nobody mistakes it for reported figures. Generation is seeded, so every
run produces the same entries, and loading twice replaces rather than duplicates.
"""

import random
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction

from strategy import roles
from strategy.models import Actor, ActorMembership, Strategy

from .models import FundingSource, SpendingEntry

DEMO_PREFIX = "[Demo]"
DEMO_PASSWORD = "vg2020-demo"  # noqa: S105 (demo accounts, listed in the README)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    actors: tuple[str, ...] = ()
    is_staff: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Ada Administratör", "Administratör", is_staff=True),
    DemoAccount("utvecklare.vgr", "Vera Regionutvecklare", roles.DEVELOPER_GROUP, ("VGR",)),
    DemoAccount("utvecklare.gr", "Gustav Regionutvecklare", roles.DEVELOPER_GROUP, ("GR",)),
    DemoAccount("utvecklare.fyrbodal", "Frida Regionutvecklare", roles.DEVELOPER_GROUP, ("Fyrbodal",)),
    DemoAccount("bhu", "Bertil BHU-ledamot", roles.BHU_GROUP),
]

_INITIATIVES = [
    "Klusterutveckling inom life science",
    "Omställning till fossilfri fordonsflotta",
    "Plugga vidare – stöd mot studieavbrott",
    "Sommarjobb och praktik för unga",
    "Validering för nyanlända",
    "Yrkesvux och branschråd",
    "Inkubator för nya företag",
    "Bredband på landsbygden",
    "Regional biogassatsning",
    "Kulturella och kreativa näringar",
    "Internationella evenemang och mötesindustri",
    "Kompetensförsörjning i industrin",
    "Cirkulär ekonomi i småföretag",
    "Teknikcollege",
    "Gränsöverskridande samarbete med Norge",
]
_OWNERS = [
    "Västra Götalandsregionen",
    "Göteborgs universitet",
    "Chalmers tekniska högskola",
    "Högskolan Väst",
    "Högskolan i Skövde",
    "Högskolan i Borås",
    "Science Park Borås",
    "Innovatum",
    "Lindholmen Science Park",
    "Johanneberg Science Park",
]
_SOURCES = [
    FundingSource.REGIONAL_DEVELOPMENT_BOARD,
    FundingSource.REGIONAL_DEVELOPMENT_BOARD,
    FundingSource.CULTURE_BOARD,
    FundingSource.ENVIRONMENT_BOARD,
    FundingSource.MUNICIPAL_COFINANCING,
    FundingSource.EU_FUNDS,
    FundingSource.STATE_FUNDS,
    FundingSource.OTHER,
]
_CASE_PREFIX = {
    FundingSource.REGIONAL_DEVELOPMENT_BOARD: "RUN",
    FundingSource.CULTURE_BOARD: "KUN",
    FundingSource.ENVIRONMENT_BOARD: "MN",
}


def ensure_demo_accounts() -> list[User]:
    users = []
    for account in DEMO_ACCOUNTS:
        first, _, last = account.full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": account.is_staff,
                "is_superuser": account.is_staff,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        if not account.is_staff:
            user.groups.set([Group.objects.get(name=account.role)])
        for short_name in account.actors:
            ActorMembership.objects.get_or_create(user=user, actor=Actor.objects.get(short_name=short_name))
        users.append(user)
    return users


def create_demo_entries(*, entries_per_actor_and_year: int = 8, seed: int = 2020) -> int:
    """Replace the demo entries with a fresh, reproducible set. Returns how many were made."""
    strategy = Strategy.objects.current()
    rng = random.Random(seed)
    goal_areas = list(strategy.goal_areas.prefetch_related("priorities"))
    focus_areas = list(strategy.focus_areas.all())
    author = User.objects.filter(is_staff=True).order_by("pk").first()
    made = 0
    for actor in Actor.objects.prefetch_related("municipalities").order_by("pk"):
        municipalities = list(actor.municipalities.all())
        for reporting_year in strategy.reporting_years.all():
            for number in range(entries_per_actor_and_year):
                goal_area = rng.choice(goal_areas)
                priorities = list(goal_area.priorities.all())
                focus_choices = [area for area in focus_areas if area.applies_in(reporting_year.year)]
                source = rng.choice(_SOURCES)
                amount = Decimal(rng.randrange(50, 4000) * 1000)
                entry = SpendingEntry.objects.create(
                    actor=actor,
                    reporting_year=reporting_year,
                    title=f"{DEMO_PREFIX} {rng.choice(_INITIATIVES)} {reporting_year.year}:{number + 1}",
                    description="Demodata: påhittad insats för att visa hur portalen fungerar.",
                    case_number=(
                        f"{_CASE_PREFIX[source]} {rng.randrange(100, 999)}-{rng.randrange(1000, 9999):04d}-"
                        f"{reporting_year.year % 100:02d}"
                        if source in _CASE_PREFIX
                        else ""
                    ),
                    project_owner=rng.choice(_OWNERS),
                    goal_area=goal_area,
                    priority=rng.choice(priorities) if priorities and rng.random() < 0.8 else None,
                    focus_area=(rng.choice(focus_choices) if focus_choices and rng.random() < 0.6 else None),
                    amount=amount,
                    funding_source=source,
                    total_project_size=(amount * rng.choice([1, 2, 3, 4]) if rng.random() < 0.7 else None),
                    created_by=author,
                    updated_by=author,
                )
                if municipalities:
                    entry.municipalities.set(rng.sample(municipalities, k=min(3, len(municipalities))))
                made += 1
    return made


@transaction.atomic
def load_demo() -> int:
    ensure_demo_accounts()
    SpendingEntry.objects.filter(title__startswith=DEMO_PREFIX).delete()
    return create_demo_entries()
