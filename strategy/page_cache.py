"""Cached page fragments that can never be older than the database.

A cached fragment is keyed by the database's DATA VERSION (`followup.DataVersion`, one row
that database triggers change in the same transaction as every write to the entries, the
reporting years, the strategy's structure, the actors and the publications), by what the
page shows (its address, the strategy, the filters) and by the reader's visibility
(anonymous visitors and signed-in report readers see different figures of a published
report). A write therefore never has to find and delete the fragments it makes old: the
next request reads the new version and misses.

The strategies and their levels, which the middleware reads for every page, are kept the
same way (`cached_for_version`), so a cached page costs the version, the session and the
reader: four small queries.

The version is read before anything the fragment shows (`reads_data_version`). Reads are
in autocommit, each query its own snapshot, so what the fragment is built from is at least
as new as the version it is filed under: it may be newer (then it is only used until that
newer version is read, which is at once), never older. The version lives in the database,
so every worker and every server sees a change the moment it is committed; with several
servers, point them at one shared cache (Redis through CACHE_URL) so that a fragment built
by one serves all, but even a cache per worker (local memory, the default) is never stale.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps
from typing import NamedTuple, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe

from . import roles

T = TypeVar("T")

# Versions never come back, so an old fragment is only dead weight: let it expire.
TIMEOUT_SECONDS = 24 * 60 * 60


# Read as SQL, not through the model: every app caches pages, and this bottom layer
# imports no app above it (the triggers are followup's, `totals_sql.py`).
def data_version() -> int | None:
    """The current data version, or None when its row is missing (after `flush`, until the
    next write puts it back): then nothing is cached."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM followup_dataversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def read_data_version(request: HttpRequest) -> int | None:
    """The data version this request works at, read once: before anything it shows."""
    if not hasattr(request, "data_version"):
        request.data_version = data_version()
    return request.data_version


def reads_data_version(view: Callable) -> Callable:
    """Reads the data version before the view reads anything it shows. The strategies that
    the middleware read come from `cached_for_version`, which read the version before them."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        read_data_version(request)
        return view(request, *args, **kwargs)

    return wrapper


def cached_for_version(request: HttpRequest, name: str, build: Callable[[], T]) -> T:
    """What `build` returns, kept per data version alone (not per reader or address): the
    data that every page reads first, such as the strategies and their levels."""
    return _cached(read_data_version(request), f"data:{name}", (), build, keep=lambda found: True)


def visibility(request: HttpRequest) -> str:
    """What the reader may see: signed-in report readers see live figures that anonymous
    visitors (and signed-in users without a reader's role) never do."""
    return "reader" if roles.can_read_reports(request.user) else "public"


def _key(version: int, name: str, parts: Iterable[object]) -> str:
    # The database's name too, so that one Redis can serve several databases (staging and
    # production, the test workers) without one's version naming another's page.
    database = settings.DATABASES["default"]["NAME"]
    described = "\x1f".join(str(part) for part in (database, version, *parts))
    return f"{name}:{hashlib.sha256(described.encode()).hexdigest()}"


def _cached(
    version: int | None,
    name: str,
    parts: Iterable[object],
    build: Callable[[], T],
    keep: Callable[[T], bool],
) -> T:
    """`build()`, from the cache under the data version, `name` and `parts`; kept only if
    `keep` says so. Nothing is cached while the version's row is missing."""
    if version is None:
        return build()
    key = _key(version, name, parts)
    found = cache.get(key)
    if found is None:
        found = build()
        if keep(found):
            cache.set(key, found, TIMEOUT_SECONDS)
    return found


def _page_parts(request: HttpRequest, parts: Iterable[object]) -> tuple[object, ...]:
    """What a cached page depends on besides the data: the reader's visibility, the address
    and the view's own `parts`."""
    return (visibility(request), request.path, *parts)


def cached_html(
    request: HttpRequest, name: str, parts: Iterable[object], render: Callable[[], str]
) -> SafeString:
    """The fragment `render` makes for this request, from the cache when the data version,
    the reader's visibility, the address and `parts` (whatever else it depends on) are the
    same. The view must carry `reads_data_version`."""
    html = _cached(
        request.data_version,
        f"page:{name}",
        _page_parts(request, parts),
        lambda: str(render()),
        keep=lambda html: True,
    )
    return mark_safe(html)  # noqa: S308 (rendered by our templates, escaped there)


class CachedPage(NamedTuple):
    """A page's title and rendered content, and its status: only 200 is kept."""

    title: str
    content: str
    status: int = 200


def cached_page(
    request: HttpRequest, name: str, parts: Iterable[object], build: Callable[[], CachedPage]
) -> CachedPage:
    """As `cached_html`, for a page's title and content; a page that refused its input
    (status 400) is built again each time. Raising (404) caches nothing."""
    found = _cached(
        request.data_version,
        f"page:{name}",
        _page_parts(request, parts),
        build,
        keep=lambda page: page.status == 200,
    )
    return found._replace(content=mark_safe(found.content))  # noqa: S308 (rendered by our templates)
