"""`{% figure value "yen" %}`: an impact figure as the page prints it — yen, per cent or a
count. A figure without a value (None) is x (秘匿) for a reader who sees small groups hidden
(the context's `exact` is false), and — for an operator, to whom nothing is hidden: there it
only means nobody to count yet (a rate of nobody, a median of no one)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sousei.core import text

register = template.Library()


@register.simple_tag(takes_context=True)
def figure(
    context: template.Context, value: int | float | None, unit: str = "people"
) -> SafeString | str:
    if value is None and context.get("exact"):
        return format_html('<span title="{}">—</span>', _("nobody to count yet"))
    if value is None:
        return format_html(
            '<abbr class="hidden-figure" title="{}">x</abbr>',
            _("hidden: fewer than 3 people (秘匿)"),
        )
    if unit == "yen":
        return text.yen(int(value))
    if unit == "percent":
        return f"{value:.1f} %"
    return f"{int(value):,}"
