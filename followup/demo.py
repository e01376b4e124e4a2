"""A clearly labelled demo data set: accounts for each role and plausible entries.

Every demo entry's title starts with DEMO_PREFIX and its description says it is demo
data, so that nobody mistakes it for reported figures.

Loading is safe to repeat (`make run` loads on every start): accounts and entries are
created only when they are missing, and nothing that exists is changed or deleted.
Replacing the demo entries is a separate, deliberate act (`reset_demo`), which refuses
to touch closed years and published figures unless told to.

What is generated depends only on the reference data: the strategy by its slug (not the
one in force), the reference actors by name (not whichever actors exist), and one seeded
random sequence per actor and year, so that a closed year or an extra actor leaves every
other actor-year's entries exactly as they would otherwise be.
"""

import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group, User
from django.db import transaction
from django.db.models import Max

from publications.models import AnnualReport, Evaluation
from strategy import roles
from strategy.models import Actor, ActorMembership, Strategy

from . import write_rule
from .models import FundingSource, ReportingYear, SpendingEntry, SpendingEntryQuerySet

DEMO_PREFIX = "[Demo]"
DEMO_PASSWORD = "vg2020-demo"  # noqa: S105 (demo accounts, listed in the README)
# The strategies with demo entries, by slug, and the years they get them: VG2020's whole
# period, VG2030's first four (its kraftsamlingar run 2021–2024).
DEMO_STRATEGIES = {"vg2020": (2014, 2020), "vg2030": (2021, 2024)}
# The reference actors (strategy/data/actors.csv); actors added in admin get no demo entries.
DEMO_ACTORS = ("VGR", "GR", "Fyrbodal", "Skaraborg", "Boråsregionen", "BRG")
ENTRIES_PER_ACTOR_AND_YEAR = 8
SEED = 2020


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
    DemoAccount("sammanstallare", "Cecilia Sammanställare", roles.COMPILER_GROUP),
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


@dataclass
class DemoResult:
    """What a load or a reset did, for the command to tell."""

    accounts_created: list[str] = field(default_factory=list)
    entries_created: int = 0
    entries_deleted: int = 0
    already_loaded: bool = False
    # Actor-years left without demo entries, each with the reason in Swedish.
    skipped: dict[str, str] = field(default_factory=dict)


class DemoRefused(Exception):
    """The reset would touch closed years or published figures; nothing was changed."""


def demo_entries() -> SpendingEntryQuerySet:
    return SpendingEntry.objects.filter(title__startswith=DEMO_PREFIX)


def ensure_demo_accounts() -> list[str]:
    """Create the demo accounts that do not exist yet. An existing account, demo or not, is
    never changed: its password, name and roles stay as someone set them."""
    created = []
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        first, _, last = account.full_name.partition(" ")
        user = User.objects.create_user(
            account.username,
            # An address, so that the round's mails and the password reset reach the console.
            email=f"{account.username}@example.se",
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            is_staff=account.is_staff,
            is_superuser=account.is_staff,
        )
        if not account.is_staff:
            user.groups.add(Group.objects.get(name=account.role))
        for actor in Actor.objects.filter(short_name__in=account.actors):
            ActorMembership.objects.create(user=user, actor=actor)
        created.append(account.username)
    return created


def published_years(strategy: Strategy) -> dict[int, str]:
    """Years whose figures are published: an annual report's year, and every year up to an
    evaluation's (an evaluation cites the spending per year from the strategy's start)."""
    years = {
        year: f"årsrapporten för {year} är publicerad"
        for year in AnnualReport.objects.published().filter(strategy=strategy).values_list("year", flat=True)
    }
    evaluations = Evaluation.objects.published().filter(strategy=strategy)
    last_evaluated = evaluations.aggregate(last=Max("year"))["last"] or 0
    for year in strategy.years:
        if year <= last_evaluated:
            years.setdefault(year, f"en publicerad utvärdering bygger på {year}")
    return years


def _demo_strategies() -> list[Strategy]:
    return list(Strategy.objects.filter(slug__in=DEMO_STRATEGIES).order_by("start_year"))


def _demo_pairs(strategy: Strategy) -> list[tuple[Actor, ReportingYear]]:
    first, last = DEMO_STRATEGIES[strategy.slug]
    years = list(strategy.reporting_years.filter(year__gte=first, year__lte=last).order_by("year"))
    actors = sorted(
        Actor.objects.filter(short_name__in=DEMO_ACTORS), key=lambda a: DEMO_ACTORS.index(a.short_name)
    )
    return [(actor, year) for actor in actors for year in years]


def _protected(strategy: Strategy, pairs) -> tuple[dict[str, str], dict[str, str]]:
    """Actor-years the write rule closes, and actor-years with published figures (label -> reason)."""
    published = published_years(strategy)
    closed, public = {}, {}
    for actor, year in pairs:
        label = f"{actor.short_name} {year.year}"
        if not write_rule.is_writable(actor, year):
            closed[label] = f"uppföljningsåret {year.year} är stängt"
        if year.year in published:
            public[label] = published[year.year]
    return closed, public


def _create_entries(actor: Actor, reporting_year: ReportingYear, *, focus_areas, goal_areas, author) -> int:
    # One sequence per actor and year: skipping one actor-year cannot shift any other's entries.
    rng = random.Random(f"{SEED}:{actor.short_name}:{reporting_year.year}")
    municipalities = list(actor.municipalities.order_by("code"))
    focus_choices = [area for area in focus_areas if area.applies_in(reporting_year.year)]
    for number in range(ENTRIES_PER_ACTOR_AND_YEAR):
        goal_area = rng.choice(goal_areas)
        priorities = sorted(goal_area.priorities.all(), key=lambda priority: priority.number)
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
    return ENTRIES_PER_ACTOR_AND_YEAR


def _create_demo_entries(strategy: Strategy, pairs) -> int:
    goal_areas = list(strategy.goal_areas.order_by("number").prefetch_related("priorities"))
    focus_areas = list(strategy.focus_areas.order_by("number"))
    author = User.objects.filter(username=DEMO_ACCOUNTS[0].username).first()
    return sum(
        _create_entries(actor, year, focus_areas=focus_areas, goal_areas=goal_areas, author=author)
        for actor, year in pairs
    )


@transaction.atomic
def load_demo() -> DemoResult:
    """Create the demo accounts and entries that are missing; change and delete nothing.

    The entries are made only while there are none yet, and never in an actor-year the
    write rule closes or whose figures are published.
    """
    result = DemoResult(accounts_created=ensure_demo_accounts())
    if demo_entries().exists():
        result.already_loaded = True
        return result
    for strategy in _demo_strategies():
        pairs = _demo_pairs(strategy)
        closed, public = _protected(strategy, pairs)
        skipped = closed | public
        result.skipped |= skipped
        open_pairs = [
            (actor, year) for actor, year in pairs if f"{actor.short_name} {year.year}" not in skipped
        ]
        result.entries_created += _create_demo_entries(strategy, open_pairs)
    return result


@transaction.atomic
def reset_demo(*, include_closed: bool = False, include_published: bool = False) -> DemoResult:
    """Replace every demo entry with the generated set, in one transaction.

    Refuses (DemoRefused, nothing changed) when that would touch a closed actor-year or a
    year whose figures are published, unless the matching flag says to go ahead.
    """
    strategies = _demo_strategies()
    pairs = {strategy: _demo_pairs(strategy) for strategy in strategies}
    closed, public = {}, {}
    for strategy in strategies:
        # Demo entries somebody moved to another actor or year are deleted too, so they count.
        touched = {(actor.pk, year.pk): (actor, year) for actor, year in pairs[strategy]}
        moved = (
            demo_entries().filter(reporting_year__strategy=strategy).select_related("actor", "reporting_year")
        )
        for entry in moved:
            touched.setdefault((entry.actor_id, entry.reporting_year_id), (entry.actor, entry.reporting_year))
        strategy_closed, strategy_public = _protected(strategy, touched.values())
        closed |= strategy_closed
        public |= strategy_public
    problems = []
    if closed and not include_closed:
        problems.append(
            f"Stängda år: {_years(closed)}. Kör med --include-closed för att ersätta demoinsatserna där ändå."
        )
    if public and not include_published:
        problems.append(
            f"Publicerade siffror ({'; '.join(sorted(set(public.values())))}). "
            "Kör med --include-published för att ersätta demoinsatserna där ändå: "
            "de publicerade siffrorna står kvar, men sidorna visar då skillnader."
        )
    if problems:
        raise DemoRefused(
            "Demodatan ersattes inte: det skulle ändra insatser som inte får ändras. "
            + " ".join(problems)
            + " Ingenting har ändrats."
        )
    result = DemoResult(accounts_created=ensure_demo_accounts())
    result.entries_deleted = demo_entries().count()
    demo_entries().delete()
    result.entries_created = sum(_create_demo_entries(strategy, pairs[strategy]) for strategy in strategies)
    return result


def _years(labels: dict[str, str]) -> str:
    return ", ".join(sorted({label.rsplit(" ", 1)[1] for label in labels}))
