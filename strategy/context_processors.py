from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from . import roles


def roles_context(request: HttpRequest) -> dict:
    # Error pages can be rendered for requests that never reached the auth middleware.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "user_is_developer": roles.is_developer(user),
        "user_is_bhu": roles.is_bhu(user),
        "user_is_admin": roles.is_admin(user),
        "user_can_read_reports": roles.can_read_reports(user),
    }
