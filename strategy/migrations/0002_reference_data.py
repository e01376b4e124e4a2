"""VG2020 as published, loaded into every new database.

This migration's own copy of the reference files as they were when it was written
(strategy/data/ then), so that a fresh `migrate` always builds the same history. Later
reference data comes in new data migrations; strategy/data/
may change without touching this one.
"""

from django.db import migrations

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
GOAL_AREAS = [  # number, name, tagline
    (
        1,
        "En ledande kunskapsregion",
        "Invånarnas kompetens är den viktigaste tillgången. Det är där utvecklingskraften finns.",
    ),
    (
        2,
        "En region för alla",
        "Invånarna i hela Västra Götaland ska ha möjlighet att utvecklas genom utbildning, arbete och kommunikationer.",
    ),
    (
        3,
        "En region som tar globalt ansvar",
        "Att ta globalt ansvar och öka takten i omställningen till ett hållbart samhälle stärker Västra Götalands konkurrenskraft.",
    ),
    (
        4,
        "En region som syns och engagerar",
        "Ett samhälle som präglas av ett rikt kulturliv, möten, evenemang och nyskapande är attraktivt för både medborgare, besökare och investeringar.",
    ),
]
# goal area, code, name, and the priorities under it: number, name
DEVELOPMENT_AREAS = [
    (
        1,
        "1.1",
        "Ett gott klimat för kreativitet, entreprenörskap och företagande",
        [
            (1, "Stimulera ökat entreprenörskap"),
            (2, "Skapa förutsättningar för att förverkliga idéer och starta företag"),
            (3, "Främja konkurrenskraftiga små och medelstora företag"),
        ],
    ),
    (
        2,
        "2.1",
        "Bryt utanförskap och stärk kopplingarna mellan utbildning och arbetsliv",
        [
            (9, "Skapa sammanhållen arena för ungas möjligheter till praktik, ferieplatser, mentorer"),
            (10, "Kraftsamling på ökad samverkan mellan eftergymnasial utbildning och arbetslivet"),
            (11, "Främja ett arbetsliv som aktivt engagerar sig för barn och ungdom"),
            (12, "Lösa urbana utmaningar i de större städerna"),
        ],
    ),
    (
        2,
        "2.2",
        "Livslångt lärande för ökad delaktighet och konkurrenskraft",
        [
            (13, "Fler ska bedriva eftergymnasiala studier och avhoppen från skolan ska minska"),
            (14, "Förkorta och förenkla vägen till arbetsmarknaden genom vägledning och validering"),
            (15, "Effektiv kompetensförsörjning och livslångt lärande i företag och organisationer"),
            (16, "Utveckla samordning inom utbildningssystemet, möta framtidens kompetensbehov"),
        ],
    ),
    (
        2,
        "2.3",
        "Tillgång till kommunikation",
        [
            (17, "Investera i transportinfrastruktur som driver regional och nationell utveckling"),
            (18, "Bygga ut en kollektivtrafik som är ett föredöme när det gäller kvalitet och hållbarhet"),
            (19, "Bidra till en IT-infrastruktur med hög kvalitet för alla och som främjar hållbarhet"),
        ],
    ),
    (
        3,
        "3.1",
        "Ett resurseffektivt samhälle med minskad klimatpåverkan",
        [
            (21, "Göra offentlig sektor i Västra Götaland ledande på utveckling av hållbara lösningar"),
            (22, "Genomföra fler breda överenskommelser och initiativ för hållbar utveckling"),
            (
                23,
                "Göra Västra Götaland till ett föredöme för hållbar landsbygdsutveckling och samspelet mellan stad och land",
            ),
            (
                24,
                "Utveckla miljölösningar med ambition att påverka globalt, via affärsdriven miljöutveckling",
            ),
        ],
    ),
    (
        3,
        "3.2",
        "Hållbar konsumtion som tar ansvar",
        [
            (25, "Driva frågan om resurseffektiv konsumtion och kommunicera hållbara värderingar"),
            (26, "Samverka kring inköp som driver hållbar utveckling, innovation och lokal utveckling"),
        ],
    ),
    (
        4,
        "4.1",
        "En ledande kulturregion med fokus på delaktighet",
        [
            (27, "Främja en aktiv och nyskapande kulturregion för alla i Västra Götaland"),
            (28, "Främja ungdomskultur och utveckla Västra Götaland som en plats där unga möts"),
        ],
    ),
    (
        4,
        "4.2",
        "Ökat utbyte med omvärlden",
        [
            (29, "Öka närvaron och påverkan nationellt och internationellt"),
            (30, "Satsa på internationell mötesindustri, evenemang och på att stärka besöksnäringen"),
            (31, "Riva gränshinder och öka samverkan med Norge samt etablera region Oslo/Göteborg/Öresund"),
            (32, "Locka investeringar och nyetableringar till Västra Götaland"),
        ],
    ),
]
FOCUS_AREAS = [  # number, name, first year, goal areas
    (1, "Satsning på västsvenska styrkeområden med internationell lyskraft", 2015, [1, 4]),
    (2, "Bli föregångare i omställningen från fossil till förnybar energi", 2015, [3]),
    (3, "Insatser för att öka antalet ungdomar med fullföljd grundskola och gymnasieutbildning", 2015, [2]),
    (4, "Underlätta ungdomars och nyanländas insteg på arbetsmarknaden", 2015, [2]),
    (
        5,
        "Skapa förutsättningar för bättre matchning mellan utbildning och arbetsmarknadens behov",
        2015,
        [1, 2],
    ),
]
ACTORS = [  # short name, slug, name, English name, kind
    ("VGR", "vgr", "Västra Götalandsregionen", "Region Västra Götaland", "region"),
    (
        "GR",
        "gr",
        "Göteborgsregionens kommunalförbund",
        "The Göteborg Region Association of Local Authorities",
        "kommunalforbund",
    ),
    (
        "Fyrbodal",
        "fyrbodal",
        "Fyrbodals kommunalförbund",
        "Fyrbodal Association of Local Authorities",
        "kommunalforbund",
    ),
    (
        "Skaraborg",
        "skaraborg",
        "Skaraborgs Kommunalförbund",
        "Skaraborg Association of Local Authorities",
        "kommunalforbund",
    ),
    (
        "Boråsregionen",
        "borasregionen",
        "Boråsregionen Sjuhärads kommunalförbund",
        "The Borås Region Association of Local Authorities",
        "kommunalforbund",
    ),
    ("BRG", "brg", "Business Region Göteborg", "Business Region Göteborg", "naringslivsbolag"),
]
MUNICIPALITIES = [  # code, name, county code, association
    ("1401", "Härryda", "14", "GR"),
    ("1402", "Partille", "14", "GR"),
    ("1407", "Öckerö", "14", "GR"),
    ("1415", "Stenungsund", "14", "GR"),
    ("1419", "Tjörn", "14", "GR"),
    ("1421", "Orust", "14", "Fyrbodal"),
    ("1427", "Sotenäs", "14", "Fyrbodal"),
    ("1430", "Munkedal", "14", "Fyrbodal"),
    ("1435", "Tanum", "14", "Fyrbodal"),
    ("1438", "Dals-Ed", "14", "Fyrbodal"),
    ("1439", "Färgelanda", "14", "Fyrbodal"),
    ("1440", "Ale", "14", "GR"),
    ("1441", "Lerum", "14", "GR"),
    ("1442", "Vårgårda", "14", "Boråsregionen"),
    ("1443", "Bollebygd", "14", "Boråsregionen"),
    ("1444", "Grästorp", "14", "Skaraborg"),
    ("1445", "Essunga", "14", "Skaraborg"),
    ("1446", "Karlsborg", "14", "Skaraborg"),
    ("1447", "Gullspång", "14", "Skaraborg"),
    ("1452", "Tranemo", "14", "Boråsregionen"),
    ("1460", "Bengtsfors", "14", "Fyrbodal"),
    ("1461", "Mellerud", "14", "Fyrbodal"),
    ("1462", "Lilla Edet", "14", "GR"),
    ("1463", "Mark", "14", "Boråsregionen"),
    ("1465", "Svenljunga", "14", "Boråsregionen"),
    ("1466", "Herrljunga", "14", "Boråsregionen"),
    ("1470", "Vara", "14", "Skaraborg"),
    ("1471", "Götene", "14", "Skaraborg"),
    ("1472", "Tibro", "14", "Skaraborg"),
    ("1473", "Töreboda", "14", "Skaraborg"),
    ("1480", "Göteborg", "14", "GR"),
    ("1481", "Mölndal", "14", "GR"),
    ("1482", "Kungälv", "14", "GR"),
    ("1484", "Lysekil", "14", "Fyrbodal"),
    ("1485", "Uddevalla", "14", "Fyrbodal"),
    ("1486", "Strömstad", "14", "Fyrbodal"),
    ("1487", "Vänersborg", "14", "Fyrbodal"),
    ("1488", "Trollhättan", "14", "Fyrbodal"),
    ("1489", "Alingsås", "14", "GR"),
    ("1490", "Borås", "14", "Boråsregionen"),
    ("1491", "Ulricehamn", "14", "Boråsregionen"),
    ("1492", "Åmål", "14", "Fyrbodal"),
    ("1493", "Mariestad", "14", "Skaraborg"),
    ("1494", "Lidköping", "14", "Skaraborg"),
    ("1495", "Skara", "14", "Skaraborg"),
    ("1496", "Skövde", "14", "Skaraborg"),
    ("1497", "Hjo", "14", "Skaraborg"),
    ("1498", "Tidaholm", "14", "Skaraborg"),
    ("1499", "Falköping", "14", "Skaraborg"),
    ("1384", "Kungsbacka", "13", "GR"),
]


def load_reference_data(apps, schema_editor):
    """The strategy, its goal areas, development areas, priorities and focus areas, the
    actors and the municipalities, into the empty tables that 0001 made."""
    names = ["Strategy", "GoalArea", "DevelopmentArea", "Priority", "FocusArea", "Actor", "Municipality"]
    model = {name: apps.get_model("strategy", name) for name in names}
    strategy = model["Strategy"].objects.create(**STRATEGY)
    goal_areas = {
        number: model["GoalArea"].objects.create(strategy=strategy, number=number, name=name, tagline=tagline)
        for number, name, tagline in GOAL_AREAS
    }
    for goal, code, name, priorities in DEVELOPMENT_AREAS:
        development_area = model["DevelopmentArea"].objects.create(
            goal_area=goal_areas[goal], code=code, name=name
        )
        for number, title in priorities:
            model["Priority"].objects.create(
                goal_area=goal_areas[goal], development_area=development_area, number=number, name=title
            )
    for number, name, first_year, goals in FOCUS_AREAS:
        focus_area = model["FocusArea"].objects.create(
            strategy=strategy, number=number, name=name, first_year=first_year
        )
        focus_area.goal_areas.set([goal_areas[goal] for goal in goals])
    actors = {
        short_name: model["Actor"].objects.create(
            short_name=short_name, slug=slug, name=name, name_en=name_en, kind=kind
        )
        for short_name, slug, name, name_en, kind in ACTORS
    }
    for code, name, county_code, association in MUNICIPALITIES:
        model["Municipality"].objects.create(
            code=code, name=name, county_code=county_code, association=actors[association]
        )


class Migration(migrations.Migration):
    dependencies = [("strategy", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
