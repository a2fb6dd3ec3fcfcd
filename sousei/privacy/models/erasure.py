"""Suspension of use and erasure of a person's data (APPI art. 35), with the records labour
law makes the operator keep (Labor Standards Act art. 109) restricted until their retention
ends. See docs/privacy-erasure.md."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned
from sousei.people.models import Person


class PersonPrivacy(RegionOwned):
    """Where one person stands: in use, suspended (利用停止) or erased (消去), and, for an
    erased person with wage ledger or time records, the identity those records must keep
    until `restricted_until` (restricted: not shown in normal lists, read only for a legal
    need). Absent for a person nobody asked about.

    `use_stopped` is the one flag the other apps read (through core.processing): true while
    suspended and for good once erased."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="privacy_state")
    use_stopped = models.BooleanField(_("use stopped"), default=False, db_index=True)
    suspended_at = models.DateTimeField(_("suspended at"), null=True, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    # The statutory records (wage ledger, time records) and the name they are kept under.
    restricted_until = models.DateField(_("records restricted until"), null=True, blank=True)
    retained_family_name = models.CharField(max_length=60, blank=True)
    retained_given_name = models.CharField(max_length=60, blank=True)
    retention_ended_at = models.DateTimeField(_("retention ended at"), null=True, blank=True)
    updated_at = clock.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person's privacy state")
        verbose_name_plural = _("persons' privacy states")
        constraints = [
            models.UniqueConstraint(fields=["region", "person"], name="person_privacy_unique")
        ]
        indexes = [
            models.Index(fields=["region", "restricted_until"], name="privacy_restricted_idx"),
        ]

    def __str__(self) -> str:
        return f"person {self.person_id}: {self.state}"

    @property
    def state(self) -> str:
        if self.erased_at is not None:
            return ErasureAction.ERASE.value
        if self.suspended_at is not None:
            return ErasureAction.SUSPEND.value
        return ErasureAction.RESUME.value

    @property
    def restricted(self) -> bool:
        return self.restricted_until is not None and self.retention_ended_at is None


class ErasureAction(models.TextChoices):
    SUSPEND = "suspend", pgettext_lazy("privacy action", "Use suspended")
    RESUME = "resume", pgettext_lazy("privacy action", "Use resumed")
    ERASE = "erase", pgettext_lazy("privacy action", "Erased")
    RETENTION_END = (
        "retention_end",
        pgettext_lazy("privacy action", "Retained records' identity erased"),
    )


class ErasureRecord(RegionOwned):
    """One suspension, resumption or erasure, by ids only (never the erased values). The
    same line goes to the journal outside the database (erasure/journal.py), from which a
    restore of an older backup replays the erasures."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    # The account, by id: the user row stays (anonymised), but the record must not depend on it.
    user_id_at_erasure = models.PositiveIntegerField(null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=ErasureAction.choices)
    at = clock.DateTimeField(_("at"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The privacy request it answers (privacy.PrivacyRequest), by id.
    request_id = models.PositiveIntegerField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    # A replay after a restore, not a new request.
    replayed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("erasure record")
        verbose_name_plural = _("erasure records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["region", "-at"], name="erasure_record_at_idx")]

    def __str__(self) -> str:
        return f"{self.action} person {self.person_id} at {self.at:%Y-%m-%d}"
