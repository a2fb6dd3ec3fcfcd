"""The breach register (漏えい等事案の記録): incidents of leakage, loss or damage of personal
data, the reports to the Personal Information Protection Commission (APPI 第26条第1項,
規則第7条・第8条) and the notice to the people affected (第26条第2項, 規則第10条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.provision_models import category_labels
from sousei.core.scoping import RegionOwned


class BreachCause(models.TextChoices):
    MISDELIVERY = "misdelivery", _("Misdelivery (wrong recipient, e-mail or post)")
    LOSS = "loss", _("Loss or theft of a device or paper")
    UNAUTHORISED_ACCESS = "unauthorised_access", _("Unauthorised access")
    MALWARE = "malware", _("Malware or ransomware")
    INSIDER = "insider", _("Taken out by an insider")
    OTHER = "other", pgettext_lazy("breach cause", "Other")


class BreachStatus(models.TextChoices):
    OPEN = "open", _("Investigating")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", pgettext_lazy("breach status", "Closed")


class BreachIncident(RegionOwned):
    """One incident of leakage, loss or damage (漏えい等) of personal data in the region.

    The dates that matter are stored, not computed on reading, so the list can sort and mark
    overdue ones in the database: the preliminary report (速報) is due five days after
    discovery (規則第8条第1項 "速やかに"; the guidelines say about 3–5 days), the final report
    (確報) 30 days after, 60 when the breach may have been malicious (規則第8条第2項).
    `reportable` is the operator's decision (None while undecided); `rules.reportable_reasons`
    suggests it from the facts under 規則第7条."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what happened"), blank=True)
    discovered_at = models.DateTimeField(_("discovered at"))
    occurred_at = models.DateTimeField(_("occurred at"), null=True, blank=True)
    affected_persons = models.ManyToManyField(
        "people.Person",
        through="BreachAffectedPerson",
        related_name="+",
        verbose_name=_("people affected"),
    )
    # When the people are not (yet) known one by one: how many, as far as known.
    affected_count = models.PositiveIntegerField(
        _("number of people affected"), null=True, blank=True
    )
    data_categories = models.JSONField(_("kinds of data"), default=list)
    cause = models.CharField(_("cause"), max_length=24, choices=BreachCause.choices)
    cause_detail = models.CharField(_("cause in detail"), max_length=500, blank=True)
    malicious = models.BooleanField(_("may have been malicious (不正の目的)"), default=False)
    financial_risk = models.BooleanField(
        _("misuse may cause financial loss (財産的被害のおそれ)"), default=False
    )
    reportable = models.BooleanField(_("reportable to the PPC"), null=True, blank=True)
    preliminary_due_on = models.DateField(_("preliminary report due"))
    final_due_on = models.DateField(_("final report due"))
    preliminary_reported_on = models.DateField(
        _("preliminary report filed on"), null=True, blank=True
    )
    final_reported_on = models.DateField(_("final report filed on"), null=True, blank=True)
    people_notified_on = models.DateField(_("people notified on"), null=True, blank=True)
    notice_note = models.CharField(_("how the people were told"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BreachStatus.choices, default=BreachStatus.OPEN
    )
    # The last day a reminder went out, so the daily command reminds once a day.
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)
    updated_at = clock.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-discovered_at", "-id"]
        verbose_name = _("breach incident")
        verbose_name_plural = _("breach incidents")
        indexes = [models.Index(fields=["region", "status", "preliminary_due_on"])]

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.data_categories)

    def __str__(self) -> str:
        return self.title


class BreachAffectedPerson(RegionOwned):
    """A person known to be affected by an incident."""

    incident = models.ForeignKey(BreachIncident, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("person affected")
        verbose_name_plural = _("people affected")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "incident", "person"], name="breach_person_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.incident_id}: {self.person_id}"
