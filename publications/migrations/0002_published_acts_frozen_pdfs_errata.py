"""Published means frozen, and corrected only by a recorded act: an evaluation's evidence is
frozen when it is published (`Evaluation.snapshot`), a published PDF is stored
(`PublishedPdf`), and corrections are recorded beside what was published (`Erratum`).

An evaluation published before this migration gets its evidence frozen here, as it stands
now (the best record there is), so that every published evaluation has one. The code below
is this migration's own: it computes the same JSON data as `queries.live_evidence()` did
when the migration was written, from the historical models.
"""

from decimal import Decimal

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, Sum

ZERO = Decimal("0.00")
INDICATOR_FIELDS = [
    "key",
    "name",
    "unit",
    "description",
    "source_text",
    "source_url",
    "direction",
    "area",
    "baseline_year",
    "target_year",
    "target_note",
]


def _text(value):
    return None if value is None else str(value)


def freeze_published_evaluations(apps, schema_editor):
    Evaluation = apps.get_model("publications", "Evaluation")
    GoalArea = apps.get_model("strategy", "GoalArea")
    Indicator = apps.get_model("publications", "Indicator")
    IndicatorValue = apps.get_model("publications", "IndicatorValue")
    SpendingEntry = apps.get_model("followup", "SpendingEntry")
    for evaluation in Evaluation.objects.filter(status="publicerad", snapshot__isnull=True).select_related(
        "strategy"
    ):
        strategy = evaluation.strategy
        years = range(strategy.start_year, min(evaluation.year, strategy.end_year) + 1)
        sums = {
            (row["goal_area_id"], row["reporting_year__year"]): row
            for row in SpendingEntry.objects.filter(
                reporting_year__strategy=strategy, reporting_year__year__in=years
            )
            .values("goal_area_id", "reporting_year__year")
            .annotate(total=Sum("amount"), count=Count("pk"))
            .order_by()
        }
        goal_areas = list(GoalArea.objects.filter(strategy=strategy).order_by("number"))
        number_of = {area.pk: area.number for area in goal_areas}
        spending = []
        for area in goal_areas:
            figures = []
            for year in years:
                row = sums.get((area.pk, year))
                total = ZERO if row is None else Decimal(row["total"]).quantize(ZERO)
                figures.append(
                    {"year": year, "total": str(total), "count": 0 if row is None else row["count"]}
                )
            spending.append({"number": area.number, "name": area.name, "spending": figures})
        indicators = []
        for indicator in Indicator.objects.filter(goal_area__strategy=strategy).order_by(
            "goal_area__number", "name"
        ):
            data = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
            data["baseline_value"] = _text(indicator.baseline_value)
            data["target_value"] = _text(indicator.target_value)
            data["goal_area"] = number_of[indicator.goal_area_id]
            values = IndicatorValue.objects.filter(indicator=indicator, year__lte=evaluation.year).order_by(
                "area", "year"
            )
            data["values"] = [
                {"area": value.area, "year": value.year, "value": str(value.value)} for value in values
            ]
            indicators.append(data)
        evaluation.snapshot = {"goal_areas": spending, "indicators": indicators}
        evaluation.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_initial"),
        ("publications", "0001_initial"),
        ("strategy", "0003_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Erratum",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Vad som är fel i den publicerade texten och vad som gäller.",
                        max_length=2000,
                        verbose_name="rättelse",
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True, verbose_name="registrerad")),
            ],
            options={
                "verbose_name": "rättelse",
                "verbose_name_plural": "rättelser",
                "ordering": ["recorded_at", "pk"],
            },
        ),
        migrations.CreateModel(
            name="PublishedPdf",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("content", models.BinaryField(verbose_name="PDF")),
                ("rendered_at", models.DateTimeField(auto_now_add=True, verbose_name="skapad")),
            ],
            options={
                "verbose_name": "publicerad PDF",
                "verbose_name_plural": "publicerade PDF:er",
            },
        ),
        migrations.AddField(
            model_name="evaluation",
            name="snapshot",
            field=models.JSONField(
                blank=True,
                editable=False,
                help_text="Insatser per målområde och år och indikatorvärden, som de såg ut vid publiceringen.",
                null=True,
                verbose_name="fryst underlag",
            ),
        ),
        migrations.RunPython(freeze_published_evaluations, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="evaluation",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "utkast"), ("snapshot__isnull", False), _connector="OR"),
                name="evaluation_published_has_snapshot",
            ),
        ),
        migrations.AddField(
            model_name="erratum",
            name="annual_report",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"status": "publicerad"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="errata",
                to="publications.annualreport",
                verbose_name="årsrapport",
            ),
        ),
        migrations.AddField(
            model_name="erratum",
            name="evaluation",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"status": "publicerad"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="errata",
                to="publications.evaluation",
                verbose_name="utvärdering",
            ),
        ),
        migrations.AddField(
            model_name="erratum",
            name="recorded_by",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="registrerad av",
            ),
        ),
        migrations.AddField(
            model_name="publishedpdf",
            name="annual_report",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="published_pdf",
                to="publications.annualreport",
                verbose_name="årsrapport",
            ),
        ),
        migrations.AddField(
            model_name="publishedpdf",
            name="evaluation",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="published_pdf",
                to="publications.evaluation",
                verbose_name="utvärdering",
            ),
        ),
        migrations.AddConstraint(
            model_name="erratum",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("annual_report__isnull", False), ("evaluation__isnull", True)),
                    models.Q(("annual_report__isnull", True), ("evaluation__isnull", False)),
                    _connector="OR",
                ),
                name="erratum_one_publication",
            ),
        ),
        migrations.AddConstraint(
            model_name="publishedpdf",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("annual_report__isnull", False), ("evaluation__isnull", True)),
                    models.Q(("annual_report__isnull", True), ("evaluation__isnull", False)),
                    _connector="OR",
                ),
                name="published_pdf_one_publication",
            ),
        ),
    ]
