"""Persons, their consents, applications to the digital-talent program and participants."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class WorkStatus(models.TextChoices):
    PART_TIME = "part_time", _("Part-time")
    FREELANCE = "freelance", _("Freelance")
    FULL_TIME = "full_time", _("Full-time employee")
    JOB_SEEKER = "job_seeker", _("Looking for work")
    STUDENT = "student", _("Student")
    OTHER = "other", _("Other")


class Person(RegionOwned):
    """A human's profile in one region: names with kana, birth date, contact and address.

    The only copy of a person: program applications, event registrations, candidacies and
    employees refer to it, so a privacy request (disclosure, correction, erasure) is answered
    in one place. Found by e-mail within the region (services.person_upsert). Only the names,
    kana and e-mail are always known; the rest is filled by whichever form asked for it (an
    event registration asks for no address, the program application for all of it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="persons",
    )
    family_name = models.CharField(_("family name"), max_length=60)
    given_name = models.CharField(_("given name"), max_length=60)
    family_name_kana = models.CharField(_("family name (kana)"), max_length=60)
    given_name_kana = models.CharField(_("given name (kana)"), max_length=60)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    # Stored in lower case by person_upsert; unique per region (see Meta).
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    prefecture = models.CharField(_("prefecture"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=40, blank=True)
    town = models.CharField(_("town"), max_length=80, blank=True)
    address_line = models.CharField(_("street address, building"), max_length=120, blank=True)
    municipality_code = models.CharField(_("municipality code"), max_length=5, blank=True)
    work_status = models.CharField(
        _("work status"), max_length=20, choices=WorkStatus.choices, blank=True
    )
    created_at = clock.DateTimeField(auto_now_add=True)
    updated_at = clock.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        # Prefix search of the intake desk (selectors.application_search). The pattern
        # operator classes let PostgreSQL use them for LIKE 'x%' under any collation.
        indexes = [
            models.Index(
                fields=["region", field],
                opclasses=["int8_ops", "varchar_pattern_ops"],
                name=f"person_{short}_prefix_idx",
            )
            for field, short in (
                ("family_name", "family"),
                ("given_name", "given"),
                ("family_name_kana", "family_kana"),
                ("given_name_kana", "given_kana"),
                ("email", "email"),
                ("phone", "phone"),
            )
        ]
        constraints = [
            # One person per e-mail and region, whatever the case the address was typed in.
            models.UniqueConstraint("region", Lower("email"), name="person_one_per_email_in_region")
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}"

    @property
    def address(self) -> str:
        return f"{self.prefecture}{self.city}{self.town}{self.address_line}"


class ConsentPurpose(models.TextChoices):
    PROGRAM = "program", _("Use of my data to run the program")
    SHARE_WITH_MUNICIPALITY = "share_with_municipality", _("Sharing my data with the city")


# The wording a person agreed to is versioned: a change of wording is a new version,
# so each consent can be traced to the exact text shown (個人情報保護法 第21条, 第27条).
CONSENT_WORDING_VERSION = "2026-11-01"


class Consent(RegionOwned):
    """A person's answer to one purpose of use, with the wording version and time."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=40, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("granted"))
    wording_version = models.CharField(_("wording version"), max_length=20)
    recorded_at = clock.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "person", "purpose", "wording_version"],
                name="consent_person_purpose_version_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose}={self.granted}"


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


# An application that still holds the person's place: another one for the same email waits.
ACTIVE_APPLICATION_STATUSES = (
    ApplicationStatus.SUBMITTED.value,
    ApplicationStatus.WAITLISTED.value,
    ApplicationStatus.ACCEPTED.value,
)


class Application(RegionOwned):
    """A resident's application to the digital-talent program and the operator's decision."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="applications")
    email = models.EmailField(_("email"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    weekly_hours_available = models.PositiveSmallIntegerField(_("hours available per week"))
    baseline_monthly_income_jpy = models.PositiveIntegerField(
        _("monthly income before the program (yen)")
    )
    motivation = models.TextField(_("motivation"), blank=True)
    submitted_at = clock.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    # The language the applicant applied in: the office writes to them in it.
    language = models.CharField(_("language"), max_length=8, default="ja")

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["region", "-submitted_at", "-id"], name="application_list_idx"),
            models.Index(
                fields=["region", "status", "-submitted_at", "-id"], name="application_status_idx"
            ),
        ]
        constraints = [
            # The database, not only the service, refuses a second active application.
            models.UniqueConstraint(
                fields=["region", "email"],
                condition=Q(status__in=ACTIVE_APPLICATION_STATUSES),
                name="application_one_active_per_email",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_status_display()})"


class ApplicationTally(RegionOwned):
    """How many of the region's applications are in one status.

    Kept by the intake services in the same transaction as each change, so the operator's
    list and the dashboards read their totals from a few rows instead of counting up to
    100,000 applications on every page view (see bench/applications_list.py)."""

    status = models.CharField(_("status"), max_length=20, choices=ApplicationStatus.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("application tally")
        verbose_name_plural = _("application tallies")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "status"], name="application_tally_region_status_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.status}: {self.count}"


class Participant(RegionOwned):
    """An accepted applicant: a member of the program."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="participant")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="participant"
    )
    joined_at = clock.DateTimeField(_("joined at"), auto_now_add=True)
    # The participant's profile as later steps leave it. Careers keeps these in the same
    # transaction as the outcome or evaluation it records, so that the ranking of project
    # candidates (projects) reads them here instead of reaching up into careers.
    lives_in_region = models.BooleanField(
        _("lives in the region"),
        null=True,
        blank=True,
        help_text=_("As the current career outcome says; empty until one is recorded."),
    )
    evaluation_mean = models.DecimalField(
        _("mean evaluation rating"), max_digits=3, decimal_places=2, null=True, blank=True
    )
    available_for_projects = models.BooleanField(
        _("available for projects"),
        default=True,
        help_text=_(
            "False once their career outcome says they left the program or work elsewhere."
        ),
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return str(self.person)
