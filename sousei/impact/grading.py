"""KPI grades: a pure function (no ORM, no Django).

◎ achieved (actual at `achieved_percent` of the target or more), ○ at `good_percent` or more,
△ some progress below that, × no progress (docs/impact.md, "KPI grades"; the marks follow
the municipal KPI verifications cited there, the 80 % line 杵築市's B grade). Each region
sets its own percentages (models.GradeRule).
"""

from __future__ import annotations

ACHIEVED, GOOD, PROGRESS, NONE = "◎", "○", "△", "×"
DEFAULT_ACHIEVED_PERCENT = 100
DEFAULT_GOOD_PERCENT = 80


def grade(
    actual: float | None,
    target: float,
    *,
    achieved_percent: int = DEFAULT_ACHIEVED_PERCENT,
    good_percent: int = DEFAULT_GOOD_PERCENT,
) -> str | None:
    """The grade of `actual` against `target`; None when there is no actual figure (not yet
    measurable, or hidden from this reader)."""
    if actual is None:
        return None
    if target <= 0:
        # A target of nothing is met by anything.
        return ACHIEVED
    share = 100 * actual / target
    if share >= achieved_percent:
        return ACHIEVED
    if share >= good_percent:
        return GOOD
    if actual > 0:
        return PROGRESS
    return NONE
