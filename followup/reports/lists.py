"""The drill-down list: every entry behind a figure, what this user sees of them, a page
at a time. Total and count come from the running totals (the list's filters are the
report's dimensions, which the totals are keyed by); the rows through the indexes
(`followup.listing`), so any page of a million costs what the first one does."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from strategy import roles
from strategy.models import Actor, Strategy

from ..listing import Bucket, IndexedEntries, Seek, grouped_totals, year_actor_buckets
from ..models import EntryTotal, ReportingYear, SpendingEntry
from .figures import money
from .filters import ReportFilters, filtered_totals

# The drill-down's default order: within each year and actor, by title (an index order).
BY_YEAR_AND_ACTOR = ("reporting_year__year", "actor__name", "title", "pk")


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


def list_totals(totals: QuerySet[EntryTotal], user: roles.User) -> ListTotals:
    """One aggregate over the running totals behind the list, however many entries it has."""
    # Named apart from the columns they sum: an aggregate may not shadow a field.
    sums = {"amount": Sum("total"), "entries": Sum("entry_count")}
    if not roles.can_read_all(user):
        own = Q(actor_id__in=roles.editable_actors(user).values("pk"))
        sums |= {"own_amount": Sum("total", filter=own), "own_entries": Sum("entry_count", filter=own)}
    row = totals.order_by().aggregate(**sums)
    total, count = money(row["amount"]), row["entries"] or 0
    if "own_entries" not in row:
        return ListTotals(total=total, count=count, visible_total=total, visible_count=count)
    return ListTotals(
        total=total,
        count=count,
        visible_total=money(row["own_amount"]),
        visible_count=row["own_entries"] or 0,
    )


def entry_pages(
    strategy: Strategy,
    filters: ReportFilters,
    user: roles.User,
    *,
    ordering: tuple[str, ...],
    seek: Seek | None = None,
) -> tuple[IndexedEntries, ListTotals]:
    """The entries behind the filters that this user reads, in `ordering`, to be paged
    (from the row a page link names, `seek`, where the order allows); and the list's totals."""
    year_of = dict(
        ReportingYear.objects.filter(
            strategy=strategy, year__gte=filters.first_year, year__lte=filters.last_year
        ).values_list("pk", "year")
    )
    sums = filtered_totals(list(year_of), filters)
    totals = list_totals(sums, user)
    entries = (
        SpendingEntry.objects.filter(reporting_year_id__in=list(year_of), **filters.entry_lookups())
        .visible_to(user)
        .select_related("actor", "reporting_year__strategy", "goal_area", "priority", "focus_area")
    )
    if ordering != BY_YEAR_AND_ACTOR:
        whole = [Bucket({}, totals.visible_count)]
        return IndexedEntries(entries.order_by(*ordering), whole, seek=seek), totals
    actors = Actor.objects.order_by("name", "pk")
    if not roles.can_read_all(user):
        actors = actors.filter(pk__in=roles.editable_actors(user).values("pk"))
        sums = sums.filter(actor_id__in=roles.editable_actors(user).values("pk"))
    buckets = year_actor_buckets(grouped_totals(sums), year_of=year_of, actors=list(actors))
    return IndexedEntries(entries.order_by("title", "pk"), buckets), totals
