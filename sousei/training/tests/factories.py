"""Courses, products and pools for training tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User

from sousei.core.models import Organization, Region
from sousei.training.models import (
    Course,
    CourseModule,
    CourseSkill,
    CourseTrainer,
    LicencePool,
    Skill,
    ToolCategory,
    ToolProduct,
)


def product(name: str = "UiPath Studio") -> ToolProduct:
    vendor, _ = Organization.objects.get_or_create(
        kind=Organization.Kind.TOOL_VENDOR, name="UiPath株式会社"
    )
    tool, _ = ToolProduct.objects.get_or_create(
        name=name, defaults={"vendor": vendor, "category": ToolCategory.RPA}
    )
    return tool


def course(
    region: Region,
    *,
    title: str = "UiPath 入門",
    module_minutes: tuple[int, ...] = (2400, 2400, 2400, 2400),
    tool: ToolProduct | None = None,
    pass_mark: int = 70,
    trainers: Iterable[User] = (),
) -> Course:
    """A course of 4 × 40 h = 160 h by default, taught by `trainers`."""
    made = Course.objects.create(
        region=region, title=title, product=tool or product(), pass_mark=pass_mark
    )
    for trainer in trainers:
        CourseTrainer.objects.create(region=region, course=made, user=trainer)
    for position, minutes in enumerate(module_minutes, start=1):
        CourseModule.objects.create(
            region=region, course=made, position=position, title=f"単元{position}", minutes=minutes
        )
    skill, _ = Skill.objects.get_or_create(
        code="rpa.uipath", defaults={"name_ja": "UiPath", "name_en": "UiPath"}
    )
    CourseSkill.objects.create(region=region, course=made, skill=skill, level=2)
    return made


def pool(region: Region, *, seats: int, tool: ToolProduct | None = None) -> LicencePool:
    return LicencePool.objects.create(
        region=region,
        product=tool or product(),
        seats=seats,
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2027, 12, 31),
    )
