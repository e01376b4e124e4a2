"""`make bench` rows for the long lists: the entry list and the drill-down list, first,
middle and last page, each against its floor.

Floor: the page's 50 rows straight from the index (`SELECT … ORDER BY … LIMIT 50`, no
offset) — what showing any 50 entries costs at least.
"""

from collections.abc import Callable


def _floor(cursor_sql: str, params: list) -> Callable[[], None]:
    def run() -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(cursor_sql, params)
            cursor.fetchall()

    return run


def measure_lists(client, rows: list[dict], size: int, *, timed: Callable) -> None:
    from django.db import connection
    from django.urls import reverse

    from followup.models import ReportingYear, SpendingEntry

    year = ReportingYear.objects.get(year=2016)
    per_year = max(1, size // 7)
    last_list_page = max(1, -(-per_year // 50))
    last_drill_page = max(1, -(-size // 50))
    middle = last_drill_page // 2 or 1
    entry_list = reverse("followup:entry_list")
    drill = reverse("followup:report_entries")
    pages = [
        ("insatslistan 2016, sida 1", f"{entry_list}?year=2016"),
        ("insatslistan 2016, mitten", f"{entry_list}?year=2016&sida={last_list_page // 2 or 1}"),
        ("insatslistan 2016, sista", f"{entry_list}?year=2016&sida={last_list_page}"),
        ("drill-down 2014–2020, sida 1", f"{drill}?fran=2014&till=2020"),
        ("drill-down 2014–2020, mitten", f"{drill}?fran=2014&till=2020&sida={middle}"),
        ("drill-down 2014–2020, sista", f"{drill}?fran=2014&till=2020&sida={last_drill_page}"),
        (
            "drill-down belopp, mitten",
            f"{drill}?fran=2014&till=2020&ordning=belopp&sida={middle}",
        ),
    ]
    if middle > 1:
        # The same page reached through the previous page's "Nästa sida" link, which names
        # that page's last row (keyset paging, no offset).
        before = SpendingEntry.objects.order_by("amount", "pk").values_list("pk", flat=True)[
            (middle - 1) * 50 - 1
        ]
        pages.append(
            (
                "drill-down belopp, mitten via nästa-länken",
                f"{drill}?fran=2014&till=2020&ordning=belopp&sida={middle}&efter={before}",
            )
        )
    floor = timed(
        _floor(
            "SELECT * FROM followup_spendingentry WHERE reporting_year_id = %s "
            "ORDER BY actor_id, title, id LIMIT 50",
            [year.pk],
        )
    )
    for name, url in pages:

        def get(url=url) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        # Counted by a wrapper: the request's start clears the query log a capture reads.
        queries: list[str] = []

        def count(execute, sql, *args, queries=queries):
            queries.append(sql)
            return execute(sql, *args)

        with connection.execute_wrapper(count):
            get()
        rows.append(
            {
                "entries": size,
                "what": name,
                "seconds": timed(get),
                "floor": floor,
                "queries": len(queries),
                "memory": None,
            }
        )
