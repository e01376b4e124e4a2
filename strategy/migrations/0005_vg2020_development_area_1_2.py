"""VG2020's ninth development area and the strategy's own number of priorities.

The short version of VG2020 says "32 prioriterade frågor inom ramen för fyra teman och nio
områden". Development area 1.2 is known by name, but none of its priorities' names (4–8) is,
nor the end of priority 20's: they are never invented here. With the count in the data, the
portal says which numbers are missing until an administrator adds them.

The data is this migration's own, so that it stays what it was when written. It adds only
what is missing and changes nothing an administrator has entered.
"""

from django.db import migrations

STRATEGY = "vg2020"
PRIORITY_COUNT = 32
GOAL_AREA = 1
DEVELOPMENT_AREA = ("1.2", "Internationell konkurrenskraft genom kraftsamling på styrkeområden")


def add_development_area_and_count(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    GoalArea = apps.get_model("strategy", "GoalArea")
    DevelopmentArea = apps.get_model("strategy", "DevelopmentArea")
    Strategy.objects.filter(slug=STRATEGY, priority_count__isnull=True).update(priority_count=PRIORITY_COUNT)
    goal_area = GoalArea.objects.filter(strategy__slug=STRATEGY, number=GOAL_AREA).first()
    if goal_area is not None:
        code, name = DEVELOPMENT_AREA
        DevelopmentArea.objects.get_or_create(goal_area=goal_area, code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("strategy", "0004_strategy_priority_count")]

    operations = [migrations.RunPython(add_development_area_and_count, migrations.RunPython.noop)]
