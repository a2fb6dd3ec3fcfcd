"""Benchmark: dated study plans for 10,000 enrolments, computed by the pure engine
(sousei/training/planning.py; issue 3 asks for at least 5,000 plans per second).

    .venv/bin/python bench/study_plans.py [--enrolments 10000] [--repeat 5]

Builds enrolment-like inputs with a fixed seed: courses of 120–180 hours in 6–12 modules
(half-hour steps), start dates over a fiscal year (April to March, so plans cross the year
end, Golden Week and the September holidays), any allowed daily time (0.5–8 h in half
hours), the weekday sets people choose (mostly Mon–Fri), holidays mostly skipped, and the
region's year-end closure, sometimes with an Obon closure too. Then it computes every full
plan (each study day with its modules), --repeat times.

No database and no Django: the engine is pure, so this measures the engine alone. The
per-process caches (holidays and study days per year) are filled by the first round, as
they are in a long-running server; the first round is printed to stderr, and the figures
are medians over the rounds, printed as `<figure>: <value> <unit> (target <op> <value>)
ok|SHORT` (DESIGN.md §9). The exit status is 1 when plans per second fall short.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from sousei.training.planning import (  # noqa: E402 (needs the project on sys.path)
    DAILY_MINUTES_CHOICES,
    ClosedPeriod,
    PlanModule,
    plan_study,
)

SEED = 2026
PLANS_PER_SECOND_TARGET = 5000.0  # the requirement (issue 3); the exit status follows it
COURSES = 40
FISCAL_YEAR_START = date(2026, 4, 1)
YEAR_END = ClosedPeriod.parse("12-29..01-03")
OBON = ClosedPeriod.parse("08-13..08-16")
# The weekday sets participants choose, with how often (Monday=0).
WEEKDAY_SETS: dict[frozenset[int], int] = {
    frozenset(range(5)): 70,  # Mon–Fri
    frozenset(range(6)): 10,  # Mon–Sat
    frozenset({5, 6}): 8,  # weekends, beside a part-time job
    frozenset({0, 2, 4}): 7,  # Mon, Wed, Fri
    frozenset({1, 3}): 5,  # Tue, Thu
}


@dataclass(frozen=True)
class Enrolment:
    modules: tuple[PlanModule, ...]
    start: date
    daily_minutes: int
    weekdays: frozenset[int]
    skip_holidays: bool
    closed_periods: tuple[ClosedPeriod, ...]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--enrolments", type=int, default=10_000, help="plans per round")
    parser.add_argument("--repeat", type=int, default=5, help="rounds; figures are medians")
    return parser.parse_args(argv)


def say(message: str) -> None:
    """Progress goes to stderr; stdout carries only the figures."""
    print(message, file=sys.stderr, flush=True)


# --- data ------------------------------------------------------------------------------


def make_course(rng: random.Random, number: int) -> tuple[PlanModule, ...]:
    """120–180 h in 6–12 modules of whole half hours, each at least an hour long."""
    total_half_hours = rng.randint(240, 360)
    count = rng.randint(6, 12)
    cuts = sorted(rng.sample(range(2, total_half_hours - 1, 2), count - 1))
    bounds = [0, *cuts, total_half_hours]
    return tuple(
        PlanModule(number * 100 + index, f"単元{index + 1}", (end - begin) * 30)
        for index, (begin, end) in enumerate(pairwise(bounds))
    )


def make_enrolments(count: int, seed: int = SEED) -> list[Enrolment]:
    rng = random.Random(seed)
    courses = [make_course(rng, number) for number in range(1, COURSES + 1)]
    weekday_sets = list(WEEKDAY_SETS)
    weights = list(WEEKDAY_SETS.values())
    return [
        Enrolment(
            modules=rng.choice(courses),
            start=FISCAL_YEAR_START + timedelta(days=rng.randrange(365)),
            daily_minutes=rng.choice(DAILY_MINUTES_CHOICES),
            weekdays=rng.choices(weekday_sets, weights)[0],
            skip_holidays=rng.random() < 0.9,
            closed_periods=(YEAR_END, OBON) if rng.random() < 0.3 else (YEAR_END,),
        )
        for _ in range(count)
    ]


# --- measure ---------------------------------------------------------------------------


def compute_all(enrolments: list[Enrolment]) -> tuple[float, int]:
    """Seconds to plan every enrolment, and the study days planned (a check on the work)."""
    started = time.perf_counter()
    days = 0
    for e in enrolments:
        plan = plan_study(
            e.modules,
            start=e.start,
            daily_minutes=e.daily_minutes,
            weekdays=e.weekdays,
            skip_holidays=e.skip_holidays,
            closed_periods=e.closed_periods,
        )
        days += plan.study_days
    return time.perf_counter() - started, days


def figure(name: str, value: float, unit: str, target: float) -> tuple[str, bool]:
    """The DESIGN.md §9 line for a figure that must reach its target, and whether it does."""
    held = value >= target
    line = f"{name}: {value:.0f} {unit} (target >= {target:g} {unit}) {'ok' if held else 'SHORT'}"
    return line, held


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    enrolments = make_enrolments(args.enrolments)
    say(f"data: {len(enrolments):,} enrolments over {COURSES} courses (seed {SEED})")
    seconds: list[float] = []
    for number in range(1, args.repeat + 1):
        elapsed, days = compute_all(enrolments)
        say(
            f"round {number}: {elapsed * 1000:.0f} ms, {len(enrolments) / elapsed:,.0f} plans/s, "
            f"{days / len(enrolments):.1f} study days per plan"
            + (" (first round: fills the calendar caches)" if number == 1 else "")
        )
        seconds.append(elapsed)
    median = statistics.median(seconds)
    line, held = figure(
        f"study plans ({args.enrolments} enrolments)",
        args.enrolments / median,
        "plans/s",
        PLANS_PER_SECOND_TARGET,
    )
    print(line, flush=True)
    print(
        f"study plan time per plan ({args.enrolments} enrolments): "
        f"{median / args.enrolments * 1e6:.1f} µs (median round)",
        flush=True,
    )
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
