"""The totals of a drill-down list: every entry behind a figure, and what this user sees of them."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from strategy import roles

from .figures import money


@dataclass(frozen=True)
class ListTotals:
    """The total and count of every entry behind a figure, and of those this user may read
    one by one (a regional developer reads only their own actors' entries)."""

    total: Decimal
    count: int
    visible_total: Decimal
    visible_count: int

    @property
    def hides_entries(self) -> bool:
        return self.visible_count < self.count


def list_totals(entries: QuerySet, user: roles.User) -> ListTotals:
    """One aggregate over all the entries, however many pages the list has."""
    sums = {"total": Sum("amount"), "count": Count("id")}
    if not roles.can_read_all(user):
        own = Q(actor__in=roles.editable_actors(user))
        sums |= {"visible_total": Sum("amount", filter=own), "visible_count": Count("id", filter=own)}
    row = entries.order_by().aggregate(**sums)
    total = money(row["total"])
    if "visible_count" not in row:
        return ListTotals(total=total, count=row["count"], visible_total=total, visible_count=row["count"])
    return ListTotals(
        total=total,
        count=row["count"],
        visible_total=money(row["visible_total"]),
        visible_count=row["visible_count"],
    )
