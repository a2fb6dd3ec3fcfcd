"""Records of provision to third parties (APPI 第29条; imported by sousei.core.models, so they
belong to the core app). The service and the selectors are in `sousei.core.provision`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class DataCategory(models.TextChoices):
    """The kinds of personal data (個人データの項目) the program holds: what a provision record
    says was given, and what a breach concerns. One vocabulary for both."""

    NAME = "name", _("Name")
    CONTACT = "contact", _("Contact details (e-mail, phone)")
    ADDRESS = "address", _("Address")
    BIRTH_DATE = "birth_date", _("Date of birth and age")
    PROGRAM = "program", _("Program record (training, progress, outcome)")
    WORK = "work", _("Work record (assignments, hours)")
    INCOME = "income", _("Income and pay")
    RESIDENCE = "residence", _("Residence (still living in the region)")
    BANK = "bank", _("Bank account")
    CV = "cv", _("CV and work history")
    SENSITIVE = "sensitive", _("Sensitive data (health and other 要配慮個人情報)")
    CREDENTIALS = "credentials", _("Passwords and access credentials")
    OTHER = "other", pgettext_lazy("data category", "Other")


def category_labels(codes: list[str]) -> list[str]:
    """The readable names of data category codes (an unknown code as it is)."""
    labels = dict(DataCategory.choices)
    return [str(labels.get(code, code)) for code in codes]


class RecipientKind(models.TextChoices):
    """Who received the data (the third party, 第三者)."""

    MUNICIPALITY = "municipality", _("Municipality")
    CLIENT = "client", _("Client company")
    EMPLOYER = "employer", _("Employer")
    WEBHOOK = "webhook", _("Webhook endpoint")
    OTHER = "other", pgettext_lazy("recipient", "Other")


class ProvisionChannel(models.TextChoices):
    """How the data left: shown on a page, downloaded, or answered by the API."""

    PAGE = "page", _("Page view")
    CSV = "csv", _("CSV download")
    PDF = "pdf", _("PDF download")
    API = "api", _("API")


class ProvisionBasis(models.TextChoices):
    """Why the provision is lawful (APPI 第27条)."""

    CONSENT = "consent", _("The person's consent (art. 27(1))")
    LAW = "law", _("Required or permitted by law (art. 27(1) items)")
    CONTRACT = "contract", _("The person's work contract for the client's project (consent)")
    OTHER = "other", pgettext_lazy("basis", "Other")


class ProvisionRecord(RegionOwned):
    """One provision of personal data to a third party (提供記録, APPI 第29条, 規則第19条・第20条):
    when, to whom, by whom, how, on which basis, which kinds of data and about whom.

    A page view or export that shows many people is one record listing them all: continuous
    provision to the same recipient may be recorded in bulk (規則第19条第2項 ただし書). The
    people are rows of `ProvisionRecordPerson`, so "every record about this person" (the
    disclosure of 第33条第5項) is one indexed query. Kept three years (規則第21条), then
    deleted by `sousei provision-records-purge`."""

    provided_at = clock.DateTimeField(_("provided at"), default=clock.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("received by"),
    )
    recipient_kind = models.CharField(_("recipient"), max_length=16, choices=RecipientKind.choices)
    recipient_organization = models.ForeignKey(
        "core.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recipient organisation"),
    )
    # The recipient's name when it is written, so the record still says who received the
    # data after the organisation is renamed or removed (規則第20条: 第三者の氏名又は名称).
    recipient_name = models.CharField(_("recipient name"), max_length=200, blank=True)
    channel = models.CharField(_("how"), max_length=8, choices=ProvisionChannel.choices)
    basis = models.CharField(_("basis"), max_length=10, choices=ProvisionBasis.choices)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    # Where it left: a page or endpoint name such as "impact.people".
    source = models.CharField(_("page or export"), max_length=80)
    data_categories = models.JSONField(_("kinds of data"), default=list)
    person_count = models.PositiveIntegerField(_("people"), default=0)

    class Meta:
        ordering = ["-provided_at", "-id"]
        verbose_name = _("record of provision")
        verbose_name_plural = _("records of provision")
        indexes = [
            models.Index(fields=["region", "provided_at"]),
            models.Index(fields=["region", "recipient_kind", "provided_at"]),
        ]

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.data_categories)

    def __str__(self) -> str:
        return f"{self.source} → {self.recipient_name or self.recipient_kind} ({self.person_count})"


class ProvisionRecordPerson(RegionOwned):
    """One person whose data a provision record covers. `person_id` names a people.Person
    without a foreign key (core sits below people, and the record outlives an erased person:
    it must still show that the data was given)."""

    # The unique constraint below leads with the record, so it is the record's index too.
    record = models.ForeignKey(
        ProvisionRecord, on_delete=models.CASCADE, related_name="persons", db_index=False
    )
    person_id = models.BigIntegerField(_("person id"))

    class Meta:
        verbose_name = _("person in a record of provision")
        verbose_name_plural = _("people in records of provision")
        indexes = [models.Index(fields=["region", "person_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "person_id", "region"], name="provision_person_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.person_id}"
