"""The reporting years of VG2030 (2021–2030). A year after today's takes no entries until it
has begun (the write rule says so); nothing here depends on the day it runs."""

from django.db import migrations


def create_reporting_years(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    ReportingYear = apps.get_model("followup", "ReportingYear")
    for strategy in Strategy.objects.filter(slug="vg2030"):
        for year in range(strategy.start_year, strategy.end_year + 1):
            ReportingYear.objects.get_or_create(strategy=strategy, year=year)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0008_year_history_submission_keys_text_limits"),
        ("strategy", "0008_level_words_and_vg2030"),
    ]

    operations = [migrations.RunPython(create_reporting_years, migrations.RunPython.noop)]
