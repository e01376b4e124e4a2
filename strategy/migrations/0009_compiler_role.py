from django.db import migrations

# Mirrors strategy.roles.COMPILER_GROUP; migrations must not import code that may change later.
COMPILER_GROUP = "Sammanställare"


def create_compiler_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name=COMPILER_GROUP)


def remove_compiler_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=COMPILER_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("strategy", "0008_level_words_and_vg2030")]

    operations = [migrations.RunPython(create_compiler_group, remove_compiler_group)]
