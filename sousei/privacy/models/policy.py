"""The privacy policy (プライバシーポリシー) of a region, in versions.

APPI asks the operator to make the purposes of use known (art. 21) and to publish the
required matters (art. 32); a change of wording is a new version, never an edit, so every
consent (people.Consent.wording_version) can be traced to the text the person agreed to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class PolicyVersion(RegionOwned):
    """One version of a region's privacy policy, in force from `effective_from` until the
    next version's date. `version` is the wording version consents record ("2026-11-01")."""

    version = models.CharField(_("version"), max_length=20)
    effective_from = models.DateField(_("in force from"))
    title_ja = models.CharField(_("title (Japanese)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=120)
    body_ja = models.TextField(_("text (Japanese)"))
    body_en = models.TextField(_("text (English)"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_at = clock.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("privacy policy version")
        verbose_name_plural = _("privacy policy versions")
        ordering = ["-effective_from", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "version"], name="policy_version_unique_in_region"
            )
        ]

    def __str__(self) -> str:
        return f"privacy policy {self.version}"

    def title(self, language: str) -> str:
        return self.title_en if language == "en" else self.title_ja

    def body(self, language: str) -> str:
        return self.body_en if language == "en" else self.body_ja
