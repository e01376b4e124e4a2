"""The demo data: loaded once and never rewritten; replaced only by reset_demo, which
refuses closed years and published figures unless told to (issue 12.4)."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from followup import demo
from followup.demo import DEMO_PASSWORD, DEMO_PREFIX, demo_entries, load_demo
from followup.models import ReportingYear, SpendingEntry
from followup.years import close_years
from publications.demo import DEMO_INDICATORS, load_indicators
from publications.models import Evaluation, EvaluationKind, Indicator, IndicatorValue
from publications.publishing import publish
from strategy.models import Actor, Strategy
from tests.conftest import make_user
from tests.ops.fingerprint import differences, fingerprint
from tests.publications.conftest import make_published_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def fast(settings, monkeypatch) -> None:
    """One entry per actor and year and cheap hashing: the rules are the same, the load quicker."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    monkeypatch.setattr(demo, "ENTRIES_PER_ACTOR_AND_YEAR", 1)


def _generated() -> dict[tuple[str, int], list[tuple]]:
    """The demo entries' own values per actor and year, without keys and timestamps."""
    result: dict[tuple[str, int], list[tuple]] = {}
    for entry in demo_entries().order_by("title"):
        key = (entry.actor.short_name, entry.reporting_year.year)
        result.setdefault(key, []).append(
            (entry.title, entry.amount, entry.goal_area_id, entry.priority_id, entry.focus_area_id,
             entry.funding_source, entry.total_project_size, entry.case_number,
             tuple(entry.municipalities.order_by("pk").values_list("pk", flat=True)))
        )  # fmt: skip
    return result


def _reset(*flags: str) -> str:
    out = io.StringIO()
    call_command("reset_demo", *flags, stdout=out)
    return out.getvalue()


def _close(year: int) -> None:
    close_years(ReportingYear.objects.filter(strategy__slug="vg2020", year=year), user=User.objects.first())


def test_demo_entries_cover_all_six_actors_in_both_strategies_labelled_and_valid(vg2020):
    # One test: loading the demo set takes seconds, so it is loaded once and checked for all three.
    count = load_demo().entries_created

    pairs = set(SpendingEntry.objects.values_list("actor__short_name", "reporting_year__year"))
    actors = set(Actor.objects.values_list("short_name", flat=True))
    assert len(actors) == 6
    # VG2020's whole period and VG2030's first four years.
    assert pairs == {(actor, year) for actor in actors for year in [*range(2014, 2021), *range(2021, 2025)]}
    assert SpendingEntry.objects.count() == count
    assert not SpendingEntry.objects.exclude(title__startswith=DEMO_PREFIX).exists()
    for entry in SpendingEntry.objects.select_related(
        "reporting_year", "goal_area", "priority", "focus_area"
    ):
        try:
            entry.full_clean()
        except ValidationError as error:
            pytest.fail(f"{entry}: {error}")


def test_load_demo_does_nothing_once_demo_entries_exist(fast):
    load_demo()
    entry = demo_entries().first()
    entry.amount += 1
    entry.save()
    before = fingerprint()

    result = load_demo()

    assert result.already_loaded
    assert differences(before, fingerprint()) == []


def test_load_demo_never_changes_an_existing_account(fast):
    make_user("bhu", first_name="Britt")

    load_demo()

    bhu = User.objects.get(username="bhu")
    assert bhu.first_name == "Britt"
    assert not bhu.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="utvecklare.vgr").check_password(DEMO_PASSWORD)


def test_load_demo_makes_the_same_entries_whatever_else_is_in_the_database(fast):
    load_demo()
    clean = _generated()
    demo_entries().delete()
    _close(2015)
    Strategy.objects.create(slug="vg2040", short_name="VG2040", name="Nästa", start_year=2031, end_year=2040)
    Actor.objects.create(slug="ny", short_name="Ny", name="En ny aktör", kind=Actor.Kind.REGION)
    make_user("aaa.forst", is_staff=True)

    load_demo()

    loaded = _generated()
    assert not [key for key in loaded if key[1] == 2015 or key[0] == "Ny"]
    assert loaded == {key: rows for key, rows in clean.items() if key[1] != 2015}


def test_load_demo_leaves_years_with_a_published_report_alone(fast, admin_user):
    make_published_report(user=admin_user, year=2016)

    result = load_demo()

    assert not demo_entries().filter(reporting_year__year=2016).exists()
    assert result.skipped["VGR 2016"] == "årsrapporten för 2016 är publicerad"


def test_reset_demo_replaces_changed_and_deleted_demo_entries_in_open_years(fast):
    load_demo()
    clean = _generated()
    demo_entries().filter(actor__short_name="VGR", reporting_year__year=2017).update(amount=1)
    demo_entries().filter(actor__short_name="GR", reporting_year__year=2018).delete()

    output = _reset()

    assert _generated() == clean
    assert "Demodatan ersatt" in output


def test_reset_demo_refuses_closed_years_without_the_flag_and_changes_nothing(fast):
    load_demo()
    _close(2015)
    before = fingerprint()

    with pytest.raises(CommandError) as refusal:
        _reset()

    assert "Stängda år: 2015" in str(refusal.value)
    assert "--include-closed" in str(refusal.value)
    assert "Ingenting har ändrats" in str(refusal.value)
    assert differences(before, fingerprint()) == []


def test_reset_demo_refuses_years_with_a_published_report_without_the_flag(fast, admin_user):
    load_demo()
    make_published_report(user=admin_user, year=2016)
    before = fingerprint()

    with pytest.raises(CommandError) as refusal:
        _reset()

    assert "årsrapporten för 2016 är publicerad" in str(refusal.value)
    assert "--include-published" in str(refusal.value)
    assert differences(before, fingerprint()) == []


def test_reset_demo_with_both_flags_replaces_closed_and_published_years_too(fast, admin_user):
    load_demo()
    clean = _generated()
    demo_entries().filter(reporting_year__year=2015).update(amount=1)
    _close(2015)
    make_published_report(user=admin_user, year=2016)

    _reset("--include-closed", "--include-published")

    assert _generated() == clean


def test_load_indicators_never_changes_an_existing_indicator_or_its_values():
    load_indicators()
    indicator = Indicator.objects.get(key=DEMO_INDICATORS[0].key)
    indicator.target_value = 99
    indicator.save()
    indicator.values.filter(year=2016).update(value=1)
    before = fingerprint()

    assert load_indicators().created == []
    assert differences(before, fingerprint()) == []


def test_reset_demo_refuses_to_reset_indicators_cited_by_a_published_evaluation(fast, admin_user):
    load_indicators()
    evaluation = Evaluation.objects.create(
        strategy=Strategy.objects.get(slug="vg2020"), kind=EvaluationKind.MIDTERM, year=2017,
        title="Halvtid", summary="Utvärdering.",
    )  # fmt: skip
    publish(publication=evaluation, user=admin_user)
    IndicatorValue.objects.filter(indicator__key=DEMO_INDICATORS[0].key, year=2016).update(value=1)
    before = fingerprint()

    with pytest.raises(CommandError) as refusal:
        _reset()

    assert "utvärdering" in str(refusal.value)
    assert differences(before, fingerprint()) == []
