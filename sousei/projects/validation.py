"""Checks shared by the staffing services (they raise ValidationError with bilingual msgids)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sousei.core.bounds import HOURLY_YEN_MAX
from sousei.core.models import Region
from sousei.core.selectors import minimum_wage_on
from sousei.core.text import date_text


def hourly_rate_check(
    *, region: Region, day: dt.date, hourly_rate_jpy: int, field: str = "hourly_rate_jpy"
) -> None:
    """最低賃金法 第4条: the rate must reach the prefecture's minimum wage in force on `day`,
    and stay below HOURLY_YEN_MAX.

    The error names the minimum and the date it took effect, so the operator can fix the rate.
    """
    if hourly_rate_jpy > HOURLY_YEN_MAX:
        raise ValidationError(
            {
                field: ValidationError(
                    _("The hourly rate can be at most ¥%(maximum)s. Check the amount."),
                    code="above_maximum",
                    params={"maximum": f"{HOURLY_YEN_MAX:,}"},
                )
            }
        )
    wage = minimum_wage_on(prefecture=region.prefecture, day=day)
    if wage is None:
        raise ValidationError(
            {
                field: ValidationError(
                    _(
                        "No minimum wage of %(prefecture)s is on record for %(day)s. "
                        "Load the minimum wage table (sousei load-minimum-wages) and try again."
                    ),
                    code="minimum_wage_unknown",
                    params={"prefecture": region.prefecture, "day": date_text(day)},
                )
            }
        )
    if hourly_rate_jpy < wage.amount_jpy:
        raise ValidationError(
            {
                field: ValidationError(
                    _(
                        "The hourly rate ¥%(rate)s is below the minimum wage of %(prefecture)s, "
                        "¥%(minimum)s in force since %(since)s. Set at least ¥%(minimum)s."
                    ),
                    code="below_minimum_wage",
                    params={
                        "rate": f"{hourly_rate_jpy:,}",
                        "prefecture": region.prefecture,
                        "minimum": f"{wage.amount_jpy:,}",
                        "since": date_text(wage.effective_from),
                    },
                )
            }
        )


def end_before_start_error(*, starts_on: dt.date, ends_on: dt.date) -> ValidationError:
    return ValidationError(
        _("The end date %(end)s is before the start date %(start)s. Pick a later end."),
        code="ends_before_start",
        params={"end": date_text(ends_on), "start": date_text(starts_on)},
    )


def dates_in_order(*, starts_on: dt.date, ends_on: dt.date) -> None:
    if ends_on < starts_on:
        raise ValidationError(
            {"end_date": end_before_start_error(starts_on=starts_on, ends_on=ends_on)}
        )
