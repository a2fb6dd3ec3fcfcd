"""Onboarding a region in one step (`sousei onboard-region`, the program owner's page): the
region, its organisations, its calendar, a course catalogue, the default KPI targets of the
fiscal year and the first operator's invitation. It sits in portal because it writes through
core's, training's and impact's services."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core import clock
from sousei.core.audit import audit_record
from sousei.core.models import Organization, Region
from sousei.core.scoping import region_scope
from sousei.core.services import (
    operator_invite,
    organization_ensure,
    region_calendar_set,
    region_create,
)
from sousei.impact.indicators import fiscal_year_of
from sousei.impact.models import KpiTarget
from sousei.impact.services import DEFAULT_TARGETS, kpi_targets_set
from sousei.training.services.courses import course_catalogue_copy

DEFAULT_TEMPLATE = "koga"


@dataclass(frozen=True, kw_only=True)
class OnboardInput:
    code: str
    operator: str
    admin_email: str
    municipality: str = ""  # default: the region's own name (古賀市)
    space_partner: str = ""  # none yet when empty
    # The slug of the region whose courses are copied; None: Koga's if there is one.
    template: str | None = None
    closed_periods: tuple[str, ...] = ("12-29..01-03",)
    pay_week_start: int = 6
    statutory_day_off: int = 6
    slug: str | None = None
    name_en: str | None = None


@dataclass(kw_only=True)
class OnboardResult:
    region: Region
    organizations: list[Organization] = field(default_factory=list)
    template: Region | None = None  # the region the courses came from, if any
    courses_copied: int = 0
    fiscal_year: int = 0  # the year the default KPI targets are for
    targets_set: int = 0  # default targets set now (those the year had none for)
    operator: User | None = None
    invited: bool = False


def region_onboard(*, data: OnboardInput, actor: User | None = None) -> OnboardResult:
    """Set a region up in one transaction; running it again completes what is missing and
    changes nothing else (no second invitation, no second copy of a course)."""
    template = Region.objects.filter(slug=data.template or DEFAULT_TEMPLATE).first()
    if data.template and template is None:
        raise ValidationError(
            {
                "template": ValidationError(
                    _("No region has the slug %(slug)s to copy courses from."),
                    params={"slug": data.template},
                )
            }
        )
    if not data.operator.strip():
        raise ValidationError(
            {"operator": ValidationError(_("Enter the operator company's name."))}
        )
    with transaction.atomic():
        region = region_create(code=data.code, slug=data.slug, name_en=data.name_en, actor=actor)
        result = OnboardResult(region=region)
        with region_scope(region):
            region_calendar_set(
                region=region,
                closed_periods=list(data.closed_periods),
                pay_week_start=data.pay_week_start,
                statutory_day_off=data.statutory_day_off,
                actor=actor,
            )
            operator = organization_ensure(
                region=region, name=data.operator, kind=Organization.Kind.OPERATOR, actor=actor
            )
            result.organizations.append(operator)
            result.organizations.append(
                organization_ensure(
                    region=region,
                    name=data.municipality or region.name_ja,
                    kind=Organization.Kind.MUNICIPALITY,
                    actor=actor,
                )
            )
            if data.space_partner.strip():
                result.organizations.append(
                    organization_ensure(
                        region=region,
                        name=data.space_partner,
                        kind=Organization.Kind.SPACE_PARTNER,
                        actor=actor,
                    )
                )
        if template is not None and template.pk != region.pk:
            result.template = template
            result.courses_copied = len(
                course_catalogue_copy(source=template, target=region, actor=actor)
            )
        with region_scope(region):
            result.fiscal_year, result.targets_set = _default_targets(region, actor)
            result.operator, result.invited = operator_invite(
                region=region, organization=operator, email=data.admin_email, actor=actor
            )
            audit_record(
                region=region,
                actor=actor,
                action="region.onboard",
                obj=region,
                changes={
                    "operator": operator.name,
                    "organizations": [o.name for o in result.organizations],
                    "courses_copied": result.courses_copied,
                    "kpi_targets_set": result.targets_set,
                    "invited": data.admin_email if result.invited else "",
                },
            )
    return result


def _default_targets(region: Region, actor: User | None) -> tuple[int, int]:
    """The default KPI targets for the fiscal year under way, for the indicators the year has
    no target for yet: a target someone changed since stays theirs. (year, targets set)"""
    year = fiscal_year_of(clock.today())
    have = set(KpiTarget.objects.filter(fiscal_year=year).values_list("code", flat=True))
    missing = {code: value for code, value in DEFAULT_TARGETS.items() if code not in have}
    if missing:
        kpi_targets_set(region=region, fiscal_year=year, targets=missing, actor=actor)
    return year, len(missing)
