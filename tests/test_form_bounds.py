"""Every field of every form of the project is bounded: a date refuses the years 0001 and
9999, a number refuses 2³¹, a text has a maximum length. A page's form then never passes a
value on that overflows a date, a week or a database column (a 500), whoever adds the form.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError

from sousei.core.forms import INT_MAX


def project_forms() -> list[type[forms.BaseForm]]:
    found: list[type[forms.BaseForm]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("sousei."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


FORMS = project_forms()


def refuses(field: forms.Field, value: object) -> bool:
    try:
        field.run_validators(value)
    except ValidationError:
        return True
    return False


def test_the_project_has_forms() -> None:
    assert len(FORMS) > 20


@pytest.mark.parametrize("form", FORMS, ids=[f"{f.__module__}.{f.__name__}" for f in FORMS])
def test_every_field_is_bounded(form: type[forms.BaseForm]) -> None:
    unbounded = []
    fields: dict[str, forms.Field] = form.base_fields  # type: ignore[attr-defined]
    for name, field in fields.items():
        if isinstance(field, forms.DateTimeField):
            far = [dt.datetime(1, 1, 1, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, tzinfo=dt.UTC)]
            if not all(refuses(field, value) for value in far):
                unbounded.append(f"{name}: dates in 0001 and 9999")
        elif isinstance(field, forms.DateField):
            if not all(refuses(field, value) for value in [dt.date(1, 1, 1), dt.date.max]):
                unbounded.append(f"{name}: dates in 0001 and 9999")
        elif isinstance(field, forms.IntegerField):
            maximum = field.max_value
            if not isinstance(maximum, int | Decimal) or maximum > INT_MAX:
                unbounded.append(f"{name}: no maximum within 2³¹ − 1")
        elif isinstance(field, forms.CharField) and field.max_length is None:
            unbounded.append(f"{name}: no maximum length")
    assert not unbounded, unbounded
