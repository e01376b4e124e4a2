"""Sign-in hardening: a form that refuses over-long user names, the client's address behind
trusted proxies, and a second throttle per address across user names.

django-axes counts failed sign-ins per user name and address (AXES_FAILURE_LIMIT). Two
gaps are closed here: axes stores the user name in a varchar(255), so a longer one gave
a 500 on PostgreSQL; and with one address per visitor counted, password spraying (a few
guesses for each of many names) was not slowed at all.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.db.models import Sum
from django.forms import TextInput
from django.http import HttpRequest

USERNAME_MAX_LENGTH = get_user_model()._meta.get_field("username").max_length
# AccessAttempt.username is a varchar(255).
_THROTTLE_USERNAME_LENGTH = 255


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing a user name longer than any account can have before
    anything is looked up or recorded. (Django sets `max_length` on its field after the
    validators are built, so its own form lets any length through to authenticate().)"""

    username = UsernameField(
        label="Användarnamn",
        max_length=USERNAME_MAX_LENGTH,
        widget=TextInput(attrs={"autofocus": True}),
        error_messages={
            "max_length": f"Användarnamnet är för långt. Det får vara högst {USERNAME_MAX_LENGTH} tecken."
        },
    )


class AdminSignInForm(SignInForm, AdminAuthenticationForm):
    """Admin's sign-in form (staff only) with the same limit."""


def throttle_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The user name axes records (AXES_USERNAME_CALLABLE): cut to what its table holds, for
    any path that reaches authenticate() without the forms above."""
    field = settings.AXES_USERNAME_FORM_FIELD
    username = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    return username[:_THROTTLE_USERNAME_LENGTH] if isinstance(username, str) else username


def client_address(request: HttpRequest) -> str | None:
    """The address sign-in throttling counts (AXES_CLIENT_IP_CALLABLE).

    With TRUSTED_PROXY_COUNT = 0 (the default) the connecting address. Behind that many
    proxies, each appending the address it was reached from to X-Forwarded-For, the entry
    the outermost of them wrote; anything left of it is whatever the client sent, and
    never trusted. A header with fewer entries did not pass through the proxies.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote


class SignInThrottle(AxesDatabaseHandler):
    """Axes' database handler plus a limit per address across all user names.

    Axes compares one count with AXES_FAILURE_LIMIT; once the address alone has reached
    SIGN_IN_ADDRESS_FAILURE_LIMIT failures within the cool-off time, the count is reported
    as at least that limit, so every sign-in from the address is refused until it cools off.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        from_address = (
            AccessAttempt.objects.filter(
                ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
            ).aggregate(total=Sum("failures_since_start"))["total"]
            or 0
        )
        if from_address >= settings.SIGN_IN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures
