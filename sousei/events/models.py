"""Events and internships: workation internships, recruiting events and info sessions with
their itinerary, the registrations (places and the waitlist), attendance and surveys."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core import clock
from sousei.core.scoping import RegionOwned


class EventKind(models.TextChoices):
    WORKATION_INTERNSHIP = "workation_internship", _("Workation internship")
    RECRUITING_EVENT = "recruiting_event", _("Recruiting event")
    INFO_SESSION = "info_session", _("Info session")
    ONLINE_SESSION = "online_session", _("Online session")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", pgettext_lazy("event", "Cancelled")


# The purpose-of-use wording shown beside the consent box is versioned like the intake
# consents of sousei.people: a change of wording is a new version, so every registration can
# be traced to the exact text the person agreed to (個人情報保護法 第21条).
REGISTRATION_CONSENT_VERSION = "2026-11-24"


class Event(RegionOwned):
    """A workation internship, recruiting event, info session or online session.

    Places are counted from the registrations that hold one (confirmed or offered); the
    registration service locks this row while it counts, so places are never oversold.
    The event is held in a space resource (booked for its whole time, see `booking`), at a
    named venue, or online (`online_url`)."""

    kind = models.CharField(_("kind"), max_length=24, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"), validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    booking = models.OneToOneField(
        "spaces.Booking",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event",
        verbose_name=_("space booking"),
    )
    venue = models.CharField(_("venue"), max_length=160, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    audience_graduation_year = models.PositiveSmallIntegerField(
        _("for students graduating in"), null=True, blank=True
    )
    lodging_notes = models.TextField(_("lodging notes"), blank=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a waitlist offer"),
        default=48,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)
    updated_at = clock.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["region", "status", "starts_at"], name="event_status_start_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityKind(models.TextChoices):
    WORK_SESSION = "work_session", _("Work session at the space")
    COMPANY_VISIT = "company_visit", _("Local company visit")
    NATURE = "nature", _("Nature experience")
    LECTURE = "lecture", _("Talk or workshop")
    NETWORKING = "networking", _("Networking with locals")
    MEAL = "meal", _("Meal")
    TRAVEL = "travel", _("Travel")
    OTHER = "other", _("Other")


class ItineraryItem(RegionOwned):
    """One activity of an event's programme (an internship's day by day)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="itinerary")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    activity = models.CharField(_("activity"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=160)
    place = models.CharField(_("place"), max_length=160, blank=True)

    class Meta:
        ordering = ["event", "starts_at", "id"]
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary items")

    def __str__(self) -> str:
        return self.title


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")
    EXPIRED = "expired", _("Offer expired")


# Registrations holding a place: an offered place is kept for its registrant until the offer
# expires, so it counts against the capacity.
PLACE_HOLDING_STATUSES = (RegistrationStatus.CONFIRMED.value, RegistrationStatus.OFFERED.value)
ACTIVE_STATUSES = (*PLACE_HOLDING_STATUSES, RegistrationStatus.WAITLISTED.value)


def new_registration_token() -> str:
    return secrets.token_urlsafe(24)


def new_checkin_code() -> str:
    # Shown as text and QR to the registrant; typed by staff at the door. No 0/O/1/I.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


class Registration(RegionOwned):
    """A person's place at an event, or their place on its waitlist.

    Who registered is `person` (people.Person, found by e-mail in the region): the names,
    kana and e-mail live there only. The school and graduation year are kept here, as the
    registrant gave them for this event.

    The registrant manages it through the secret `token` link (cancel, confirm an offer,
    calendar file, survey); staff check them in with `checkin_code`. `waitlist_position` is
    1, 2, … for waitlisted registrations and kept dense by the services under the event lock.
    """

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="event_registrations",
        verbose_name=_("person"),
    )
    university = models.CharField(_("university or school"), max_length=120, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("graduation year"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ja")
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, db_index=True
    )
    waitlist_position = models.PositiveIntegerField(_("waitlist position"), null=True, blank=True)
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(
        pgettext_lazy("registration", "cancelled at"), null=True, blank=True
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_wording_version = models.CharField(_("consent wording version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"))
    token = models.CharField(max_length=64, default=new_registration_token, editable=False)
    checkin_code = models.CharField(
        _("check-in code"), max_length=12, default=new_checkin_code, editable=False
    )
    created_at = clock.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["region", "event", "status"], name="registration_event_idx"),
            models.Index(
                fields=["region", "status", "offer_expires_at"], name="registration_offer_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["region", "token"], name="registration_token_unique"),
            models.UniqueConstraint(
                fields=["region", "checkin_code"], name="registration_checkin_code_unique"
            ),
            # One live registration per person (that is, per e-mail) and event; after a
            # cancellation one may register again.
            models.UniqueConstraint(
                fields=["region", "event", "person"],
                condition=Q(status__in=ACTIVE_STATUSES),
                name="registration_one_active_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.event_id}"

    @property
    def holds_place(self) -> bool:
        return self.status in PLACE_HOLDING_STATUSES


class SurveyResponse(RegionOwned):
    """A registrant's answer to the post-event survey: a 1–5 rating and comments."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="survey_response"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="survey_responses")
    rating = models.PositiveSmallIntegerField(
        _("overall rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comments = models.TextField(_("comments"), blank=True)
    interested_in_jobs = models.BooleanField(
        _("interested in location-free jobs in the region"), default=False
    )
    submitted_at = clock.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="survey_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.rating}"
