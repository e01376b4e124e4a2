"""The round's mails, in Swedish, each with an absolute link to the page it is about.

Links are built from the request's own address when there is one (`base_url`), else from
the SITE_URL setting (the reminders command has no request).
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.utils import dateformat, translation

from followup.write_rule import genitive
from strategy import roles
from strategy.models import Actor

from .models import ActorYear, ReportingRound

SIGNATURE = "\n\nHälsningar\nVG2020 uppföljning\n(Det här brevet skickades automatiskt.)"


def swedish_date(day: date) -> str:
    """ "15 mars 2024", whatever language the process runs in (the reminders run from cron)."""
    with translation.override("sv"):
        return dateformat.format(day, "j F Y")


def absolute(path: str, base_url: str = "") -> str:
    return (base_url or settings.SITE_URL).rstrip("/") + path


def _addresses(users) -> list[str]:
    return sorted({user.email for user in users.filter(is_active=True).exclude(email="")})


def compiler_addresses() -> list[str]:
    return _addresses(get_user_model().objects.filter(groups__name=roles.COMPILER_GROUP))


def developer_addresses(actor: Actor) -> list[str]:
    users = get_user_model().objects.filter(
        groups__name=roles.DEVELOPER_GROUP, actor_memberships__actor=actor
    )
    return _addresses(users)


def _send(subject: str, body: str, recipients: list[str]) -> int:
    """One mail per recipient, so nobody sees the others' addresses."""
    if not recipients:
        return 0
    messages = [(subject, body + SIGNATURE, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return send_mass_mail(messages, fail_silently=False)


def status_changed(actor_year: ActorYear, action: str, comment: str, *, base_url: str = "") -> int:
    """The mail that goes with a change: submit to the compilers; return, approve and
    reopen to the actor's developers."""
    year, actor = actor_year.round.reporting_year.year, actor_year.actor
    link = absolute(actor_year.get_absolute_url(), base_url)
    quoted = f"\n\nKommentar:\n{comment}" if comment else ""
    if action == "submit":
        subject = f"{actor.short_name} har lämnat in {year}"
        body = f"{actor.name} har lämnat in sina uppgifter för {year}. Granska dem här:\n{link}{quoted}"
        return _send(subject, body, compiler_addresses())
    texts = {
        "return": (
            f"{genitive(actor.short_name)} uppgifter för {year} har skickats tillbaka",
            f"Sammanställaren har skickat tillbaka {genitive(actor.name)} uppgifter för {year}. "
            f"Rätta dem och lämna in igen:\n{link}",
        ),
        "approve": (
            f"{genitive(actor.short_name)} uppgifter för {year} är godkända",
            f"Sammanställaren har godkänt {genitive(actor.name)} uppgifter för {year}:\n{link}",
        ),
        "reopen": (
            f"{genitive(actor.short_name)} uppgifter för {year} är öppnade igen",
            f"Sammanställaren har öppnat {genitive(actor.name)} uppgifter för {year} igen. "
            f"Gör ändringarna och lämna in igen:\n{link}",
        ),
    }
    subject, body = texts[action]
    return _send(subject, body + quoted, developer_addresses(actor))


def reminder(round_: ReportingRound, actor: Actor, *, overdue: bool) -> list[str]:
    """A reminder to an actor's developers to submit; returns the addresses it went to."""
    year, deadline = round_.reporting_year.year, round_.deadline
    link = absolute(round_.get_absolute_url())
    when = swedish_date(deadline)
    if overdue:
        subject = f"Påminnelse: {genitive(actor.short_name)} uppgifter för {year} är inte inlämnade"
        body = (
            f"Sista dagen att lämna in uppgifterna för {year} var {when}. {actor.name} har inte lämnat in än."
        )
    else:
        subject = f"Påminnelse: lämna in {year} för {actor.short_name} senast {when}"
        body = f"Uppgifterna för {year} ska vara inlämnade senast {when}. {actor.name} har inte lämnat in än."
    recipients = developer_addresses(actor)
    _send(subject, f"{body}\n\nLägg in och lämna in här:\n{link}", recipients)
    return recipients
