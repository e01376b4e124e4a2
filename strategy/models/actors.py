"""Actors, municipalities and who reports for whom: they outlive strategies."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Actor(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", "Region"
        MUNICIPAL_ASSOCIATION = "kommunalforbund", "Kommunalförbund"
        BUSINESS_COMPANY = "naringslivsbolag", "Näringslivsbolag"

    slug = models.SlugField("kortnamn i adresser", unique=True)
    short_name = models.CharField("kortnamn", max_length=40, unique=True)
    name = models.CharField("namn", max_length=200, unique=True)
    name_en = models.CharField("namn på engelska", max_length=200, blank=True)
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "aktör"
        verbose_name_plural = "aktörer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:actor", args=[self.slug])


class Municipality(models.Model):
    code = models.CharField("kommunkod", max_length=4, unique=True)
    name = models.CharField("namn", max_length=100, unique=True)
    county_code = models.CharField("länskod", max_length=2)
    association = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name="kommunalförbund",
        null=True,
        blank=True,
        limit_choices_to={"kind": Actor.Kind.MUNICIPAL_ASSOCIATION},
    )

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_four_digits"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ActorMembership(models.Model):
    """A user who reports for an actor (a regional developer of that actor)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="actor_memberships",
        verbose_name="användare",
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="memberships", verbose_name="aktör"
    )

    class Meta:
        verbose_name = "aktörstillhörighet"
        verbose_name_plural = "aktörstillhörigheter"
        constraints = [models.UniqueConstraint(fields=["user", "actor"], name="actor_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.actor.short_name}"
