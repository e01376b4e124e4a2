from django.db import migrations

from strategy import reference_data


def load_reference_data(apps, schema_editor):
    reference_data.load(apps)


class Migration(migrations.Migration):
    dependencies = [("strategy", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
