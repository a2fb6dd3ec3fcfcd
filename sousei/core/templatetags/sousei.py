"""Template filters for the Japanese way of showing dates, money, roles and regions.

`{% load sousei %}` gives jdate, jdatetime, yen, role_label, role_labels, action_label,
choice_label, model_label, region_name, month_day_span and user_name. Every filter answers ''
for None so templates need no guards around optional values.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.apps import apps
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sousei.core import text
from sousei.core.audit import ACTION_LABELS
from sousei.core.roles import Role
from sousei.core.text import MONTHS_EN, WEEKDAYS_EN

register = template.Library()


def _japanese() -> bool:
    return (translation.get_language() or "ja").startswith("ja")


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format_day(day: date) -> str:
    if _japanese():
        return text.format_date_ja(day)
    return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]} {day.year}"


@register.filter
def jdate(value: date | datetime | None) -> str:
    """2026年12月28日(月) in Japanese, Mon 28 Dec 2026 in English; datetimes in local time."""
    if value is None or value == "":
        return ""
    return _format_day(_local(value))


@register.filter
def jdatetime(value: datetime | None) -> str:
    """jdate followed by the local time: 2026年12月28日(月) 14:05."""
    if value is None or value == "":
        return ""
    local = _local(value)
    if not isinstance(local, datetime):
        return _format_day(local)
    return f"{_format_day(local)} {local:%H:%M}"


@register.filter
def yen(value: int | None) -> str:
    """¥1,057 (core.text.yen); '' for None."""
    if value is None or value == "":
        return ""
    return text.yen(int(value))


@register.filter
def role_label(value: str | None) -> str:
    """The translated name of a role code ('operator' → 運営事業者)."""
    if not value:
        return ""
    try:
        return str(Role(value).label)
    except ValueError:
        return str(value)


@register.filter
def action_label(value: str | None) -> str:
    """The translated meaning of an audit action code; unknown codes are shown as they are."""
    if not value:
        return ""
    label = ACTION_LABELS.get(value)
    return str(label) if label is not None else str(value)


@register.filter
def role_labels(roles: Any) -> str:
    """Several role codes as one translated list, in the order of Role: 運営事業者、自治体."""
    held = set(roles or ())
    return str(_(", ")).join(str(role.label) for role in Role if role.value in held)


@register.filter
def choice_label(value: str | None, field: str) -> str:
    """The translated label of a model field's choice.

    {{ code|choice_label:"people.Person.work_status" }} → パート・アルバイト. Looked up through
    the app registry so core does not import the apps built on it."""
    if value is None or value == "":
        return ""
    app_label, model_name, field_name = field.split(".")
    choices = dict(apps.get_model(app_label, model_name)._meta.get_field(field_name).flatchoices)
    return str(choices.get(value, value))


@register.filter
def model_label(value: str | None) -> str:
    """The translated name of a model from its label ('people.application' → 応募)."""
    if not value:
        return ""
    try:
        model = apps.get_model(value)
    except (LookupError, ValueError):
        return str(value)
    return capfirst(str(model._meta.verbose_name))


@register.filter
def region_name(region: Any) -> str:
    """The region's name in the page's language (name_ja, or name_en in English)."""
    return "" if region is None else str(region.local_name)


def _month_day(text: str) -> str:
    month, day = (int(part) for part in text.split("-"))
    if _japanese():
        return f"{month}月{day}日"
    return f"{day} {MONTHS_EN[month - 1]}"


@register.filter
def month_day_span(value: str | None) -> str:
    """A span closed every year, '12-29..01-03', as people read it: 12月29日〜1月3日 in
    Japanese, 29 Dec – 3 Jan in English; a text that is not such a span comes back as is."""
    if not value:
        return ""
    start, _sep, end = str(value).partition("..")
    try:
        first, last = _month_day(start), _month_day(end or start)
    except ValueError:
        return str(value)
    if first == last:
        return first
    return f"{first}〜{last}" if _japanese() else f"{first} – {last}"


@register.filter
def user_name(user: Any) -> str:
    """An account's name, family name first (core.text.user_name); '' for None."""
    if user is None or user == "":
        return ""
    return text.user_name(user)
