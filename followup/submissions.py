"""One-time keys that make a repeated POST of a form change nothing.

Every form page that writes carries a fresh random key in a hidden field (`FIELD`). The
write claims the key inside its own transaction by inserting a row with that unique key:

- a second POST of the same page (a double click, a reload, back and send again) finds
  the key taken and is sent to where the first one led, with a message;
- while the first is still running, the second one's insert waits on the unique index
  (PostgreSQL) or on the write lock (SQLite) until the first commits;
- a write that fails rolls its claim back with it, so the corrected form can be sent
  with the same key.

A POST without a key (a page loaded before the keys existed, a script) is written as
before: the key protects people from their own double clicks, not the server from clients.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import SubmissionToken

FIELD = "submission_key"
ALREADY_SENT = "Formuläret var redan skickat. Det sparades en gång; här är resultatet."
# Keys are kept this long; a page sent again later than that counts as a new submission.
KEPT_FOR = timedelta(days=1)


class AlreadySubmitted(Exception):
    """This key was claimed by an earlier POST; `result_url` is where that one led."""

    def __init__(self, result_url: str) -> None:
        super().__init__(result_url)
        self.result_url = result_url


def new_key() -> str:
    return secrets.token_urlsafe(24)


class KeyField(forms.CharField):
    """The hidden field that carries a page's key; a fresh one on every page that is not a resend."""

    def __init__(self, **kwargs) -> None:
        super().__init__(widget=forms.HiddenInput, required=False, max_length=64, initial=new_key, **kwargs)


@contextmanager
def claimed(key: str, *, user: AbstractBaseUser) -> Iterator[SubmissionToken]:
    """Run the write in the block at most once per key, in one transaction with the claim.

    Set `result_url` on the yielded token to where the write leads; it is stored when the
    block ends. Raises AlreadySubmitted when the key was claimed before. An empty key
    claims nothing (the token is never stored).
    """
    with transaction.atomic():
        token = _claim(key, user=user) if key else SubmissionToken(key="", user=user)
        yield token
        if token.pk is not None:
            token.save(update_fields=["result_url"])


def _claim(key: str, *, user: AbstractBaseUser) -> SubmissionToken:
    try:
        with transaction.atomic():
            token = SubmissionToken.objects.create(key=key, user=user)
    except IntegrityError:
        earlier = SubmissionToken.objects.filter(key=key, user=user).first()
        # Someone else's key (it cannot be guessed, so a forged page): refused the same way,
        # without saying where their form led.
        raise AlreadySubmitted(earlier.result_url if earlier else "") from None
    SubmissionToken.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()
    return token
