"""Programmes of study."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ProgrammeLevel


class Programme(models.Model):
    """A programme of study (e.g. BEng Mechatronics), taught by a kulliyyah."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ms = models.CharField(_("name in Malay"), max_length=200, blank=True)
    level = models.CharField(
        _("level"), max_length=12, choices=ProgrammeLevel.choices, default=ProgrammeLevel.BACHELOR
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("kulliyyah"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self) -> str:
        return self.name
