"""Regions (the tenants), organisations, memberships, audit entries, API tokens and
reference data (minimum wages); the outgoing messages of every app (core.outbox)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sousei.core import clock

# The outbox's model lives in its own package; imported here so Django finds it in core.
from sousei.core.outbox.models import MessageLanguage as MessageLanguage
from sousei.core.outbox.models import NotificationPreference as NotificationPreference
from sousei.core.outbox.models import OutboxMessage as OutboxMessage

# The records of provision to third parties (APPI 第29条), likewise.
from sousei.core.provision_models import ProvisionRecord as ProvisionRecord
from sousei.core.provision_models import ProvisionRecordPerson as ProvisionRecordPerson
from sousei.core.roles import Role
from sousei.core.scoping import RegionOwned

municipality_code_validator = RegexValidator(
    r"^\d{5}$",
    _("Enter the five-digit JIS X 0402 municipality code, e.g. 40223 for Koga City."),
)


def default_admitted_work_statuses() -> list[str]:
    """Who the digital-talent program admits unless a region says otherwise."""
    return ["part_time", "freelance"]


def default_closed_periods() -> list[str]:
    """Days the program's office is closed every year: the year-end holidays (年末年始)."""
    return ["12-29..01-03"]


class Region(models.Model):
    """A municipality running the program: the tenant. Keyed by its JIS X 0402 code."""

    code = models.CharField(
        _("municipality code"), max_length=5, unique=True, validators=[municipality_code_validator]
    )
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=60)
    name_kana = models.CharField(_("name (kana)"), max_length=60, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=60)
    prefecture = models.CharField(_("prefecture"), max_length=10)
    timezone = models.CharField(_("time zone"), max_length=40, default="Asia/Tokyo")
    admitted_work_statuses = models.JSONField(
        _("work statuses the program admits"), default=default_admitted_work_statuses
    )
    closed_periods = models.JSONField(
        _("closed every year (MM-DD..MM-DD)"), default=default_closed_periods, blank=True
    )
    # Pay (LSA art. 32, 35): the week the 40 hours count in starts on this weekday, and the
    # statutory weekly day off is this weekday (0 = Monday … 6 = Sunday), as the work rules say.
    pay_week_start = models.PositiveSmallIntegerField(
        _("pay week starts on (0 = Monday … 6 = Sunday)"),
        default=6,
        validators=[MaxValueValidator(6)],
    )
    statutory_day_off = models.PositiveSmallIntegerField(
        _("statutory weekly day off (0 = Monday … 6 = Sunday)"),
        default=6,
        validators=[MaxValueValidator(6)],
    )
    # The program office's contact (事務局), shown wherever a page tells a person to ask the
    # office, and in the footer of the region's pages. Text in Japanese with an English copy.
    office_name = models.CharField(_("office name"), max_length=120, blank=True)
    office_name_en = models.CharField(_("office name (English)"), max_length=120, blank=True)
    office_postal_code = models.CharField(
        _("office postal code"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{3}-?\d{4}$", _("Enter the postal code as 811-3192."))],
    )
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_address_en = models.CharField(_("office address (English)"), max_length=200, blank=True)
    office_phone = models.CharField(
        _("office phone"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(r"^[0-9+][0-9-]{5,19}$", _("Enter the phone number as 092-942-1111."))
        ],
    )
    office_email = models.EmailField(_("office e-mail"), blank=True)
    office_hours = models.CharField(_("office opening hours"), max_length=200, blank=True)
    office_hours_en = models.CharField(
        _("office opening hours (English)"), max_length=200, blank=True
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return f"{self.name_ja} ({self.code})"

    @property
    def local_name(self) -> str:
        """The name in the active language: 古賀市 in Japanese, Koga City in English."""
        english = (get_language() or "ja").startswith("en")
        return self.name_en if english and self.name_en else self.name_ja

    def _local(self, name: str) -> str:
        english = (get_language() or "ja").startswith("en")
        value: str = getattr(self, name)
        translated: str = getattr(self, f"{name}_en", "")
        return translated if english and translated else value

    @property
    def office_local_name(self) -> str:
        """The office's name in the active language (the Japanese one without English)."""
        return self._local("office_name")

    @property
    def office_local_address(self) -> str:
        return self._local("office_address")

    @property
    def office_local_hours(self) -> str:
        return self._local("office_hours")

    @property
    def has_office_contact(self) -> bool:
        """Whether the region has told how to reach its office (an address, phone or mail)."""
        return bool(self.office_address or self.office_phone or self.office_email)


class ThrottleCount(models.Model):
    """How many times one key (a scope and a client address or e-mail digest) was counted in
    the current window. Kept in the database, which every server process shares, so a limit
    holds across gunicorn workers; Django's default local-memory cache would count per
    process. Rows of lapsed windows are deleted whenever a new window begins."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("throttle count")
        verbose_name_plural = _("throttle counts")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class Organization(models.Model):
    """A company or public body taking part in programs; it may work in several regions."""

    class Kind(models.TextChoices):
        OPERATOR = "operator", _("Operator (staffing company)")
        MUNICIPALITY = "municipality", _("Municipality")
        SPACE_PARTNER = "space_partner", _("Space partner")
        TOOL_VENDOR = "tool_vendor", _("Tool vendor")
        CLIENT = "client", _("Client company")
        EMPLOYER = "employer", _("Employer (hiring company)")

    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    # The public profile an employer shows on its openings and offers.
    about = models.TextField(_("what the organisation does"), max_length=2000, blank=True)
    location = models.CharField(_("where it is"), max_length=200, blank=True)
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="organization_kind_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active language (the Japanese one when no English is on record)."""
        english = (get_language() or "ja").startswith("en")
        return self.name_en if english and self.name_en else self.name


# Organisations that may hire through the program's openings: every company, not a city.
EMPLOYER_KINDS = frozenset(
    {
        Organization.Kind.OPERATOR,
        Organization.Kind.EMPLOYER,
        Organization.Kind.CLIENT,
        Organization.Kind.SPACE_PARTNER,
        Organization.Kind.TOOL_VENDOR,
    }
)


class RegionOrganization(RegionOwned):
    """An organisation's part in one region's program."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("organization in region")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "organization"], name="region_organization_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} @ {self.region_id}"


class Membership(RegionOwned):
    """A user's role in a region. A user may hold several roles in several regions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "user", "role"], name="membership_region_user_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} @ {self.region_id}"


class AuditEntry(RegionOwned):
    """Who did what to which object, when, in which region. Written by services only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=40)
    changes = models.JSONField(_("details"), default=dict, blank=True)
    at = clock.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["region", "object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 digest is stored. It opens the API only
    while its user's password is the one it was issued under (`password_fingerprint`), so any
    password change (the admin, `changepassword`, a reset, set_password anywhere) revokes
    every token of the user without anyone having to remember to. Revoking one deletes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    # SHA-256 of the user's password hash when the token was issued; empty on tokens issued
    # before fingerprints existed, which therefore no longer open anything.
    password_fingerprint = models.CharField(max_length=64, default="", editable=False)
    created_at = clock.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"


class MinimumWage(models.Model):
    """A prefecture's minimum hourly wage from a date (最低賃金法 第9条・第14条)."""

    prefecture = models.CharField(_("prefecture"), max_length=10)
    amount_jpy = models.PositiveIntegerField(
        _("hourly amount (yen)"), validators=[MinValueValidator(1)]
    )
    effective_from = models.DateField(_("effective from"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["prefecture", "-effective_from"]
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        constraints = [
            models.UniqueConstraint(
                fields=["prefecture", "effective_from"], name="minimum_wage_prefecture_date_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefecture} ¥{self.amount_jpy:,} from {self.effective_from}"


class Invitation(RegionOwned):
    """An e-mailed link that lets someone into a region: they choose a password (or, with one
    already, sign in) and land on their home page. The roles it names were granted when it
    was sent; the link only lets the person in. Only the SHA-256 of the link's secret is
    stored; it works once (`accepted_at`), until `expires_at`, and a newer invitation of the
    same user in the region replaces it (`revoked_at`)."""

    email = models.EmailField(_("email"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    roles = models.JSONField(_("roles granted"), default=list)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("replaced at"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = clock.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["region", "user"])]

    def __str__(self) -> str:
        return f"{self.email} @ {self.region_id}"


class SignInLog(models.Model):
    """One sign-in, failed sign-in, sign-out or password change: when, from where, with what
    outcome. Not a tenant table, since signing in happens before any region: the members page
    shows the rows of the region's members, the account page one's own. A failed attempt
    keeps no password and, for a username that is no account, only a keyed hash of it (an
    address typed by mistake, or someone's password typed into the username field, must not
    sit in the table in clear)."""

    class Outcome(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        FAILED = "failed", _("Failed sign-in")
        SIGNED_OUT = "signed_out", _("Signed out")
        PASSWORD_SET = "password_set", _("Password set")
        PASSWORD_RESET_ASKED = "reset_asked", _("Password reset asked for")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_ins",
    )
    username_hash = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    at = clock.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("sign-in")
        verbose_name_plural = _("sign-ins")
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.outcome} {self.user_id}"
