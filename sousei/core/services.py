"""Writes of the core: regions, memberships, reference data."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import TextChoices
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from sousei.core import municipalities
from sousei.core.accounts import (
    GRANTABLE_ROLES,
    account_for_email,
    email_normalise,
    invitation_send,
)
from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import (
    Invitation,
    Membership,
    MinimumWage,
    Organization,
    Region,
    RegionOrganization,
)
from sousei.core.outbox.kinds import kind_labels_register
from sousei.core.roles import Role

MINIMUM_WAGES_CSV = Path(__file__).parent / "data" / "minimum_wages.csv"


class CoreKind(TextChoices):
    """The messages core sends through the outbox."""

    INVITATION = "invitation", _("Invitation")
    PASSWORD_RESET = "password_reset", _("Password reset")


def register_kinds() -> None:
    kind_labels_register(CoreKind)


def region_create(
    *,
    code: str,
    slug: str | None = None,
    name_en: str | None = None,
    actor: User | None = None,
) -> Region:
    """Create the region for a JIS X 0402 municipality code (any of the 1,741, a designated
    city or a Tokyo special ward included), named from core/data/municipalities.csv.

    Idempotent: an existing region with the code is returned unchanged."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    found = municipalities.municipality(code)
    if found is None:
        raise ValidationError({"code": _unknown_code_error(code)})
    with transaction.atomic():
        region = Region.objects.create(
            code=found.code,
            slug=slug or _default_slug(found),
            name_ja=found.name_ja,
            name_kana=found.name_kana,
            name_en=name_en or found.name_en,
            prefecture=found.prefecture,
        )
        audit_record(
            region=region,
            actor=actor,
            action="region.create",
            obj=region,
            changes={"code": found.code, "name_ja": found.name_ja, "name_en": region.name_en},
        )
    return region


def _unknown_code_error(code: str) -> ValidationError:
    """Why the code is refused, naming the designated city when it is one of its wards."""
    for city in municipalities.all_municipalities():
        if code in city.ward_codes:
            message = _(
                "%(code)s is a ward of %(city)s; the region is the whole city. "
                "Use the city's code %(city_code)s."
            )
            return ValidationError(
                message, params={"code": code, "city": city.name_ja, "city_code": city.code}
            )
    message = _(
        "No municipality has the code %(code)s. Use the five-digit JIS X 0402 code, "
        "e.g. 40223 for Koga City, or search by name with sousei find-municipality."
    )
    return ValidationError(message, params={"code": code})


def _default_slug(found: municipalities.Municipality) -> str:
    """munakata for 宗像市; the code when two regions would share a slug (府中市 ×2)."""
    slug = slugify(found.name_en.rsplit(" ", 1)[0]) or found.code
    return found.code if Region.objects.filter(slug=slug).exists() else slug


def membership_grant(
    *,
    region: Region,
    user: User,
    role: str,
    organization: Organization | None = None,
    actor: User | None = None,
) -> Membership:
    """Give a user a role in a region (idempotent)."""
    if role not in Role.values:
        message = _("Unknown role %(role)s. Use one of: %(roles)s.")
        raise ValidationError(
            {
                "role": ValidationError(
                    message, params={"role": role, "roles": ", ".join(Role.values)}
                )
            }
        )
    if role == Role.EMPLOYER and organization is None:
        raise ValidationError(
            {
                "organization": ValidationError(
                    _("Employer staff act for one company: name the organisation."),
                    code="required",
                )
            }
        )
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            region=region, user=user, role=role, defaults={"organization": organization}
        )
        if created:
            audit_record(
                region=region,
                actor=actor,
                action="membership.grant",
                obj=membership,
                changes={"user": user.get_username(), "role": role},
            )
    return membership


def organization_profile_update(
    *,
    region: Region,
    organization: Organization,
    about: str,
    location: str,
    website: str,
    actor: User,
) -> Organization:
    """Change an organisation's public profile (what it does, where, its website), audited in
    the region where it was changed."""
    about, location, website = about.strip(), location.strip(), website.strip()
    errors: dict[str, ValidationError] = {}
    if len(about) > 2000:
        errors["about"] = ValidationError(
            _("Describe the work in at most 2,000 characters; shorten it."), code="max_length"
        )
    if len(location) > 200:
        errors["location"] = ValidationError(
            _("Give the place in at most 200 characters, e.g. 福岡県古賀市天神."), code="max_length"
        )
    if website and not website.startswith(("https://", "http://")):
        errors["website"] = ValidationError(
            _("The website address starts with https://."), code="scheme"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Organization.objects.select_for_update().get(pk=organization.pk)
        changes = {
            name: [getattr(locked, name), value]
            for name, value in (("about", about), ("location", location), ("website", website))
            if getattr(locked, name) != value
        }
        locked.about, locked.location, locked.website = about, location, website
        locked.save(update_fields=["about", "location", "website"])
        audit_record(
            region=region,
            actor=actor,
            action="organization.profile",
            obj=locked,
            changes=changes,
        )
    return locked


def organization_join_region(
    *, organization: Organization, region: Region, actor: User | None = None
) -> RegionOrganization:
    """Make an organisation part of a region's program (idempotent; audited when new)."""
    with transaction.atomic():
        link, created = RegionOrganization.objects.get_or_create(
            region=region, organization=organization
        )
        if created:
            audit_record(
                region=region,
                actor=actor,
                action="organization.join",
                obj=link,
                changes={"organization": organization.name, "kind": organization.kind},
            )
    return link


@dataclass(frozen=True)
class WageLoadResult:
    created: int
    updated: int


def minimum_wages_load(*, path: Path = MINIMUM_WAGES_CSV) -> WageLoadResult:
    """Load (or update) the dated minimum-wage table from a CSV file:
    prefecture,amount_jpy,effective_from,source."""
    created = updated = 0
    with path.open(encoding="utf-8") as handle, transaction.atomic():
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                amount = int(row["amount_jpy"])
                effective_from = date.fromisoformat(row["effective_from"])
            except (KeyError, ValueError) as error:
                raise ValidationError(
                    _(
                        "%(path)s line %(line)s: %(error)s. Each line needs prefecture, "
                        "amount_jpy (whole yen) and effective_from (YYYY-MM-DD)."
                    ),
                    params={"path": path.name, "line": line, "error": error},
                ) from None
            _wage, was_created = MinimumWage.objects.update_or_create(
                prefecture=row["prefecture"].strip(),
                effective_from=effective_from,
                defaults={"amount_jpy": amount, "source": row.get("source", "").strip()},
            )
            created += was_created
            updated += not was_created
    return WageLoadResult(created=created, updated=updated)


CLOSED_PERIOD_RE = re.compile(r"^(\d{2})-(\d{2})\.\.(\d{2})-(\d{2})$")


def region_calendar_set(
    *,
    region: Region,
    closed_periods: list[str],
    pay_week_start: int,
    statutory_day_off: int,
    actor: User | None = None,
) -> Region:
    """Set the region's yearly closure (年末年始: ["12-29..01-03"]) and its pay week: the
    weekday the 40-hour week starts on and the statutory day off (LSA art. 32, 35;
    0 = Monday … 6 = Sunday). Audited when something changes."""
    errors: dict[str, list[ValidationError]] = {}
    for text in closed_periods:
        match = CLOSED_PERIOD_RE.match(text)
        valid = match is not None
        if match is not None:
            try:
                date(2000, int(match.group(1)), int(match.group(2)))
                date(2000, int(match.group(3)), int(match.group(4)))
            except ValueError:
                valid = False
        if not valid:
            message = _(
                "%(text)s is not a closed period. Write it as MM-DD..MM-DD, e.g. 12-29..01-03."
            )
            errors.setdefault("closed_periods", []).append(
                ValidationError(message, params={"text": text})
            )
    for field, value in (
        ("pay_week_start", pay_week_start),
        ("statutory_day_off", statutory_day_off),
    ):
        if not 0 <= value <= 6:
            message = _("Give the weekday as a number from 0 (Monday) to 6 (Sunday).")
            errors.setdefault(field, []).append(ValidationError(message))
    if errors:
        raise ValidationError(errors)
    wanted: dict[str, object] = {
        "closed_periods": list(closed_periods),
        "pay_week_start": pay_week_start,
        "statutory_day_off": statutory_day_off,
    }
    with transaction.atomic():
        region = Region.objects.select_for_update().get(pk=region.pk)
        changes = {k: v for k, v in wanted.items() if getattr(region, k) != v}
        if changes:
            for key, new in changes.items():
                setattr(region, key, new)
            region.save(update_fields=list(changes))
            audit_record(
                region=region, actor=actor, action="region.calendar", obj=region, changes=changes
            )
    return region


OFFICE_FIELDS = (
    "office_name",
    "office_name_en",
    "office_postal_code",
    "office_address",
    "office_address_en",
    "office_phone",
    "office_email",
    "office_hours",
    "office_hours_en",
)


def region_office_set(*, region: Region, values: dict[str, str], actor: User | None) -> Region:
    """Set how people reach the region's program office (事務局): its name, postal code,
    address, phone, e-mail and opening hours, in Japanese with an English copy. Fields not in
    `values` keep their value. Audited (`region.office`) when something changes."""
    wanted = {name: str(values[name]).strip() for name in OFFICE_FIELDS if name in values}
    errors: dict[str, list[ValidationError]] = {}
    for name, value in wanted.items():
        if "\x00" in value:
            errors.setdefault(name, []).append(
                ValidationError(_("Remove the null character (NUL) from the text."), code="null")
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        region = Region.objects.select_for_update().get(pk=region.pk)
        changes = {k: [getattr(region, k), v] for k, v in wanted.items() if getattr(region, k) != v}
        if not changes:
            return region
        for key, (_old, new) in changes.items():
            setattr(region, key, new)
        region.clean_fields(exclude=[f.name for f in Region._meta.fields if f.name not in changes])
        region.save(update_fields=list(changes))
        audit_record(
            region=region, actor=actor, action="region.office", obj=region, changes=changes
        )
    return region


def organization_ensure(
    *, region: Region, name: str, kind: str, actor: User | None = None
) -> Organization:
    """The organisation of this kind and name (created when new), part of the region's
    program. Idempotent."""
    name = name.strip()
    if not name:
        raise ValidationError({kind: ValidationError(_("Enter the organisation's name."))})
    with transaction.atomic():
        organization, created = Organization.objects.get_or_create(name=name, kind=kind)
        if created:
            audit_record(
                region=region,
                actor=actor,
                action="organization.create",
                obj=organization,
                changes={"name": name, "kind": kind},
            )
        organization_join_region(organization=organization, region=region, actor=actor)
    return organization


def operator_invite(
    *, region: Region, organization: Organization, email: str, actor: User | None = None
) -> tuple[User, bool]:
    """Give the person with this address the operator role in the region (an account with no
    password yet if they have none) and e-mail them, in Japanese, an invitation.

    Idempotent: someone who already is an operator of the region is not invited again.
    Returns the user and whether an invitation was sent."""
    address = email_normalise(email, field="admin_email")
    with transaction.atomic():
        user = account_for_email(email=address)
        already = Membership.objects.filter(region=region, user=user, role=Role.OPERATOR).exists()
        membership_grant(
            region=region, user=user, role=Role.OPERATOR, organization=organization, actor=actor
        )
        if already:
            return user, False
        _invitation_queue(region=region, organization=organization.name, user=user, actor=actor)
        audit_record(
            region=region,
            actor=actor,
            action="operator.invite",
            obj=user,
            changes={"email": address, "organization": organization.name},
        )
    return user, True


def _invitation_queue(*, region: Region, organization: str, user: User, actor: User | None) -> None:
    """The operator's invitation, in Japanese (the program's language)."""
    with translation.override("ja"):
        note = gettext(
            "You have been made an operator of the %(region)s program for %(organization)s."
        ) % {"region": region.name_ja, "organization": organization}
    invitation_send(
        region=region, user=user, roles=[Role.OPERATOR], actor=actor, language="ja", note=note
    )


def operator_invitation_resend(*, region: Region, email: str, actor: User | None = None) -> User:
    """Send an operator of the region who has not set a password yet a new invitation (the
    first one expired or was lost); the new link works once, for as long as the first did.
    Refused for an address that is not an operator of the region, and for an operator who
    has set a password already (they sign in, or reset it from the sign-in page)."""
    address = User.objects.normalize_email(email.strip()).lower()
    with transaction.atomic():
        membership = (
            Membership.objects.filter(
                region=region, role=Role.OPERATOR, user__email__iexact=address
            )
            .select_related("user", "organization")
            .order_by("pk")
            .first()
        )
        if membership is None:
            message = _(
                "%(email)s is not an operator of %(region)s. Check the address, or onboard the "
                "region again with it to invite them."
            )
            raise ValidationError(
                {
                    "admin_email": ValidationError(
                        message,
                        code="not_an_operator",
                        params={"email": address, "region": region.name_ja},
                    )
                }
            )
        user = membership.user
        if user.has_usable_password():
            message = _(
                "%(email)s has already set a password and can sign in. If it is forgotten, "
                "they can choose a new one from the sign-in page."
            )
            raise ValidationError(
                {
                    "admin_email": ValidationError(
                        message, code="password_set", params={"email": address}
                    )
                }
            )
        organization = membership.organization
        _invitation_queue(
            region=region,
            organization=organization.name if organization is not None else region.name_ja,
            user=user,
            actor=actor,
        )
        audit_record(
            region=region,
            actor=actor,
            action="operator.invite_resend",
            obj=user,
            changes={"email": address},
        )
    return user


def member_invite(
    *,
    region: Region,
    email: str,
    roles: list[str],
    actor: User,
    organization: Organization | None = None,
) -> Invitation:
    """Give the person with this address the roles in the region (an account with no
    password yet when they have none) and e-mail them an invitation. Audited."""
    address = email_normalise(email)
    wanted = sorted(set(roles))
    if not wanted or any(role not in GRANTABLE_ROLES for role in wanted):
        raise ValidationError(
            {"roles": ValidationError(_("Choose at least one role to give."), code="required")}
        )
    with transaction.atomic():
        user = account_for_email(email=address)
        for role in wanted:
            membership_grant(
                region=region, user=user, role=role, organization=organization, actor=actor
            )
        return invitation_send(region=region, user=user, roles=wanted, actor=actor)


def membership_revoke(*, region: Region, user: User, role: str, actor: User) -> None:
    """Take a role in the region away from a user. Refused for the last operator of the
    region (somebody must be left to run it). Audited (`membership.revoke`)."""
    with transaction.atomic():
        operators = list(
            Membership.objects.select_for_update()
            .filter(region=region, role=Role.OPERATOR)
            .values_list("user_id", flat=True)
        )
        membership = (
            Membership.objects.select_for_update()
            .filter(region=region, user=user, role=role)
            .first()
        )
        if membership is None:
            raise ValidationError(
                {"role": ValidationError(_("This person does not hold that role here."))}
            )
        if role == Role.OPERATOR and operators == [user.pk]:
            raise Conflict(
                _(
                    "This is the region's last operator: give someone else the operator role "
                    "first, so that somebody can still run the program."
                )
            )
        membership.delete()
        audit_record(
            region=region,
            actor=actor,
            action="membership.revoke",
            obj=user,
            changes={"user": user.get_username(), "role": role},
        )


def account_invite(
    *,
    region: Region,
    user: User | None,
    email: str,
    role: str,
    actor: User | AnonymousUser | None,
    language: str | None = None,
    first_name: str = "",
    last_name: str = "",
    only_without_password: bool = False,
) -> User:
    """The account of someone the program takes in (an accepted applicant, a hire): `user`,
    else the account with the address, else a new one with no password; given `role` in the
    region; and invited (in `language`) unless `only_without_password` and they can sign in
    already. Inside the caller's transaction; the grant and the invitation are audited."""
    with transaction.atomic():
        if user is None:
            user = account_for_email(email=email, first_name=first_name, last_name=last_name)
        membership_grant(
            region=region,
            user=user,
            role=role,
            actor=actor if isinstance(actor, User) and actor.is_authenticated else None,
        )
        if not (only_without_password and user.has_usable_password()):
            invitation_send(region=region, user=user, roles=[role], actor=actor, language=language)
    return user
