"""Tenancy by construction: tenant tables cannot be read without a region scope."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

import sousei
from sousei.core.models import Region
from sousei.core.scoping import RegionOwned, ScopeError, region_scope, scopes_disabled
from sousei.people.models import Application
from sousei.people.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_the_scoped_manager_refuses_an_unscoped_query(koga: Region) -> None:
    with region_scope(koga):
        ApplicationFactory.create(region=koga)
    with pytest.raises(ScopeError):
        list(Application.objects.all())
    with pytest.raises(ScopeError):
        Application.objects.count()


def test_a_scope_sees_only_its_own_region(koga: Region, fukutsu: Region) -> None:
    with region_scope(koga):
        mine = ApplicationFactory.create(region=koga)
    with region_scope(fukutsu):
        theirs = ApplicationFactory.create(region=fukutsu)
    with region_scope(koga):
        assert list(Application.objects.values_list("pk", flat=True)) == [mine.pk]
        assert not Application.objects.filter(pk=theirs.pk).exists()
    with scopes_disabled():
        assert Application.objects.count() == 2


def sousei_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m.__module__.startswith("sousei.")]


@pytest.mark.parametrize("model", sousei_models(), ids=lambda m: m._meta.label)
def test_every_table_with_a_region_is_region_owned(model: type[models.Model]) -> None:
    """A region foreign key means tenant data: it must use the scoped base class, and every
    unique constraint must include the region (what a distributed database needs)."""
    fields = {f.name for f in model._meta.get_fields()}
    if "region" not in fields:
        return
    assert issubclass(model, RegionOwned), f"{model._meta.label} must subclass RegionOwned"
    region_field = model._meta.get_field("region")
    assert not region_field.null
    assert region_field.db_index  # type: ignore[attr-defined]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            # A constraint over expressions (the person's lower-cased e-mail) names the
            # region as F("region") among them.
            named = set(constraint.fields) | {
                getattr(expression, "name", None) for expression in constraint.expressions
            }
            assert "region" in named, f"{constraint.name} must include region"
    with pytest.raises(ScopeError):
        list(model.objects.all())


def test_application_code_leaves_its_region_only_with_a_reason() -> None:
    """Outside migrations and tests, code that works across regions says why
    (`cross_region("reason")`), so every such place can be found and reviewed; bare
    `scopes_disabled()` is core.scoping's own."""
    root = Path(sousei.__file__).resolve().parent
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(root).parts)
        and path.relative_to(root) != Path("core/scoping.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "scopes_disabled(" in line
    ]
    assert found == []
