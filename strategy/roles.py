"""The portal's roles, in one place.

- Regionutvecklare: a member of the group, belonging to one or more actors through
  ActorMembership; enters and changes those actors' figures.
- BHU: a member of the group; reads everything that is reported, changes nothing.
- Sammanställare (compiler): a member of the group; VGR's analysts who run the yearly
  reporting round (open it, return, approve, reopen, close) and read everything as BHU
  does. They change no entries and need not be Django staff.
- Administrator: Django staff; reads everything and manages the portal in admin.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Actor

DEVELOPER_GROUP = "Regionutvecklare"
BHU_GROUP = "BHU"
COMPILER_GROUP = "Sammanställare"

User = AbstractBaseUser | AnonymousUser


def _group_names(user: User) -> set[str]:
    if not user.is_authenticated:
        return set()
    # Kept on the user object for the request: the navigation asks on every page.
    if not hasattr(user, "_vg2020_groups"):
        user._vg2020_groups = set(user.groups.values_list("name", flat=True))
    return user._vg2020_groups


def _in_group(user: User, name: str) -> bool:
    return name in _group_names(user)


def is_developer(user: User) -> bool:
    return _in_group(user, DEVELOPER_GROUP)


def is_bhu(user: User) -> bool:
    return _in_group(user, BHU_GROUP)


def is_compiler(user: User) -> bool:
    return _in_group(user, COMPILER_GROUP)


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_read_all(user: User) -> bool:
    """BHU members, compilers and administrators see every reported entry."""
    return is_admin(user) or is_bhu(user) or is_compiler(user)


def can_run_round(user: User) -> bool:
    """Open, return, approve, reopen and close the reporting round: compilers, and
    administrators, who manage the portal anyway."""
    return is_compiler(user) or is_admin(user)


def develops_for(user: User, actor: Actor) -> bool:
    """Whether the user is a regional developer of this actor (submits its year)."""
    return is_developer(user) and actor.memberships.filter(user=user).exists()


def can_read_reports(user: User) -> bool:
    return can_read_all(user) or is_developer(user)


def editable_actors(user: User):
    """Actors whose entries this user may create, change and delete."""
    if not is_developer(user):
        return Actor.objects.none()
    return Actor.objects.filter(memberships__user=user)
