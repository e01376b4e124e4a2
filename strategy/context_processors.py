from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from . import roles
from .models import Strategy, StrategyWords, in_force_among
from .shortcuts import page_strategy


def roles_context(request: HttpRequest) -> dict:
    # Error pages can be rendered for requests that never reached the auth middleware.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "user_is_developer": roles.is_developer(user),
        "user_is_bhu": roles.is_bhu(user),
        "user_is_admin": roles.is_admin(user),
        "user_can_read_reports": roles.can_read_reports(user),
    }


@dataclass(frozen=True)
class StrategyLayout:
    """The strategies as the layout shows them: the page's, the one in force, the others."""

    page: Strategy | None
    in_force: Strategy | None
    all: list[Strategy]

    @property
    def earlier(self) -> list[Strategy]:
        if self.in_force is None:
            return []
        return [s for s in reversed(self.all) if s.end_year < self.in_force.start_year]

    @property
    def upcoming(self) -> list[Strategy]:
        return [s for s in self.all if not s.has_begun]

    @property
    def words(self) -> StrategyWords | None:
        return self.page.words if self.page else None


def strategies_context(request: HttpRequest) -> dict:
    """`strategies` for the switcher and the footer; `words` for the page's level names."""
    every = list(
        getattr(request, "strategies", None)
        or Strategy.objects.prefetch_related("levels").order_by("start_year")
    )
    layout = StrategyLayout(page=page_strategy(request), in_force=in_force_among(every), all=every)
    return {"strategies": layout, "words": layout.words}
