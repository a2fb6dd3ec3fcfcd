"""Every field that may hold a person's data is named in the erasure's coverage table: a new
text, JSON, file or birth-date field anywhere fails here until someone decides whether
erasure blanks it or why it may stay."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from sousei.privacy.erasure.coverage import HANDLED_APART, NOT_ABOUT_A_PERSON, PERSONAL

TEXT_LIKE = (models.CharField, models.TextField, models.JSONField, models.FileField)


def personal_candidates() -> dict[str, set[str]]:
    """Per model, the fields that could hold a person's values."""
    found: dict[str, set[str]] = {}
    for model in apps.get_models():
        names = {
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, TEXT_LIKE) or (isinstance(f, models.DateField) and "birth" in f.name)
        }
        if names:
            found[model._meta.label_lower] = names
    return found


def test_every_text_field_is_covered() -> None:
    missing = []
    for label, names in sorted(personal_candidates().items()):
        if label in NOT_ABOUT_A_PERSON or label in HANDLED_APART:
            continue
        personal = PERSONAL.get(label)
        covered = set(personal.erase) | set(personal.keep) if personal else set()
        missing += [f"{label}.{name}" for name in sorted(names - covered)]
    assert missing == [], (
        "Say in sousei/privacy/erasure/coverage.py whether erasure blanks these fields "
        f"or why they stay: {missing}"
    )


def test_the_coverage_table_names_only_real_fields_and_paths() -> None:
    for label, personal in PERSONAL.items():
        model = apps.get_model(label)
        for name in (*personal.erase, *personal.keep):
            model._meta.get_field(name)
        assert not set(personal.erase) & set(personal.keep), label
        if personal.path:
            # The lookup path reaches people.Person.
            current = model
            for step in personal.path.split("__"):
                current = current._meta.get_field(step).related_model
            assert current._meta.label_lower == "people.person", label
    for label in (*NOT_ABOUT_A_PERSON, *HANDLED_APART):
        apps.get_model(label)


def test_no_model_is_both_personal_and_not():
    assert not set(PERSONAL) & set(NOT_ABOUT_A_PERSON)
    assert not set(PERSONAL) & set(HANDLED_APART)
    assert not set(HANDLED_APART) & set(NOT_ABOUT_A_PERSON)
