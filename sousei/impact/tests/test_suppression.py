"""Small-group suppression: hand-made tables, and properties over generated ones and over
generated outcome records run through the whole summary (figures → suppression → shape)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sousei.impact.figures import Target, cohort_cells, summary_cells, summary_shape
from sousei.impact.indicators import HIRE, PROGRAM, Outcome, Period, indicators
from sousei.impact.suppression import MIN_PEOPLE, Cell, Ratio, Sum, suppress, too_few

D = dt.date


def test_a_count_of_one_or_two_is_hidden_and_zero_is_shown() -> None:
    shown = suppress([Cell("a", 0, 0), Cell("b", 1, 1), Cell("c", 2, 2), Cell("d", 3, 3)])
    assert shown.values == {"a": 0, "b": None, "c": None, "d": 3}
    assert shown.hidden == {"b", "c"}


def test_a_median_or_rate_needs_three_people() -> None:
    shown = suppress(
        [
            Cell("m2", 150_000, 2, "median"),
            Cell("m3", 150_000, 3, "median"),
            Cell("r0", None, 0, "rate"),
            Cell("r3", 66.7, 3, "rate"),
        ]
    )
    assert shown.values == {"m2": None, "m3": 150_000, "r0": None, "r3": 66.7}


def test_a_lone_hidden_part_takes_the_smallest_other_part_with_it() -> None:
    # total 12 = 2 + 4 + 6: the 2 is hidden, so the 4 (smallest other part) is hidden too;
    # 12 − 6 = 6 = 2 + 4 tells nothing about either.
    shown = suppress(
        [Cell("t", 12, 12), Cell("a", 2, 2), Cell("b", 4, 4), Cell("c", 6, 6)],
        [Sum("t", ("a", "b", "c"))],
    )
    assert shown.hidden == {"a", "b"}
    assert shown.values["t"] == 12


def test_a_hidden_total_needs_a_second_hidden_member() -> None:
    # total 2 = 2 + 0: both the total and the part are hidden (two, not one).
    shown = suppress([Cell("t", 2, 2), Cell("a", 2, 2), Cell("b", 0, 0)], [Sum("t", ("a", "b"))])
    assert shown.hidden == {"t", "a"}


def test_secondary_suppression_spreads_across_related_tables() -> None:
    # Two columns share a row total: hiding x1 hides y1 (column 1) ... until no relation has
    # a lone hidden member.
    cells = [
        Cell("x1", 1, 1),
        Cell("x2", 5, 5),
        Cell("x", 6, 6),
        Cell("y1", 4, 4),
        Cell("y2", 7, 7),
        Cell("y", 11, 11),
        Cell("row1", 5, 5),
        Cell("row2", 12, 12),
        Cell("all", 17, 17),
    ]
    relations = [
        Sum("x", ("x1", "x2")),
        Sum("y", ("y1", "y2")),
        Sum("row1", ("x1", "y1")),
        Sum("row2", ("x2", "y2")),
        Sum("all", ("x", "y")),
    ]
    shown = suppress(cells, relations)
    for relation in relations:
        members = (relation.total, *relation.parts)
        assert sum(name in shown.hidden for name in members) != 1


def test_a_rate_is_hidden_with_its_numerator() -> None:
    shown = suppress(
        [Cell("n", 2, 2), Cell("d", 10, 10), Cell("r", 20.0, 10, "rate")], [Ratio("r", "n", "d")]
    )
    assert shown.hidden == {"n", "r"}


def test_operators_see_everything_exactly() -> None:
    shown = suppress([Cell("a", 1, 1), Cell("m", None, 0, "median")], exact=True)
    assert shown.values == {"a": 1, "m": None}
    assert shown.hidden == {"m"}


# --- properties ------------------------------------------------------------------------------


@st.composite
def tables(draw: Any) -> tuple[list[Cell], list[Sum | Ratio]]:
    """A two-way table of counts (rows × columns) with row, column and grand totals, and a
    rate per row (first column over row total)."""
    rows = draw(st.integers(1, 4))
    columns = draw(st.integers(1, 4))
    grid = [[draw(st.integers(0, 8)) for _ in range(columns)] for _ in range(rows)]
    cells: list[Cell] = []
    relations: list[Sum | Ratio] = []
    for r in range(rows):
        for c in range(columns):
            cells.append(Cell(f"r{r}c{c}", grid[r][c], grid[r][c]))
        total = sum(grid[r])
        cells.append(Cell(f"r{r}", total, total))
        relations.append(Sum(f"r{r}", tuple(f"r{r}c{c}" for c in range(columns))))
        share = round(100 * grid[r][0] / total, 1) if total else None
        cells.append(Cell(f"rate{r}", share, total, "rate"))
        relations.append(Ratio(f"rate{r}", f"r{r}c0", f"r{r}"))
    for c in range(columns):
        total = sum(grid[r][c] for r in range(rows))
        cells.append(Cell(f"c{c}", total, total))
        relations.append(Sum(f"c{c}", tuple(f"r{r}c{c}" for r in range(rows))))
    grand = sum(map(sum, grid))
    cells.append(Cell("all", grand, grand))
    relations.append(Sum("all", tuple(f"r{r}" for r in range(rows))))
    relations.append(Sum("all", tuple(f"c{c}" for c in range(columns))))
    return cells, relations


def assert_safe(cells: list[Cell], relations: list[Any], shown: Any) -> None:
    by_name = {cell.name: cell for cell in cells}
    for name, value in shown.values.items():
        if value is None:
            assert name in shown.hidden
            continue
        cell = by_name[name]
        # Nothing shown to a non-operator comes from fewer than 3 people (0 is nobody).
        if cell.kind in ("count", "sum"):
            assert cell.n == 0 or cell.n >= MIN_PEOPLE, name
        else:
            assert cell.n >= MIN_PEOPLE, name
    for relation in relations:
        if isinstance(relation, Sum):
            members = (relation.total, *relation.parts)
            # No total (or other member) gives away a lone hidden cell by subtraction.
            assert sum(name in shown.hidden for name in members) != 1, relation
        else:
            if relation.numerator in shown.hidden or relation.denominator in shown.hidden:
                assert relation.ratio in shown.hidden, relation


@settings(max_examples=300, deadline=None)
@given(tables())
def test_no_figure_shown_comes_from_fewer_than_three_and_no_total_reveals_one(
    table: tuple[list[Cell], list[Any]],
) -> None:
    cells, relations = table
    shown = suppress(cells, relations)
    assert_safe(cells, relations, shown)
    # Every primary-suppressed figure stays hidden.
    assert {cell.name for cell in cells if too_few(cell)} <= shown.hidden


dates = st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 31))
maybe_dates = st.none() | dates


@st.composite
def outcomes(draw: Any) -> Outcome:
    track = draw(st.sampled_from([PROGRAM, PROGRAM, PROGRAM, HIRE]))
    if track == HIRE:
        return Outcome(
            track=HIRE,
            hired_on=draw(dates),
            lives_in_region=draw(st.booleans()),
            days_to_hire=draw(st.integers(0, 200)),
            from_event=draw(st.booleans()),
            asked_6m_on=draw(maybe_dates),
            staying_6m=draw(st.none() | st.booleans()),
        )
    return Outcome(
        applied_on=draw(dates),
        accepted=draw(st.booleans()),
        decided_on=draw(maybe_dates),
        enrolled_on=draw(maybe_dates),
        completed_on=draw(maybe_dates),
        left_early_on=draw(maybe_dates),
        left_early_for_job=draw(st.booleans()),
        first_paid_on=draw(maybe_dates),
        outcome_kind=draw(st.sampled_from(["", "continue_projects", "independent"])),
        outcome_on=draw(maybe_dates),
        insured_employed_on=draw(maybe_dates),
        age_at_completion=draw(st.none() | st.integers(18, 80)),
        baseline_monthly_income_jpy=draw(st.none() | st.integers(0, 400_000)),
        earnings_after_monthly_jpy=draw(st.none() | st.integers(0, 600_000)),
        earnings=tuple(
            (D(2026, m, 1), draw(st.integers(1, 300_000)))
            for m in range(1, 1 + draw(st.integers(0, 3)))
        ),
        employment=((draw(dates), draw(maybe_dates)),) if draw(st.booleans()) else (),
        credential_on=draw(maybe_dates),
        skill_gains=tuple(draw(st.lists(dates, max_size=2))),
        lives_in_region=draw(st.none() | st.booleans()),
        asked_6m_on=draw(maybe_dates),
        staying_6m=draw(st.none() | st.booleans()),
        asked_12m_on=draw(maybe_dates),
        staying_12m=draw(st.none() | st.booleans()),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(outcomes(), max_size=25))
def test_the_summary_a_non_operator_sees_hides_every_small_group(records: list[Outcome]) -> None:
    period = Period(D(2026, 4, 1), D(2027, 3, 31))
    computed = indicators(records, period, as_of=D(2027, 12, 31))
    cells, relations = summary_cells(computed)
    targets = [Target(code, code, 10) for code in ("completers", "employment_rate_mhlw", "hires")]
    body = summary_shape(computed, exact=False, targets=targets)
    shown = suppress(cells, relations)
    assert_safe(cells, relations, shown)

    def lookup(name: str) -> Any:
        value: Any = body
        for key in name.split("."):
            value = value[key]
        return value

    for cell in cells:
        value = lookup(cell.name)
        if cell.name in body["suppressed"]:
            assert value is None
        else:
            assert value == cell.value
            assert not too_few(cell)
    for kpi in body["kpis"]:
        if kpi["actual"] is None:
            assert kpi["grade"] is None
            assert f"kpis.{kpi['code']}.actual" in body["suppressed"]
    # An operator sees every computed value.
    exact = summary_shape(computed, exact=True, targets=targets)
    for cell in cells:
        assert lookup_in(exact, cell.name) == cell.value


def lookup_in(body: dict[str, Any], name: str) -> Any:
    value: Any = body
    for key in name.split("."):
        value = value[key]
    return value


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["FY2024", "FY2025", "FY2026"]),
        st.fixed_dictionaries(
            {stage: st.integers(0, 9) for stage in ("applied", "accepted", "completed")}
        ),
        min_size=1,
    )
)
def test_a_cohort_table_hides_a_second_cell_in_each_column(
    funnels: dict[str, dict[str, int]],
) -> None:
    cells, relations = cohort_cells(funnels)
    shown = suppress(cells, relations)
    assert_safe(cells, relations, shown)


@settings(max_examples=100, deadline=None)
@given(st.lists(outcomes(), max_size=25), dates, st.integers(0, 400))
def test_the_one_pass_monthly_trend_is_each_months_funnel_and_income(
    records: list[Outcome], start: dt.date, days: int
) -> None:
    """The trend counts in one pass what `funnel` and `income` count month by month."""
    from sousei.impact.indicators import funnel, income, monthly_trend, months_of

    period = Period(start, start + dt.timedelta(days=days))
    trend = monthly_trend(records, period)
    months = months_of(period)
    assert list(trend) == [f"{m.start:%Y-%m}" for m in months]
    for month in months:
        row = trend[f"{month.start:%Y-%m}"]
        paid = income(records, month)
        assert row.funnel == funnel(records, month)
        assert (row.wages_paid, row.wage_earners) == (paid.wages_paid, paid.wage_earners)
