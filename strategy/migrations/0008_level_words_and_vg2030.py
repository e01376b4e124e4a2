"""What VG2020 calls its levels, and VG2030 as its sources describe it.

This migration's own copy of strategy/data/vg2030.csv (every row of it was seen verbatim in
the public source it names), so that a fresh `migrate` always builds the same history.
VG2030 has one overall goal, four long-term priorities (stored as the strategy's top level;
unnumbered in the source, their numbers are only source order) and four kraftsamlingar for
2021–2024, one of them with five focus areas of its own. Not in any source found, so not
here: sub-goals under the long-term priorities, which long-term priorities each kraftsamling
strengthens, and kraftsamlingar after 2024.
"""

import datetime

from django.db import migrations

LEVEL_WORDS = {  # strategy slug → level → (singular, plural, definite, definite plural, numbered)
    "vg2020": {
        "goal_area": ("målområde", "målområden", "målområdet", "målområdena", True),
        "development_area": (
            "utvecklingsområde",
            "utvecklingsområden",
            "utvecklingsområdet",
            "utvecklingsområdena",
            True,
        ),
        "priority": ("prioritering", "prioriteringar", "prioriteringen", "prioriteringarna", True),
        "focus_area": (
            "kraftsamlingsområde",
            "kraftsamlingsområden",
            "kraftsamlingsområdet",
            "kraftsamlingsområdena",
            True,
        ),
    },
    "vg2030": {
        "goal_area": (
            "långsiktig prioritering",
            "långsiktiga prioriteringar",
            "den långsiktiga prioriteringen",
            "de långsiktiga prioriteringarna",
            False,
        ),
        "focus_area": ("kraftsamling", "kraftsamlingar", "kraftsamlingen", "kraftsamlingarna", False),
    },
}

PROGRAM = "https://www.vgregion.se/regional-utveckling/regional-utvecklingsstrategi/program-for-hallbar-omstallning/"
KRAFTSAMLINGAR = (
    "https://www.vgregion.se/regional-utveckling/regional-utvecklingsstrategi-for-vastra-gotaland-2021-2030/"
    "kraftsamlingar/"
)
DIGITALISERING = (
    "https://hh.vgregion.se/regional-utveckling/aktuellt-ru/"
    "fyra-nya-delregionala-digitaliseringsstrateger-ska-starka-arbetet/"
)

# The start page's texts on VG2020, as the portal showed them before they became data (from
# the region's own description of VG2020).
VG2020_TEXTS = {
    "focus_intro": (
        "Beredningen för hållbar utveckling (BHU), regionala beslutsfattare och kommuner har pekat "
        "ut områden där olika aktörer behöver samverka särskilt för att nå framgång."
    ),
    # One part per blank line: its heading on the first line, its text below.
    "implementation": (
        "Samverkan\nSker genom formella och informella nätverk och partnerskap: regionen "
        "tillsammans med bland annat kommuner, lärosäten, företagsorganisationer och civilsamhälle."
        "\n\nStyrning och prioritering\nSker genom Beredningen för hållbar utveckling, där "
        "regionens folkvalda inom regional utveckling sitter tillsammans med kommunala företrädare."
        "\n\nKoordinering\nResurserna koordineras genom handlingsprogram och genomförandeplaner."
        "\n\nÅrlig uppföljning\nVarje år sammanställs inom vilka områden regionen, "
        "kommunalförbunden och BRG satsat sina pengar. BHU får en beskrivning av genomförandet "
        "med rekommendationer för det fortsatta arbetet."
    ),
}

VG2030 = {
    "slug": "vg2030",
    "short_name": "VG2030",
    "name": "Regional utvecklingsstrategi för Västra Götaland 2021-2030",
    "start_year": 2021,
    "end_year": 2030,
    "adopted_on": datetime.date(2021, 2, 16),
    "goal": "ett föredöme för omställningen till ett hållbart och konkurrenskraftigt samhälle",
    "goal_qualities": "robust och sammanhållet\njämlikt och öppet\nfossiloberoende och cirkulärt",
    "source_url": "https://www.vgregion.se/vg2030",
    # The source's own words on the kraftsamlingar: "extra fokus … under fyra år, 2021-2024".
    "focus_intro": "Kraftsamlingarna får extra fokus under fyra år, 2021–2024.",
}
LONG_TERM_PRIORITIES = [  # source order, name
    (1, "stärka innovationskraften"),
    (2, "bygga kompetens"),
    (3, "öka inkludering"),
    (4, "knyta samman Västra Götaland"),
]
KRAFTSAMLINGAR_2021_2024 = [  # source order, name
    (1, "elektrifiering"),
    (2, "digitalisering"),
    (3, "cirkulära affärsmodeller"),
    (4, "fullföljda studier"),
]
DIGITALISERING_FOCUS_AREAS = [
    (1, "näringslivets digitala transformation"),
    (2, "digital kompetens och lärande"),
    (3, "säker och hållbar digital infrastruktur"),
    (4, "offentlig sektors digitala transformation"),
    (5, "invånarnas digitala delaktighet och tillit"),
]


def load(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    StrategyLevel = apps.get_model("strategy", "StrategyLevel")
    GoalArea = apps.get_model("strategy", "GoalArea")
    FocusArea = apps.get_model("strategy", "FocusArea")
    FocusTopic = apps.get_model("strategy", "FocusTopic")

    Strategy.objects.filter(slug="vg2020").update(**VG2020_TEXTS)
    vg2030, _ = Strategy.objects.update_or_create(slug=VG2030["slug"], defaults=VG2030)
    for number, name in LONG_TERM_PRIORITIES:
        GoalArea.objects.update_or_create(
            strategy=vg2030, number=number, defaults={"name": name, "source_url": KRAFTSAMLINGAR}
        )
    for number, name in KRAFTSAMLINGAR_2021_2024:
        FocusArea.objects.update_or_create(
            strategy=vg2030,
            number=number,
            defaults={"name": name, "first_year": 2021, "last_year": 2024, "source_url": KRAFTSAMLINGAR},
        )
    digitalisering = FocusArea.objects.get(strategy=vg2030, number=2)
    for number, name in DIGITALISERING_FOCUS_AREAS:
        FocusTopic.objects.update_or_create(
            focus_area=digitalisering, number=number, defaults={"name": name, "source_url": DIGITALISERING}
        )
    for strategy in Strategy.objects.filter(slug__in=LEVEL_WORDS):
        for level, (singular, plural, definite, definite_plural, numbered) in LEVEL_WORDS[
            strategy.slug
        ].items():
            StrategyLevel.objects.update_or_create(
                strategy=strategy,
                level=level,
                defaults={
                    "singular": singular,
                    "plural": plural,
                    "definite": definite,
                    "definite_plural": definite_plural,
                    "numbered": numbered,
                },
            )


def unload(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    StrategyLevel = apps.get_model("strategy", "StrategyLevel")
    StrategyLevel.objects.filter(strategy__slug__in=LEVEL_WORDS).delete()
    vg2030 = Strategy.objects.filter(slug=VG2030["slug"]).first()
    if vg2030 is not None:
        apps.get_model("strategy", "FocusTopic").objects.filter(focus_area__strategy=vg2030).delete()
        vg2030.focus_areas.all().delete()
        vg2030.goal_areas.all().delete()
        vg2030.delete()


class Migration(migrations.Migration):
    dependencies = [("strategy", "0007_strategy_levels_words_sources")]

    operations = [migrations.RunPython(load, unload)]
