"""Template filters of the hiring pages: `{% load hiring_tags %}`."""

from __future__ import annotations

import datetime as dt

from django import template

from sousei.core import clock
from sousei.hiring.models import stage_label

register = template.Library()


@register.filter
def days_since(value: dt.datetime | None) -> int:
    """Whole days from a moment to now (the time a candidate has spent in a stage)."""
    if value is None:
        return 0
    return max(0, (clock.now() - value).days)


@register.filter
def stage_name(code: str | None) -> str:
    """A pipeline stage's name in the reader's language (custom stages as named)."""
    return stage_label(code) if code else ""
