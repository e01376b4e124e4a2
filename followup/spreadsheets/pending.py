"""Uploaded rows waiting for their uploader's confirmation, kept in the database for a while.

The session only names the upload (its token); the rows, up to megabytes of them, live in
a `PendingImport` row that any worker can read, compressed. A user has at most one
pending import: a new upload replaces it. Every upload also removes whatever has expired,
so abandoned previews do not pile up. A preview whose plan is valid keeps that plan
beside the rows (`keep_plan`, its own column, so that neither is written or read twice),
for the confirmation to apply unless the data changed.
"""

import json
import secrets
import zlib
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from followup.models import PendingImport, ReportingYear
from strategy.models import Actor

from .plan import StoredPlan
from .upload import SheetRows

LIFETIME = timedelta(hours=2)
GONE = "Förhandsgranskningen finns inte längre. Ladda upp filen igen."
EXPIRED = (
    "Förhandsgranskningen har gått ut: en uppladdad fil väntar på bekräftelse i högst två timmar. "
    "Ingenting har sparats. Ladda upp filen igen."
)
BROKEN = (
    "Den uppladdade filen kunde inte läsas igen och har tagits bort. Ingenting har sparats. "
    "Ladda upp filen igen."
)


class PendingGone(Exception):
    """No pending import to show; the message is Swedish and meant for the user."""


@dataclass
class Pending:
    token: str
    actor: Actor
    reporting_year: ReportingYear
    plan: StoredPlan | None
    rows: bytes = field(repr=False)

    @cached_property
    def sheet(self) -> SheetRows:
        """The uploaded rows, read when first asked for: confirming a kept plan needs
        them only if the data changed and they must be planned again."""
        return SheetRows.from_stored(_decompressed(self.rows))


def _expired() -> Q:
    return Q(created_at__lt=timezone.now() - LIFETIME)


@transaction.atomic
def store(sheet: SheetRows, *, user: AbstractBaseUser, actor: Actor, reporting_year: ReportingYear) -> str:
    """Keep the rows under a new random token, which the preview's address carries."""
    PendingImport.objects.filter(Q(created_by=user) | _expired()).delete()
    token = secrets.token_urlsafe(32)
    PendingImport.objects.create(
        token=token,
        created_by=user,
        actor=actor,
        reporting_year=reporting_year,
        rows=_compressed(sheet.to_stored()),
    )
    return token


def _compressed(data: dict) -> bytes:
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode())


def _decompressed(data: bytes | memoryview) -> object:
    return json.loads(zlib.decompress(bytes(data)))


def keep_plan(waiting: Pending, plan: StoredPlan | None, *, user: AbstractBaseUser) -> None:
    """Keep the plan the preview showed beside the rows it was planned from, replacing an
    earlier preview's; None when this preview's plan may not be applied as it is."""
    kept = _compressed(plan.to_stored()) if plan is not None else None
    PendingImport.objects.filter(token=waiting.token, created_by=user).update(plan=kept)


def load(token: str, *, user: AbstractBaseUser, rows: bool = True) -> Pending:
    """The user's pending import under `token`, or PendingGone saying why there is none.

    With `rows=False` and a kept plan, the rows are left unread until asked for (the
    preview that kept the plan read them). One that has expired, or whose stored rows
    cannot be read back, is removed, so that reloading the page cannot fail the same way again.
    """
    stored = (
        PendingImport.objects.select_related("actor", "reporting_year__strategy")
        .filter(token=token, created_by=user)
        .first()
    )
    if stored is None:
        raise PendingGone(GONE)
    if stored.created_at < timezone.now() - LIFETIME:
        stored.delete()
        raise PendingGone(EXPIRED)
    try:
        plan = StoredPlan.from_stored(_decompressed(stored.plan)) if stored.plan is not None else None
        waiting = Pending(
            token=token,
            actor=stored.actor,
            reporting_year=stored.reporting_year,
            plan=plan,
            rows=bytes(stored.rows),
        )
        if rows or plan is None:
            waiting.sheet  # noqa: B018 (read now, so that rows that cannot be read are removed here)
    except (zlib.error, ValueError):  # JSON and UTF-8 decoding errors are ValueErrors too
        stored.delete()
        raise PendingGone(BROKEN) from None
    return waiting


def discard(token: str, *, user: AbstractBaseUser) -> None:
    PendingImport.objects.filter(token=token, created_by=user).delete()
