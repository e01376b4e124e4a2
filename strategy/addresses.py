"""Every page belongs to a strategy, and its address says which: `/vg2020/uppfoljning/`.

The strategy's slug is the first segment of the path. `StrategyMiddleware` takes it off
before URL resolving and makes it part of Django's script prefix for the rest of the
request, the way a site mounted under a sub-path works. So the URL patterns stay free of
it, and every `reverse()` and `{% url %}` on a VG2030 page gives a VG2030 address by itself.
An address without a strategy is redirected to the strategy its year belongs to, else to
the one in force, so that every link shared before strategies sat side by side still works.

`reverse_for` gives an address in another strategy than the page's (the switcher, an
entry's own page). Signing in, admin and the health check belong to no strategy: the links
to them never carry one (`unscoped_reverse`, `{% unscoped_url %}`), though they answer with
one too (keeping the page's strategy in the layout).
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlencode

from asgiref.local import Local
from django.core.handlers.wsgi import get_script_name
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import Resolver404, get_script_prefix, resolve, reverse, set_script_prefix
from django.utils.functional import SimpleLazyObject

from .models import RESERVED_SLUGS, Strategy, in_force_among
from .page_cache import cached_for_version

# The apps whose pages belong to a strategy: an address of theirs without one is redirected.
STRATEGY_APPS = frozenset({"strategy", "followup", "publications", "reporting"})
# Pages about no single strategy, or that find their strategy themselves: the start page
# (it presents the strategy in force), the page across strategies, and the first portal's
# /strategi/vg2020/… addresses (they name theirs).
UNSCOPED_VIEWS = frozenset({"strategy:home", "strategy:legacy_address", "followup:across_strategies"})
# Where a page's year is: its path (`arsrapporter/2016/`) or its query (reports, lists).
YEAR_PARAMETERS = ("year", "ar", "till", "fran")

_local = Local()


def base_prefix() -> str:
    """The script prefix the server mounted the portal under, without any strategy."""
    return getattr(_local, "base", "/")


@contextmanager
def _script_prefix(prefix: str) -> Iterator[None]:
    previous = get_script_prefix()
    set_script_prefix(prefix)
    try:
        yield
    finally:
        set_script_prefix(previous)


def addresses_in(strategy: Strategy):
    """Let `reverse()` give addresses in `strategy` for the duration (a context manager)."""
    return _script_prefix(f"{base_prefix()}{strategy.slug}/")


def unscoped_reverse(viewname: str, *, args: Iterable = (), kwargs: dict | None = None) -> str:
    """The address of a page that belongs to no strategy (admin, signing in), from any page."""
    with _script_prefix(base_prefix()):
        return reverse(viewname, args=list(args), kwargs=kwargs)


def reverse_for(strategy: Strategy, viewname: str, *, args: Iterable = (), kwargs: dict | None = None) -> str:
    """The address of a view in `strategy`, whichever strategy the current page is in."""
    with addresses_in(strategy):
        return reverse(viewname, args=list(args), kwargs=kwargs)


def year_asked(request: HttpRequest, kwargs: dict) -> int | None:
    """The year a request is about, as its path or query names it; None if it names none."""
    values = [kwargs.get("year"), *(request.GET.get(name) for name in YEAR_PARAMETERS)]
    for value in values:
        if value is not None and str(value).strip().isdigit() and len(str(value).strip()) == 4:
            return int(value)
    return None


def strategy_of_year(strategies: list[Strategy], year: int | None) -> Strategy | None:
    return next((strategy for strategy in strategies if year is not None and year in strategy.years), None)


def moved_to(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect to the same page elsewhere: 302, or 307 for a posted form, which keeps its
    method and body."""
    response = HttpResponseRedirect(url)
    if request.method not in ("GET", "HEAD"):
        response.status_code = 307
    return response


def _redirect(request: HttpRequest, strategy: Strategy | None, path_info: str) -> HttpResponse:
    """The same address and query in `strategy`, or without any strategy (None)."""
    query = f"?{urlencode(request.GET, doseq=True)}" if request.GET else ""
    prefix = f"{base_prefix()}{strategy.slug}" if strategy else base_prefix().rstrip("/")
    return moved_to(request, f"{prefix}{path_info}{query}")


def _split(path_info: str) -> tuple[str, str]:
    """`/vg2020/insatser/` → ("vg2020", "/insatser/"); `/vg2020` → ("vg2020", "/")."""
    first, _, rest = path_info.lstrip("/").partition("/")
    return first, f"/{rest}"


def _resolved_name(path_info: str) -> tuple[str, dict] | None:
    try:
        match = resolve(path_info)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


class StrategyMiddleware:
    """Reads the strategy from the address, or redirects an address that lacks one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Read when first needed, once (the health check, for one, never needs them), and
        # from the cache while the data version is the same.
        request.strategies = SimpleLazyObject(
            lambda: cached_for_version(request, "strategies", _all_strategies)
        )
        request.strategy = None
        previous_base = getattr(_local, "base", None)
        _local.base = get_script_name(request.META).rstrip("/") + "/"
        try:
            slug, rest = _split(request.path_info)
            strategy = None if slug in RESERVED_SLUGS else _with_slug(request.strategies, slug)
            if strategy is not None:
                return self._in_strategy(request, strategy, rest)
            return self._without_strategy(request)
        finally:
            if previous_base is None:
                del _local.base
            else:
                _local.base = previous_base

    def _in_strategy(self, request: HttpRequest, strategy: Strategy, rest: str) -> HttpResponse:
        resolved = _resolved_name(rest)
        if resolved and _in_strategy_app(resolved[0]):
            other = strategy_of_year(request.strategies, year_asked(request, resolved[1]))
            if other is not None and other != strategy:
                # /vg2030/uppfoljning/?fran=2016: the year is VG2020's, and so is its page.
                return _redirect(request, other, rest)
        request.strategy = strategy
        request.path_info = rest
        with addresses_in(strategy):
            return self.get_response(request)

    def _without_strategy(self, request: HttpRequest) -> HttpResponse:
        resolved = _resolved_name(request.path_info)
        if resolved and _in_strategy_app(resolved[0]) and resolved[0] not in UNSCOPED_VIEWS:
            year = year_asked(request, resolved[1])
            target = strategy_of_year(request.strategies, year) or in_force_among(request.strategies)
            if target is not None:
                return _redirect(request, target, request.path_info)
        in_force = in_force_among(request.strategies) if resolved and resolved[0] in UNSCOPED_VIEWS else None
        # The start page presents the strategy in force, so its links lead there.
        with addresses_in(in_force) if in_force else _script_prefix(base_prefix()):
            return self.get_response(request)


def _all_strategies() -> list[Strategy]:
    return list(Strategy.objects.prefetch_related("levels").order_by("start_year"))


def _with_slug(strategies: list[Strategy], slug: str) -> Strategy | None:
    return next((strategy for strategy in strategies if strategy.slug == slug), None)


def _in_strategy_app(view_name: str) -> bool:
    return view_name.partition(":")[0] in STRATEGY_APPS
