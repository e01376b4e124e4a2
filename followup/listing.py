"""Long lists of entries read a page at a time through the indexes: the entry list and the
drill-down list of the reports.

A page of 50 out of a million must not make the database sort or count the million. The
running totals (`EntryTotal`) already know how many entries each year and actor holds, so
a list sorted by year, actor and title is cut into those buckets: the page's offset picks
the bucket, and inside it the rows come in index order (`entry_year_actor_title_idx`),
skipping at most one bucket's rows. A list in one index order (amount, title) is one
bucket, read from whichever end is nearer, so that the last page costs what the first one
does; its next and previous links name the row they continue from (`Seek`), so that paging
through it never skips rows at all, however deep into the list.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from strategy.models import Actor, FocusArea, GoalArea

from .entries import EntryTotals, TotalRow, entry_totals
from .formatting import round_half_up
from .models import EntryTotal, ReportingYear, SpendingEntry

SEARCH_FIELDS = ("title", "case_number", "project_owner")
# The characters that mean something in a regular expression (PostgreSQL's and Python's).
_REGEX_SPECIAL = re.compile(r"([\\.^$*+?{}\[\]|()])")


@dataclass(frozen=True)
class Bucket:
    """Entries that share the lookups (e.g. one year and actor), and how many they are."""

    lookups: dict[str, Any]
    count: int


@dataclass(frozen=True)
class Seek:
    """What a next or previous link says about its page: it starts after the row `pk`
    (`position` = the page's first index - 1) or ends before it (`position` = its stop)."""

    pk: int
    position: int


def seek_from(params: Mapping[str, str], *, page_size: int) -> Seek | None:
    """The `efter` (after) or `fore` (before) row of a page link with its `sida`; None for
    any other address, which is then paged by offset."""
    try:
        number = int(params.get("sida", ""))
        if "efter" in params:
            return Seek(pk=int(params["efter"]), position=(number - 1) * page_size - 1)
        if "fore" in params:
            return Seek(pk=int(params["fore"]), position=number * page_size)
    except ValueError:
        pass
    return None


def _column_to_seek_by(ordering: Sequence[str]) -> str | None:
    """The column of an ordering by one column of the entry and then the id, in one
    direction (`("amount", "pk")`, `("-amount", "-pk")`), which a seek can follow."""
    if len(ordering) != 2 or "__" in ordering[0]:
        return None
    first, second = ordering
    descending = first.startswith("-")
    return first if second == ("-pk" if descending else "pk") else None


class IndexedEntries(Sequence):
    """The entries of `queryset` bucket by bucket, each bucket in the queryset's order.

    A slice costs at most four queries, however many buckets it touches: the ids of the
    first bucket's part (skipping from the nearer end through the index), of the buckets
    it holds whole (fewer rows than a page), of the last bucket's part, then the rows by
    id. Paginator takes it as a list: `count()` is the buckets' sum, so nothing counts rows.
    """

    def __init__(self, queryset: QuerySet, buckets: Iterable[Bucket], *, seek: Seek | None = None) -> None:
        self.queryset = queryset
        self.buckets = [bucket for bucket in buckets if bucket.count > 0]
        self.seek = seek

    @property
    def _seek_column(self) -> str | None:
        """The column page links can seek by: one bucket in the order of one column."""
        return _column_to_seek_by(self.queryset.query.order_by) if len(self.buckets) <= 1 else None

    @property
    def seekable(self) -> bool:
        """Whether page links may name the row they continue from."""
        return self._seek_column is not None

    def count(self) -> int:
        return sum(bucket.count for bucket in self.buckets)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):  # type: ignore[override]
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(self.count())
        touched = self._touched(start, stop)
        if not touched:
            return []
        ids = self._sought(start, stop)
        if ids is None:
            ids = self._by_offset(touched)
        found = self.queryset.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]  # one deleted since the count is left out

    def _by_offset(self, touched: list[tuple[Bucket, int, int]]) -> list[int]:
        """The ids of the touched buckets' parts, each part skipped to from its nearer end."""
        (first, skip, take), *middle, (last, _, last_take) = touched if len(touched) > 1 else touched * 2
        ids = _ids(self.queryset.filter(**first.lookups), skip, skip + take, first.count)
        if middle:
            ids += self._whole([bucket for bucket, _, _ in middle])
        if len(touched) > 1:
            ids += _ids(self.queryset.filter(**last.lookups), 0, last_take, last.count)
        return ids

    def _sought(self, start: int, stop: int) -> list[int] | None:
        """The ids start..stop read on from the seek's row through the index (no offset),
        or None when there is no seek for this slice or its row is not in the list (gone,
        or not the reader's): then the slice is read by offset."""
        column = self._seek_column if self.seek else None
        if column is None or self.seek.position not in (start - 1, stop):
            return None
        name = column.lstrip("-")
        value = self.queryset.filter(pk=self.seek.pk).values_list(name, flat=True).first()
        if value is None:
            return None
        forward = self.seek.position == start - 1
        lookup = "gt" if forward != column.startswith("-") else "lt"
        # (value, pk) beyond the row's, written with a bound on the column alone so that the
        # index on (column, id) is read from the row on: `amount >= v AND (amount > v OR id > pk)`.
        beyond = Q(**{f"{name}__{lookup}e": value}) & (
            Q(**{f"{name}__{lookup}": value}) | Q(**{f"pk__{lookup}": self.seek.pk})
        )
        ids = self.queryset.filter(beyond).values_list("pk", flat=True)
        if forward:
            return list(ids[: stop - start])
        return list(ids.reverse()[: stop - start])[::-1]

    def _touched(self, start: int, stop: int) -> list[tuple[Bucket, int, int]]:
        """The buckets rows start..stop lie in, each with how many to skip and to take."""
        touched, skip, wanted = [], start, stop - start
        for bucket in self.buckets:
            if wanted <= 0:
                break
            if skip >= bucket.count:
                skip -= bucket.count
                continue
            take = min(bucket.count - skip, wanted)
            touched.append((bucket, skip, take))
            skip, wanted = 0, wanted - take
        return touched

    def _whole(self, buckets: list[Bucket]) -> list[int]:
        """The ids of whole buckets (together fewer than a page), bucket by bucket."""
        names = sorted({name for bucket in buckets for name in bucket.lookups})
        place = {tuple(bucket.lookups[name] for name in names): n for n, bucket in enumerate(buckets)}
        chosen = Q()
        for bucket in buckets:
            chosen |= Q(**bucket.lookups)
        rows = self.queryset.filter(chosen).values_list("pk", *names)
        # Stable: within a bucket the rows keep the database's order.
        return [row[0] for row in sorted(rows, key=lambda row: place[tuple(row[1:])])]


def _ids(queryset: QuerySet, start: int, stop: int, count: int) -> list[int]:
    """Ids start..stop of an ordered queryset of `count` rows, scanning from the nearer end
    (an index-only scan skips the offset without touching the table)."""
    ids = queryset.values_list("pk", flat=True)
    if start <= count - stop:
        return list(ids[start:stop])
    return list(ids.reverse()[count - stop : count - start])[::-1]


def grouped_totals(totals: QuerySet[EntryTotal]) -> list[dict[str, Any]]:
    """The running totals per year, actor, goal area and focus area: one grouped query
    whose rows both count a list's buckets and sum its totals."""
    return list(
        totals.order_by()
        .values("reporting_year_id", "actor_id", "goal_area_id", "focus_area_key")
        .annotate(count=Sum("entry_count"), total=Sum("total"))
        .filter(count__gt=0)
    )


def year_actor_buckets(
    rows: list[dict[str, Any]], *, year_of: dict[int, int], actors: Iterable[Actor]
) -> list[Bucket]:
    """Buckets per year and actor of `grouped_totals` rows, sorted by year and then in the
    order of `actors` (the actors the list shows); `year_of` maps year ids to years."""
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for row in rows:
        counts[row["reporting_year_id"], row["actor_id"]] += row["count"]
    years = sorted(year_of, key=year_of.__getitem__)
    return [
        Bucket({"reporting_year_id": year_id, "actor_id": actor.pk}, counts[year_id, actor.pk])
        for year_id in years
        for actor in actors
        if (year_id, actor.pk) in counts
    ]


def search_entries(entries: QuerySet, text: str) -> QuerySet:
    """Entries whose title, case number or project owner holds `text`, whatever the case.

    A case-insensitive regular expression rather than `icontains`: SQLite's LIKE folds only
    ASCII letters (å, ä, ö would not match Å, Ä, Ö), while Django runs SQLite's regular
    expressions in Python, which folds them all; on PostgreSQL `~*` is served by the
    trigram indexes of migration 0009 (where pg_trgm is available).
    """
    pattern = _REGEX_SPECIAL.sub(r"\\\1", text.strip())
    found = Q()
    for name in SEARCH_FIELDS:
        found |= Q(**{f"{name}__iregex": pattern})
    return entries.filter(found)


def running_totals(rows: list[dict[str, Any]], *, strategy_id: int) -> EntryTotals:
    """Sums per goal area and per focus area of `grouped_totals` rows, named by the
    strategy's goal and focus areas (two small queries), however many entries there are."""
    by_goal: dict[int, list] = defaultdict(lambda: [0, Decimal("0.00")])
    by_focus: dict[int, list] = defaultdict(lambda: [0, Decimal("0.00")])
    for row in rows:
        for sums, key in ((by_goal, row["goal_area_id"]), (by_focus, row["focus_area_key"])):
            sums[key][0] += row["count"]
            sums[key][1] += _money(row["total"])
    goals = GoalArea.objects.filter(pk__in=by_goal).order_by("number")
    focus_areas = FocusArea.objects.filter(strategy_id=strategy_id, pk__in=by_focus).order_by("number")
    goal_rows = [TotalRow(goal.number, goal.name, *by_goal[goal.pk]) for goal in goals]
    focus_rows = [TotalRow(area.number, area.name, *by_focus[area.pk]) for area in focus_areas]
    if 0 in by_focus:
        focus_rows.append(TotalRow(None, "Inget kraftsamlingsområde", *by_focus[0]))
    return EntryTotals(
        by_goal_area=goal_rows,
        by_focus_area=focus_rows,
        count=sum(row.count for row in goal_rows),
        total=sum((row.total for row in goal_rows), Decimal("0.00")),
    )


def _money(value: Decimal | float) -> Decimal:
    # SQLite sums decimals as floating point; the entries hold kronor and öre.
    return round_half_up(value, 2)


@dataclass(frozen=True)
class ListQuery:
    """The GET parameters a list page keeps in its page links (`_pagination.html`)."""

    values: dict[str, str]

    def as_query(self) -> dict[str, str]:
        return {key: value for key, value in self.values.items() if value}


def year_list(
    year: ReportingYear | None, actors: list[Actor], *, search: str, strategy_id: int
) -> tuple[Sequence[SpendingEntry], EntryTotals]:
    """The year's entries of these actors sorted by actor and title, and their totals.

    Without a search both come from the running totals and the title index, whatever the
    number of entries; a search narrows both to the entries it finds (trigram-indexed).
    """
    entries = SpendingEntry.objects.filter(reporting_year=year, actor__in=actors).select_related(
        "actor", "reporting_year__strategy", "goal_area", "priority", "focus_area"
    )
    if search:
        found = search_entries(entries, search)
        return found.order_by("actor__name", "actor_id", "title", "pk"), entry_totals(found)
    if year is None:
        return [], entry_totals(entries.none())
    rows = grouped_totals(
        EntryTotal.objects.filter(reporting_year_id=year.pk, actor_id__in=[item.pk for item in actors])
    )
    buckets = year_actor_buckets(rows, year_of={year.pk: year.year}, actors=actors)
    totals = running_totals(rows, strategy_id=strategy_id)
    return IndexedEntries(entries.order_by("title", "pk"), buckets), totals
