"""One fingerprint of what the portal stores, to prove that something changed nothing."""

from django.apps import apps
from django.db.models import Model

# Whatever the portal's users and staff write: the apps' tables (with history and the
# many-to-many tables) and the accounts. Sessions, sign-in attempts and admin's log are
# left out: refusing a request may legitimately touch them.
APPS = ("auth", "strategy", "followup", "publications")


def app_models(labels: tuple[str, ...] = APPS) -> list[type[Model]]:
    return [
        model
        for label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def fingerprint(models: list[type[Model]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order, as the database returns it."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in (app_models() if models is None else models)
    }


def differences(before: dict[str, list[tuple]], after: dict[str, list[tuple]]) -> list[str]:
    """The tables whose rows differ, with how many rows before and after."""
    return [
        f"{label}: {len(before[label])} rader före, {len(after[label])} efter"
        for label in before
        if before[label] != after[label]
    ]
