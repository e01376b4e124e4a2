from django.db import migrations


def create_reporting_years(apps, schema_editor):
    Strategy = apps.get_model("strategy", "Strategy")
    ReportingYear = apps.get_model("followup", "ReportingYear")
    for strategy in Strategy.objects.all():
        for year in range(strategy.start_year, strategy.end_year + 1):
            ReportingYear.objects.get_or_create(strategy=strategy, year=year)


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial"), ("strategy", "0002_reference_data")]

    operations = [migrations.RunPython(create_reporting_years, migrations.RunPython.noop)]
