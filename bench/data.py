"""Synthetic entries for the benchmark, generated inside PostgreSQL.

One INSERT … SELECT over generate_series makes a million rows in seconds; foreign keys
are drawn from the real reference data, so the rows obey every constraint.
"""

from django.db import connection

from followup.models import FundingSource, ReportingYear, SpendingEntry
from strategy.models import Actor, FocusArea, GoalArea, Priority, Strategy


def _array(values) -> str:
    return "ARRAY[" + ",".join(str(int(value)) for value in values) + "]::bigint[]"


def replace_entries(count: int) -> None:
    """Delete every entry (and its history) and insert `count` synthetic ones."""
    # The strategy of the benchmark's years (2019 is imported into), not today's: the
    # current one may be a later strategy whose years hold nothing to measure.
    strategy = Strategy.objects.current(year=2019)
    years = list(ReportingYear.objects.filter(strategy=strategy).order_by("year").values_list("id", "year"))
    actors = list(Actor.objects.order_by("pk").values_list("id", flat=True))
    goals = list(GoalArea.objects.filter(strategy=strategy).order_by("number").values_list("id", flat=True))
    # Priorities are drawn per goal area so that each row's priority belongs to its goal.
    priorities = {goal: [] for goal in goals}
    for priority_id, goal_id in Priority.objects.filter(goal_area__strategy=strategy).values_list(
        "id", "goal_area_id"
    ):
        priorities[goal_id].append(priority_id)
    focus = list(FocusArea.objects.filter(strategy=strategy).order_by("number").values_list("id", flat=True))
    sources = FundingSource.values
    table = SpendingEntry._meta.db_table
    history = SpendingEntry.history.model._meta.db_table
    m2m = SpendingEntry.municipalities.through._meta.db_table
    priority_cases = " ".join(
        f"WHEN {goal} THEN ({_array(ids)})[1 + mod(g.n * 7, {len(ids)})]"
        for goal, ids in priorities.items()
        if ids
    )
    source_array = "ARRAY[" + ",".join(f"'{source}'" for source in sources) + "]"
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {m2m}, {history}_municipalities, {history}, {table} RESTART IDENTITY CASCADE"
        )
        cursor.execute(
            f"""
            INSERT INTO {table} (
                actor_id, reporting_year_id, title, description, case_number, project_owner,
                goal_area_id, priority_id, focus_area_id, amount, funding_source, total_project_size,
                created_at, updated_at, version
            )
            SELECT
                g.actor_id, g.year_id, 'Insats ' || g.n, '', '', 'Projektägare ' || mod(g.n, 97),
                g.goal_id,
                CASE WHEN mod(g.n, 5) = 0 THEN NULL ELSE CASE g.goal_id {priority_cases} END END,
                CASE WHEN g.year_value < 2015 OR mod(g.n, 3) = 0 THEN NULL
                     ELSE ({_array(focus)})[1 + mod(g.n * 13, {len(focus)})] END,
                g.amount,
                ({source_array})[1 + mod(g.n * 17, {len(sources)})],
                CASE WHEN mod(g.n, 4) = 0 THEN NULL ELSE g.amount * (1 + mod(g.n, 3)) END,
                now(), now(), 1
            FROM (
                SELECT
                    s.n,
                    ({_array(actors)})[1 + mod(s.n * 31, {len(actors)})] AS actor_id,
                    ({_array([pk for pk, _ in years])})[1 + mod(s.n, {len(years)})] AS year_id,
                    ({_array([year for _, year in years])})[1 + mod(s.n, {len(years)})] AS year_value,
                    ({_array(goals)})[1 + mod(s.n * 11, {len(goals)})] AS goal_id,
                    (mod(s.n * 7919, 5000000) + mod(s.n, 100) / 100.0)::numeric(14, 2) AS amount
                FROM generate_series(1::bigint, %s::bigint) AS s(n)
            ) AS g
            """,
            [count],
        )
        # As a database in use is after autovacuum (which may be off on a benchmark's
        # server): the visibility map lets the lists' index-only scans skip the table.
        cursor.execute(f"VACUUM ANALYZE {table}")
