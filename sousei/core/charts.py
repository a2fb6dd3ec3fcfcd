"""Column charts as geometry for an SVG the template draws (no script, no CDN): a pure module.

A chart is drawn on the server so it is part of the page the person already has: it prints,
it works without JavaScript, and a screen reader gets the same numbers from the table that
goes with it. Columns whose value is hidden (None: a small group under the suppression rule)
keep their slot with no bar, and their label says x, so a gap never reads as a zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CHART_HEIGHT = 120
BAR_WIDTH = 28
BAR_GAP = 12
# Room above the tallest bar and below the baseline for the labels.
TOP_MARGIN = 20
BOTTOM_MARGIN = 20


@dataclass(frozen=True)
class Column:
    """One column to draw: its short label under the axis, its title (the tooltip and the
    accessible name) and its value, or None where the value is hidden."""

    label: str
    title: str
    value: int | None


@dataclass(frozen=True)
class ChartBar:
    label: str
    title: str
    x: int
    y: int
    height: int
    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class ColumnChart:
    bars: tuple[ChartBar, ...]
    width: int
    height: int
    bar_width: int
    baseline: int


def column_chart(columns: Sequence[Column]) -> ColumnChart:
    """Bars scaled to the largest shown value; a hidden or zero value draws no bar."""
    top = max((c.value for c in columns if c.value is not None), default=0) or 1
    bars = []
    for n, column in enumerate(columns):
        height = round((column.value or 0) / top * CHART_HEIGHT)
        bars.append(
            ChartBar(
                label=column.label,
                title=column.title,
                x=n * (BAR_WIDTH + BAR_GAP) + BAR_GAP,
                y=CHART_HEIGHT - height + TOP_MARGIN,
                height=height,
                value=column.value,
            )
        )
    return ColumnChart(
        bars=tuple(bars),
        width=max(1, len(columns)) * (BAR_WIDTH + BAR_GAP) + BAR_GAP,
        height=CHART_HEIGHT + TOP_MARGIN + BOTTOM_MARGIN,
        bar_width=BAR_WIDTH,
        baseline=CHART_HEIGHT + TOP_MARGIN,
    )
