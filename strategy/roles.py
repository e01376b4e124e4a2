"""The portal's roles, in one place.

- Regionutvecklare: a member of the group, belonging to one or more actors through
  ActorMembership; enters and changes those actors' figures.
- BHU: a member of the group; reads everything that is reported, changes nothing.
- Administrator: Django staff; reads everything and manages the portal in admin.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from .models import Actor

DEVELOPER_GROUP = "Regionutvecklare"
BHU_GROUP = "BHU"

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


def is_admin(user: User) -> bool:
    return user.is_authenticated and user.is_staff


def can_read_all(user: User) -> bool:
    """BHU members and administrators see every reported entry."""
    return is_admin(user) or is_bhu(user)


def can_read_reports(user: User) -> bool:
    return can_read_all(user) or is_developer(user)


def editable_actors(user: User):
    """Actors whose entries this user may create, change and delete."""
    if not is_developer(user):
        return Actor.objects.none()
    return Actor.objects.filter(memberships__user=user)
