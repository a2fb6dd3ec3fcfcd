"""The study-plan engine on the Japanese calendar (issue 3, point 3). No database needed."""

from __future__ import annotations

from datetime import date

import pytest

from sousei.training.planning import (
    ClosedPeriod,
    PlanInputError,
    PlanModule,
    PreviewRow,
    StudyPlan,
    completion_date_for,
    count_study_days,
    hours_to_minutes,
    is_study_day,
    nth_study_date,
    parse_closed_periods,
    plan_study,
    preview,
    replan,
    study_dates,
)

YEAR_END = (ClosedPeriod.parse("12-29..01-03"),)
TUE_1_DEC_2026 = date(2026, 12, 1)
SAT, SUN = 5, 6

# A 160-hour RPA course in six modules (hours: 20 + 30 + 25 + 35 + 20 + 30).
COURSE_160_H = [
    PlanModule(1, "RPAの基礎", 20 * 60),
    PlanModule(2, "画面操作の自動化", 30 * 60),
    PlanModule(3, "Excel連携", 25 * 60),
    PlanModule(4, "例外処理とログ", 35 * 60),
    PlanModule(5, "業務シナリオ演習", 20 * 60),
    PlanModule(6, "修了課題", 30 * 60),
]


def plan_160_hours(daily_minutes: int) -> StudyPlan:
    return plan_study(
        COURSE_160_H, start=TUE_1_DEC_2026, daily_minutes=daily_minutes, closed_periods=YEAR_END
    )


def dates_of(plan: StudyPlan) -> list[date]:
    return [day.date for day in plan.days]


# --- the examples of the issue ----------------------------------------------------------


def test_160_hours_at_8_hours_a_day_end_on_monday_28_december() -> None:
    plan = plan_160_hours(480)

    assert plan.completion_date == date(2026, 12, 28)
    assert plan.study_days == 20
    assert plan.total_minutes == 160 * 60


def test_160_hours_at_2_5_hours_a_day_take_64_study_days_to_tuesday_9_march() -> None:
    plan = plan_160_hours(150)

    assert plan.study_days == 64
    assert plan.completion_date == date(2027, 3, 9)
    skipped = [date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31), date(2027, 1, 1)]
    skipped += [date(2027, 1, 11), date(2027, 2, 11), date(2027, 2, 23)]
    assert not set(skipped) & set(dates_of(plan))


def test_160_hours_at_3_hours_a_day_take_54_study_days_to_monday_22_february() -> None:
    plan = plan_160_hours(180)

    assert plan.study_days == 54
    assert plan.completion_date == date(2027, 2, 22)


def test_the_preview_compares_the_daily_hours_an_applicant_can_choose() -> None:
    rows = preview(160 * 60, start=TUE_1_DEC_2026, closed_periods=YEAR_END)

    assert rows == [
        PreviewRow(120, date(2027, 4, 1), 80),
        PreviewRow(150, date(2027, 3, 9), 64),
        PreviewRow(180, date(2027, 2, 22), 54),
        PreviewRow(240, date(2027, 2, 1), 40),
        PreviewRow(480, date(2026, 12, 28), 20),
    ]


def test_the_preview_takes_other_daily_hours() -> None:
    rows = preview(600, start=TUE_1_DEC_2026, options=[300, 60])

    assert [(row.daily_minutes, row.study_days) for row in rows] == [(300, 2), (60, 10)]


@pytest.mark.parametrize("daily_minutes", [30, 120, 150, 180, 240, 450, 480])
def test_the_completion_date_alone_agrees_with_the_full_plan(daily_minutes: int) -> None:
    plan = plan_160_hours(daily_minutes)

    assert plan.completion_date == completion_date_for(
        160 * 60, start=TUE_1_DEC_2026, daily_minutes=daily_minutes, closed_periods=YEAR_END
    )


# --- the Japanese calendar --------------------------------------------------------------


def test_it_skips_the_silver_week_holidays() -> None:
    # 敬老の日 (Mon 9/21), 国民の休日 (Tue 9/22, between two holidays), 秋分の日 (Wed 9/23).
    plan = plan_study([PlanModule(1, "基礎", 360)], start=date(2026, 9, 18), daily_minutes=120)

    assert dates_of(plan) == [date(2026, 9, 18), date(2026, 9, 24), date(2026, 9, 25)]


def test_it_skips_a_substitute_holiday() -> None:
    # Sun 5/3 憲法記念日 moves to Wed 5/6 (振替休日), after みどりの日 and こどもの日 on 5/4–5/5.
    plan = plan_study([PlanModule(1, "基礎", 240)], start=date(2026, 5, 1), daily_minutes=120)

    assert dates_of(plan) == [date(2026, 5, 1), date(2026, 5, 7)]


def test_the_year_end_closure_wraps_into_january() -> None:
    plan = plan_study(
        [PlanModule(1, "基礎", 3 * 480)],
        start=date(2026, 12, 28),
        daily_minutes=480,
        closed_periods=YEAR_END,
    )

    assert dates_of(plan) == [date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 5)]


def test_a_closed_period_contains_the_days_on_both_sides_of_new_year() -> None:
    (year_end,) = YEAR_END

    assert year_end.contains(date(2026, 12, 29))
    assert year_end.contains(date(2026, 12, 31))
    assert year_end.contains(date(2027, 1, 3))
    assert not year_end.contains(date(2026, 12, 28))
    assert not year_end.contains(date(2027, 1, 4))


def test_without_skipping_holidays_it_studies_on_them() -> None:
    plan = plan_study(
        [PlanModule(1, "基礎", 360)],
        start=date(2026, 9, 21),
        daily_minutes=120,
        skip_holidays=False,
    )

    assert dates_of(plan) == [date(2026, 9, 21), date(2026, 9, 22), date(2026, 9, 23)]


def test_closed_periods_still_apply_when_holidays_are_study_days() -> None:
    assert not is_study_day(date(2026, 12, 30), skip_holidays=False, closed_periods=YEAR_END)
    assert is_study_day(date(2027, 1, 11), skip_holidays=False, closed_periods=YEAR_END)
    assert not is_study_day(date(2027, 1, 11), closed_periods=YEAR_END)


def test_it_can_plan_weekends_only() -> None:
    plan = plan_study(
        [PlanModule(1, "基礎", 4 * 240)],
        start=TUE_1_DEC_2026,
        daily_minutes=240,
        weekdays={SAT, SUN},
    )

    assert dates_of(plan) == [
        date(2026, 12, 5),
        date(2026, 12, 6),
        date(2026, 12, 12),
        date(2026, 12, 13),
    ]


def test_a_start_on_a_closed_day_moves_to_the_next_study_day() -> None:
    # 1 January is both closed and a holiday; Sat 2 and Sun 3 are closed weekend days.
    plan = plan_study(
        [PlanModule(1, "基礎", 120)],
        start=date(2027, 1, 1),
        daily_minutes=120,
        closed_periods=YEAR_END,
    )

    assert plan.start_date == plan.completion_date == date(2027, 1, 4)


def test_study_dates_are_listed_in_order_from_the_start() -> None:
    dates = study_dates(date(2026, 12, 25), closed_periods=YEAR_END)

    assert [next(dates) for _ in range(3)] == [
        date(2026, 12, 25),
        date(2026, 12, 28),
        date(2027, 1, 4),
    ]


def test_study_dates_end_at_the_search_horizon() -> None:
    sundays = list(study_dates(date(2026, 1, 1), weekdays={SUN}))

    assert sundays[-1] == date(2031, 12, 28)  # the last Sunday of the 5th year after 2026


def test_study_days_can_be_counted_and_indexed() -> None:
    december = count_study_days(date(2026, 12, 1), date(2026, 12, 31), closed_periods=YEAR_END)

    assert december == 20  # 23 weekdays, less 12/29–12/31
    assert nth_study_date(TUE_1_DEC_2026, 20, closed_periods=YEAR_END) == date(2026, 12, 28)
    assert nth_study_date(TUE_1_DEC_2026, 21, closed_periods=YEAR_END) == date(2027, 1, 4)
    assert count_study_days(date(2027, 1, 5), date(2027, 1, 4)) == 0


# --- modules and days ------------------------------------------------------------------


def test_a_day_can_finish_one_module_and_start_the_next() -> None:
    modules = [PlanModule(1, "基礎", 90), PlanModule(2, "応用", 90), PlanModule(3, "演習", 60)]

    plan = plan_study(modules, start=TUE_1_DEC_2026, daily_minutes=120)

    assert [day.parts for day in plan.days] == [((1, 90), (2, 30)), ((2, 60), (3, 60))]
    assert plan.module_completion == {
        1: date(2026, 12, 1),
        2: date(2026, 12, 2),
        3: date(2026, 12, 2),
    }


def test_each_days_parts_add_up_to_its_minutes() -> None:
    plan = plan_160_hours(150)

    assert all(sum(minutes for _id, minutes in day.parts) == day.minutes for day in plan.days)
    assert sum(day.minutes for day in plan.days) == plan.total_minutes


def test_modules_end_on_the_day_their_last_minutes_are_planned() -> None:
    plan = plan_160_hours(480)  # module 1 is 20 h: 8 + 8 + 4 h, so it ends on day 3

    assert plan.module_completion[1] == date(2026, 12, 3)
    assert plan.days[2].parts == ((1, 240), (2, 240))
    assert list(plan.module_completion) == [1, 2, 3, 4, 5, 6]
    assert plan.module_completion[6] == plan.completion_date


def test_the_last_day_is_shorter_when_the_minutes_run_out() -> None:
    plan = plan_study([PlanModule(1, "基礎", 300)], start=TUE_1_DEC_2026, daily_minutes=120)

    assert [day.minutes for day in plan.days] == [120, 120, 60]


def test_a_module_of_no_minutes_gets_no_date() -> None:
    modules = [PlanModule(1, "オリエンテーション", 0), PlanModule(2, "基礎", 60)]

    plan = plan_study(modules, start=TUE_1_DEC_2026, daily_minutes=60)

    assert plan.module_completion == {2: TUE_1_DEC_2026}


def test_minutes_planned_through_a_date_follow_the_plan() -> None:
    plan = plan_160_hours(150)

    assert plan.minutes_planned_through(date(2026, 11, 30)) == 0
    assert plan.minutes_planned_through(date(2026, 12, 1)) == 150
    assert plan.minutes_planned_through(date(2026, 12, 6)) == 4 * 150  # Tue 1 to Fri 4
    assert plan.minutes_planned_through(date(2027, 12, 31)) == 160 * 60


def test_replanning_lays_out_only_the_minutes_left_from_the_new_date() -> None:
    left = [PlanModule(1, "基礎", 0), PlanModule(2, "応用", 100), PlanModule(3, "演習", 240)]

    plan = replan(left, from_date=date(2027, 1, 4), daily_minutes=240, closed_periods=YEAR_END)

    assert plan.total_minutes == 340
    assert [day.parts for day in plan.days] == [((2, 100), (3, 140)), ((3, 100),)]
    assert plan.module_completion == {2: date(2027, 1, 4), 3: date(2027, 1, 5)}


# --- inputs it refuses ------------------------------------------------------------------


@pytest.mark.parametrize("daily_minutes", [0, 510, 45, 15, -30, 960])
def test_it_rejects_daily_hours_outside_half_hours_from_half_an_hour_to_8(
    daily_minutes: int,
) -> None:
    with pytest.raises(PlanInputError, match=r"0\.5 to 8 hours in half-hour steps") as error:
        plan_160_hours(daily_minutes)

    assert error.value.code == "daily_minutes"
    assert isinstance(error.value, ValueError)


def test_the_error_carries_a_translatable_template_and_its_parameters() -> None:
    with pytest.raises(PlanInputError) as error:
        preview(600, start=TUE_1_DEC_2026, options=[45])

    assert error.value.params == {"minutes": 45}
    assert str(error.value) == error.value.template % error.value.params


def test_it_rejects_a_plan_without_weekdays() -> None:
    with pytest.raises(PlanInputError, match="at least one study weekday"):
        plan_study(COURSE_160_H, start=TUE_1_DEC_2026, daily_minutes=120, weekdays=set())


def test_it_rejects_a_weekday_that_does_not_exist() -> None:
    with pytest.raises(PlanInputError, match=r"0 \(Monday\) to 6 \(Sunday\); got 7"):
        study_dates(TUE_1_DEC_2026, weekdays={0, 7})


def test_it_refuses_instead_of_searching_forever_when_every_day_is_closed() -> None:
    always_closed = (ClosedPeriod.parse("01-01..12-31"),)

    with pytest.raises(PlanInputError, match="does not finish within 5 years") as error:
        plan_study(
            COURSE_160_H, start=TUE_1_DEC_2026, daily_minutes=120, closed_periods=always_closed
        )
    assert error.value.code == "no_study_days"
    with pytest.raises(PlanInputError):
        study_dates(TUE_1_DEC_2026, closed_periods=always_closed)


def test_it_refuses_a_plan_that_would_take_more_than_5_years() -> None:
    # Half an hour on Sundays only: 160 h would take over 6 years.
    with pytest.raises(PlanInputError, match="does not finish within 5 years"):
        plan_study(COURSE_160_H, start=TUE_1_DEC_2026, daily_minutes=30, weekdays={SUN})


def test_it_rejects_a_course_with_nothing_to_plan() -> None:
    with pytest.raises(PlanInputError, match="no minutes to plan"):
        plan_study([PlanModule(1, "基礎", 0)], start=TUE_1_DEC_2026, daily_minutes=120)


def test_it_rejects_a_module_listed_twice() -> None:
    modules = [PlanModule(1, "基礎", 60), PlanModule(1, "基礎", 60)]

    with pytest.raises(PlanInputError, match="appears twice"):
        plan_study(modules, start=TUE_1_DEC_2026, daily_minutes=120)


def test_it_rejects_negative_module_minutes() -> None:
    with pytest.raises(PlanInputError, match="cannot have -60 minutes"):
        plan_study([PlanModule(1, "基礎", -60)], start=TUE_1_DEC_2026, daily_minutes=120)


# --- parsing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("12-29..01-03", ClosedPeriod(12, 29, 1, 3)),
        ("12/29〜1/3", ClosedPeriod(12, 29, 1, 3)),
        (" 08-13 .. 08-16 ", ClosedPeriod(8, 13, 8, 16)),
        ("05-01", ClosedPeriod(5, 1, 5, 1)),
        ("02-29", ClosedPeriod(2, 29, 2, 29)),
    ],
)
def test_closed_periods_are_read_from_text(text: str, period: ClosedPeriod) -> None:
    assert ClosedPeriod.parse(text) == period


def test_a_closed_period_prints_the_way_regions_store_it() -> None:
    assert str(ClosedPeriod(12, 29, 1, 3)) == "12-29..01-03"
    assert parse_closed_periods(["12-29..01-03", "08-13..08-15"]) == (
        ClosedPeriod(12, 29, 1, 3),
        ClosedPeriod(8, 13, 8, 15),
    )


@pytest.mark.parametrize("text", ["christmas", "12-29..", "13-01..01-03", "02-30", "12-29..01-32"])
def test_it_rejects_closed_periods_it_cannot_read(text: str) -> None:
    with pytest.raises(PlanInputError) as error:
        ClosedPeriod.parse(text)

    assert error.value.code == "closed_period"


@pytest.mark.parametrize(("hours", "minutes"), [("2.5", 150), (2.5, 150), (8, 480), ("0.5", 30)])
def test_hours_become_exact_minutes(hours: str | float, minutes: int) -> None:
    assert hours_to_minutes(hours) == minutes


@pytest.mark.parametrize("hours", ["0.01", "two", float("nan")])
def test_hours_that_are_not_whole_minutes_are_refused(hours: str | float) -> None:
    with pytest.raises(PlanInputError):
        hours_to_minutes(hours)
