"""KPI targets per region and fiscal year, and the region's grading thresholds. Set by an
operator or the municipality; each change is audited with the old and the new value, and a
year's targets stay as they were when the year is over (the history is the rows by year)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import audit_record
from sousei.core.models import Region
from sousei.impact.models import GradeRule, KpiCode, KpiTarget

MAX_TARGET = 10**12

# A new region's targets for the fiscal year it starts in (set when it is onboarded, then
# changed by its operator or municipality on the impact page): what Koga set out to reach.
DEFAULT_TARGETS: Mapping[str, int] = MappingProxyType(
    {
        KpiCode.COMPLETERS: 30,
        KpiCode.EMPLOYMENT_RATE: 70,
        KpiCode.INCOME_CHANGE: 30_000,
        KpiCode.RETENTION_12M: 90,
    }
)


def _check_targets(fiscal_year: int, targets: Mapping[str, int]) -> None:
    problems: dict[str, list[ValidationError]] = {}
    if not 2000 <= fiscal_year <= 2100:
        problems["fiscal_year"] = [
            ValidationError(
                _(
                    "A fiscal year is a year from 2000 to 2100, named by its April (2026 = "
                    "April 2026 to March 2027)."
                ),
                code="fiscal_year_range",
            )
        ]
    for code, value in targets.items():
        if code not in KpiCode.values:
            problems[code] = [
                ValidationError(
                    _("Unknown indicator %(code)s. Use one of: %(codes)s."),
                    code="unknown_kpi",
                    params={"code": code, "codes": ", ".join(KpiCode.values)},
                )
            ]
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_TARGET:
            problems[code] = [
                ValidationError(
                    _("A target is a whole number from 0 (a rate in per cent, money in yen)."),
                    code="target_range",
                )
            ]
    if problems:
        raise ValidationError(problems)


def kpi_targets_set(
    *, region: Region, fiscal_year: int, targets: Mapping[str, int], actor: User | None
) -> list[KpiTarget]:
    """Set the region's targets for a fiscal year: the codes given are created or changed,
    the others left as they are. Returns the year's targets."""
    _check_targets(fiscal_year, targets)
    with transaction.atomic():
        current = {
            t.code: t for t in KpiTarget.objects.select_for_update().filter(fiscal_year=fiscal_year)
        }
        changes: dict[str, list[int | None]] = {}
        for code, value in targets.items():
            target = current.get(code)
            if target is None:
                current[code] = KpiTarget.objects.create(
                    region=region, fiscal_year=fiscal_year, code=code, target=value, set_by=actor
                )
                changes[code] = [None, value]
            elif target.target != value:
                changes[code] = [target.target, value]
                target.target = value
                target.set_by = actor
                target.save(update_fields=["target", "set_by", "set_at"])
        if changes:
            audit_record(
                region=region,
                actor=actor,
                action="kpi_targets.set",
                obj=region,
                changes={"fiscal_year": fiscal_year, **changes},
            )
    order = {code: index for index, code in enumerate(KpiCode.values)}
    return sorted(current.values(), key=lambda t: order[t.code])


def grade_rule_set(
    *, region: Region, achieved_percent: int, good_percent: int, actor: User
) -> GradeRule:
    """Set the region's grading thresholds: ◎ from `achieved_percent` of the target, ○ from
    `good_percent` (below it)."""
    if not 1 <= good_percent < achieved_percent <= 1000:
        raise ValidationError(
            {
                "good_percent": [
                    ValidationError(
                        _(
                            "The ○ line must be below the ◎ line, both from 1 to 1000 per cent "
                            "of the target (for example ◎ 100 and ○ 80)."
                        ),
                        code="grade_order",
                    )
                ]
            }
        )
    with transaction.atomic():
        rule = GradeRule.objects.select_for_update().first()
        before = (rule.achieved_percent, rule.good_percent) if rule else (100, 80)
        if rule is None:
            rule = GradeRule(region=region)
        rule.achieved_percent = achieved_percent
        rule.good_percent = good_percent
        rule.set_by = actor
        rule.save()
        audit_record(
            region=region,
            actor=actor,
            action="grade_rule.set",
            obj=rule,
            changes={
                "achieved_percent": [before[0], achieved_percent],
                "good_percent": [before[1], good_percent],
            },
        )
    return rule
