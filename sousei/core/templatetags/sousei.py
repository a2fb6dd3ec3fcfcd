"""Template filters for the Japanese way of showing dates, money, roles and regions.

`{% load sousei %}` gives jdate, jdatetime, yen, role_label, role_labels, action_label,
choice_label, model_label, region_name, month_day_span, user_name and municipality_name.
Every filter answers '' for None so templates need no guards around optional values.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sousei.core import postal, text
from sousei.core.audit import ACTION_LABELS, CHANGE_VALUE_LABELS
from sousei.core.roles import Role
from sousei.core.text import MONTHS_EN, WEEKDAYS_EN  # noqa: F401 (views import them from here)

register = template.Library()


def _japanese() -> bool:
    return (translation.get_language() or "ja").startswith("ja")


def _local(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _format_day(day: date) -> str:
    return text.format_date(day)


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
def jperiod(start: datetime | None, end: datetime | None) -> str:
    """A time span as people write it: 2026年12月13日(日) 19:00–20:00 within one local day,
    both ends in full (jdatetime) across days."""
    if start is None or start == "":
        return ""
    if end is None or end == "":
        return jdatetime(start)
    first, last = _local(start), _local(end)
    if isinstance(first, datetime) and isinstance(last, datetime) and first.date() == last.date():
        return f"{_format_day(first)} {first:%H:%M}–{last:%H:%M}"
    return f"{jdatetime(start)} – {jdatetime(end)}"


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


# Change keys of audit entries that are not a field of the audited model.
CHANGE_KEY_LABELS: dict[str, Any] = {
    "from": _("before"),
    "to": _("after"),
    "reason": _("reason"),
    "fields": _("fields"),
    "records": _("records"),
    "rows": _("rows"),
    "format": _("format"),
    "week": _("week from"),
    "month": _("month"),
}


def _audit_field(model: Any, key: str) -> Any:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def _audit_value(value: Any, *, code_label: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, list):
        return str(_(", ")).join(_audit_value(item, code_label=code_label) for item in value)
    if isinstance(value, dict):
        return str(_(", ")).join(
            f"{k}: {_audit_value(v, code_label=code_label)}" for k, v in value.items()
        )
    if isinstance(value, str):
        try:
            if len(value) == 10:
                return jdate(date.fromisoformat(value))
            if len(value) > 10 and value[10] == "T":
                return jdatetime(datetime.fromisoformat(value))
        except ValueError:
            pass
        return code_label(value)
    return str(value)


@register.filter
def audit_changes(entry: Any) -> list[tuple[str, str]]:
    """An audit entry's changes as people read them: the field's name for its key, labels for
    codes, Japanese dates, and a move from one value to another as "a → b" (never a raw key or
    a Python list)."""
    try:
        model = apps.get_model(entry.object_type)
    except (LookupError, ValueError):
        model = None
    status = _audit_field(model, "status")
    rows = []
    for key, value in (entry.changes or {}).items():
        if value == "":
            continue
        field = _audit_field(model, key)
        if key in ("from", "to"):
            field = status
        if key == "fields" and isinstance(value, list):
            value = [_field_name(_audit_field(model, name), name) for name in value]
        choices = dict(field.flatchoices) if field is not None and field.choices else {}
        by_key = CHANGE_VALUE_LABELS.get(key)

        def code_label(code: str, choices: dict[Any, Any] = choices, by_key: Any = by_key) -> str:
            if code in choices:
                return str(choices[code])
            return str(by_key(code)) if by_key is not None else code

        label = CHANGE_KEY_LABELS.get(key) or _field_name(field, key)
        if isinstance(value, list) and len(value) == 2 and key not in ("fields", "stages"):
            before, after = (_audit_value(v, code_label=code_label) for v in value)
            text_value = after if before == after else f"{before} → {after}"
        else:
            text_value = _audit_value(value, code_label=code_label)
        rows.append((capfirst(str(label)), text_value))
    return rows


def _field_name(field: Any, key: str) -> str:
    if field is not None and getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    return key.replace("_", " ")


@lru_cache(maxsize=512)
def _municipality_text(code: str) -> str:
    found = postal.municipality(code)
    return f"{found.prefecture}{found.name}" if found is not None else code


@register.filter
def municipality_name(code: str | None) -> str:
    """A JIS X 0402 code as the place people know (40223 → 福岡県古賀市); the code itself
    when it is not a known municipality."""
    if not code:
        return ""
    return _municipality_text(str(code))
