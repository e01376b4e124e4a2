"""Loads VG2020 as published: the copies of the reference files in `strategy/data/`.

Used by the data migration, so every new database holds the real strategy. Loading is
idempotent: rows are matched on their natural keys and updated in place.
"""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

STRATEGY = {
    "slug": "vg2020",
    "short_name": "VG2020",
    "name": "VG2020 – strategi för tillväxt och utveckling i Västra Götaland 2014–2020",
    "start_year": 2014,
    "end_year": 2020,
    "purpose": (
        "VG2020 är det gemensamma styrdokumentet och vägvisaren för hela Västra Götalands "
        "utveckling mellan åren 2014–2020. Strategin syftar till att ytterligare stärka "
        "Västra Götaland som en attraktiv, ansvarsfull och internationellt konkurrenskraftig "
        "kunskapsregion."
    ),
}

# The reference material does not say which goal areas each focus area relates to; this
# reading of the area names is the portal's starting point, and administrators change it.
FOCUS_AREA_GOAL_AREAS = {1: [1, 4], 2: [3], 3: [2], 4: [2], 5: [1, 2]}

ACTOR_SLUGS = {
    "VGR": "vgr",
    "GR": "gr",
    "Fyrbodal": "fyrbodal",
    "Skaraborg": "skaraborg",
    "Boråsregionen": "borasregionen",
    "BRG": "brg",
}
ACTOR_KINDS = {
    "region": "region",
    "kommunalförbund": "kommunalforbund",
    "näringslivsbolag": "naringslivsbolag",
}


def read_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return [{key: value.strip() for key, value in row.items()} for row in csv.DictReader(handle)]


def load(apps) -> None:
    """Create or update the strategy, its structure, the actors and the municipalities."""
    Strategy = apps.get_model("strategy", "Strategy")
    GoalArea = apps.get_model("strategy", "GoalArea")
    DevelopmentArea = apps.get_model("strategy", "DevelopmentArea")
    Priority = apps.get_model("strategy", "Priority")
    FocusArea = apps.get_model("strategy", "FocusArea")
    Actor = apps.get_model("strategy", "Actor")
    Municipality = apps.get_model("strategy", "Municipality")

    fields = {key: value for key, value in STRATEGY.items() if key != "slug"}
    strategy, _ = Strategy.objects.update_or_create(slug=STRATEGY["slug"], defaults=fields)

    goal_areas = {}
    for row in read_rows("goals.csv"):
        number = int(row["goal_number"])
        goal_areas[number], _ = GoalArea.objects.update_or_create(
            strategy=strategy, number=number, defaults={"name": row["name"], "tagline": row["tagline"]}
        )

    for row in read_rows("vg2020-priorities.csv"):
        goal_area = goal_areas[int(row["goal_number"])]
        development_area, _ = DevelopmentArea.objects.update_or_create(
            goal_area=goal_area,
            code=row["development_area_code"],
            defaults={"name": row["development_area_name"]},
        )
        # A development area known by name whose priorities are not (1.2) has a row of its own.
        if row["priority_number"]:
            Priority.objects.update_or_create(
                goal_area=goal_area,
                number=int(row["priority_number"]),
                defaults={"development_area": development_area, "name": row["priority_name"]},
            )

    for row in read_rows("focus-areas.csv"):
        number = int(row["number"])
        focus_area, _ = FocusArea.objects.update_or_create(
            strategy=strategy,
            number=number,
            defaults={"name": row["name"], "first_year": int(row["first_year"])},
        )
        focus_area.goal_areas.set([goal_areas[n] for n in FOCUS_AREA_GOAL_AREAS[number]])

    actors = {}
    for row in read_rows("actors.csv"):
        actors[row["short_name"]], _ = Actor.objects.update_or_create(
            short_name=row["short_name"],
            defaults={
                "slug": ACTOR_SLUGS[row["short_name"]],
                "name": row["name"],
                "name_en": row["name_en"],
                "kind": ACTOR_KINDS[row["kind"]],
            },
        )

    for row in read_rows("municipalities.csv"):
        Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={
                "name": row["municipality_name"],
                "county_code": row["county_code"],
                "association": actors[row["association_short_name"]],
            },
        )
