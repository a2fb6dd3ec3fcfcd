"""Writing courses: their details, the ordered modules and the skills they teach."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from sousei.core.audit import audit_record
from sousei.core.errors import Conflict
from sousei.core.models import Membership, Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.training.models import (
    Course,
    CourseModule,
    CourseSkill,
    CourseTrainer,
    ProgressEntry,
    Skill,
    ToolProduct,
)
from sousei.training.planning import DAILY_MINUTES_STEP

MIN_MODULE_MINUTES = 30
# Positions are unique per course; kept modules step aside to these while being reordered.
_REORDER_OFFSET = 10_000


@dataclass(frozen=True, kw_only=True)
class ModuleInput:
    """One module as edited: id of an existing module (None for a new one), its place,
    title, length in minutes and what the learner can do after it."""

    id: int | None
    position: int
    title: str
    minutes: int
    outcome: str = ""


@dataclass(frozen=True, kw_only=True)
class SkillInput:
    skill_id: int
    level: int


@dataclass(frozen=True, kw_only=True)
class CourseInput:
    title: str
    description: str
    product_id: int
    pass_mark: int
    is_published: bool
    modules: tuple[ModuleInput, ...]
    skills: tuple[SkillInput, ...] = ()
    # The users who teach the course (each a trainer of its region); None leaves them as
    # they are (an edit through the API, which does not carry them).
    trainer_ids: tuple[int, ...] | None = None


def _check(data: CourseInput) -> None:
    """Every rule of a course at once, as errors per field ("modules", "skills" for the lists)."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, error: ValidationError) -> None:
        errors.setdefault(field, []).append(error)

    if not data.title.strip():
        add("title", ValidationError(_("Enter the course title.")))
    if not 0 <= data.pass_mark <= 100:
        add("pass_mark", ValidationError(_("Enter the pass mark as a whole number from 0 to 100.")))
    if not ToolProduct.objects.filter(pk=data.product_id).exists():
        add("product", ValidationError(_("Choose the tool the course teaches.")))
    if not data.modules:
        add("modules", ValidationError(_("A course needs at least one module.")))
    repeated = sorted(p for p, n in Counter(m.position for m in data.modules).items() if n > 1)
    if repeated:
        add(
            "modules",
            ValidationError(
                _("Each module needs its own position; %(positions)s is used more than once."),
                params={"positions": ", ".join(str(p) for p in repeated)},
            ),
        )
    for module in data.modules:
        if module.position < 1:
            add("modules", ValidationError(_("Module positions start at 1.")))
        if not module.title.strip():
            add(
                "modules",
                ValidationError(
                    _("Module %(position)s needs a title."), params={"position": module.position}
                ),
            )
        if module.minutes < MIN_MODULE_MINUTES or module.minutes % DAILY_MINUTES_STEP:
            add(
                "modules",
                ValidationError(
                    _("Module %(position)s: give its hours in half-hour steps, at least 0.5."),
                    params={"position": module.position},
                ),
            )
    skill_ids = [s.skill_id for s in data.skills]
    if len(set(skill_ids)) != len(skill_ids):
        add("skills", ValidationError(_("List each skill once.")))
    if any(not 1 <= s.level <= 4 for s in data.skills):
        add("skills", ValidationError(_("Skill levels go from 1 (basic) to 4 (expert).")))
    if Skill.objects.filter(pk__in=skill_ids).count() != len(set(skill_ids)):
        add("skills", ValidationError(_("Choose skills from the list.")))
    if errors:
        raise ValidationError(errors)


def course_create(*, region: Region, data: CourseInput, actor: User | None) -> Course:
    """A new course with its modules and skills."""
    _check(data)
    with transaction.atomic():
        course = Course.objects.create(
            region=region,
            title=data.title.strip(),
            description=data.description.strip(),
            product_id=data.product_id,
            pass_mark=data.pass_mark,
            is_published=data.is_published,
        )
        CourseModule.objects.bulk_create(
            CourseModule(
                region=region,
                course=course,
                position=m.position,
                title=m.title.strip(),
                minutes=m.minutes,
                outcome=m.outcome.strip(),
            )
            for m in sorted(data.modules, key=lambda m: m.position)
        )
        _skills_replace(course, data.skills)
        _trainers_replace(course, data.trainer_ids)
        audit_record(
            region=region,
            actor=actor,
            action="course.create",
            obj=course,
            changes=_summary(data),
        )
    return course


def course_update(*, course_id: int, data: CourseInput, actor: User) -> Course:
    """Change a course. Modules are matched by id: changed in place, added, or removed
    when no one has finished them yet. Existing enrolments keep their plans."""
    _check(data)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course_id)
        existing = {m.pk: m for m in CourseModule.objects.filter(course=course)}
        unknown = [m.id for m in data.modules if m.id is not None and m.id not in existing]
        if unknown:
            raise ValidationError(
                {"modules": _("A module was removed meanwhile. Reload the page and try again.")}
            )
        kept = {m.id for m in data.modules if m.id is not None}
        removed = [module for pk, module in existing.items() if pk not in kept]
        finished = set(
            ProgressEntry.objects.filter(module_finished__in=removed).values_list(
                "module_finished_id", flat=True
            )
        )
        if finished:
            raise Conflict(
                _(
                    "%(modules)s cannot be removed: participants have finished it. "
                    "Change it instead, or unpublish the course."
                ),
                modules="、".join(str(existing[pk]) for pk in sorted(finished)),
            )
        CourseModule.objects.filter(pk__in=[m.pk for m in removed]).delete()
        # Step the kept modules aside first, so a swap of positions never meets the
        # one-module-per-position constraint halfway.
        for index, pk in enumerate(sorted(kept)):
            CourseModule.objects.filter(pk=pk).update(position=_REORDER_OFFSET + index)
        for item in sorted(data.modules, key=lambda m: m.position):
            values = {
                "position": item.position,
                "title": item.title.strip(),
                "minutes": item.minutes,
                "outcome": item.outcome.strip(),
            }
            if item.id is None:
                CourseModule.objects.create(region=course.region, course=course, **values)
            else:
                CourseModule.objects.filter(pk=item.id).update(**values)
        course.title = data.title.strip()
        course.description = data.description.strip()
        course.product_id = data.product_id
        course.pass_mark = data.pass_mark
        course.is_published = data.is_published
        course.save(update_fields=["title", "description", "product", "pass_mark", "is_published"])
        _skills_replace(course, data.skills)
        _trainers_replace(course, data.trainer_ids)
        audit_record(
            region=course.region,
            actor=actor,
            action="course.update",
            obj=course,
            changes={**_summary(data), "removed_modules": len(removed)},
        )
    return course


def _skills_replace(course: Course, skills: tuple[SkillInput, ...]) -> None:
    CourseSkill.objects.filter(course=course).delete()
    CourseSkill.objects.bulk_create(
        CourseSkill(region=course.region, course=course, skill_id=s.skill_id, level=s.level)
        for s in skills
    )


def _trainers_replace(course: Course, trainer_ids: tuple[int, ...] | None) -> None:
    if trainer_ids is None:
        return
    wanted = set(trainer_ids)
    trainers = set(
        Membership.objects.filter(
            region=course.region, role=Role.TRAINER, user_id__in=wanted
        ).values_list("user_id", flat=True)
    )
    if wanted - trainers:
        raise ValidationError(
            {"trainers": _("Choose trainers of this region only; ask the office to add a trainer.")}
        )
    CourseTrainer.objects.filter(course=course).exclude(user_id__in=trainers).delete()
    held = set(CourseTrainer.objects.filter(course=course).values_list("user_id", flat=True))
    CourseTrainer.objects.bulk_create(
        CourseTrainer(region=course.region, course=course, user_id=user_id)
        for user_id in sorted(trainers - held)
    )


def _summary(data: CourseInput) -> dict[str, object]:
    return {
        "title": data.title.strip(),
        "product": data.product_id,
        "pass_mark": data.pass_mark,
        "published": data.is_published,
        "modules": len(data.modules),
        "minutes": sum(m.minutes for m in data.modules),
        "skills": {str(s.skill_id): s.level for s in data.skills},
        **({"trainers": sorted(data.trainer_ids)} if data.trainer_ids is not None else {}),
    }


def course_catalogue_copy(*, source: Region, target: Region, actor: User | None) -> list[Course]:
    """Copy the template region's courses (modules and skills too) into a new region,
    unpublished, so its operator reviews and publishes each. A course whose title the
    target already has is left alone, so copying twice adds nothing. Returns the new ones."""
    with region_scope(source):
        templates = [
            CourseInput(
                title=course.title,
                description=course.description,
                product_id=course.product_id,
                pass_mark=course.pass_mark,
                is_published=False,
                modules=tuple(
                    ModuleInput(
                        id=None,
                        position=m.position,
                        title=m.title,
                        minutes=m.minutes,
                        outcome=m.outcome,
                    )
                    for m in course.modules.order_by("position")
                ),
                skills=tuple(
                    SkillInput(skill_id=s.skill_id, level=s.level) for s in course.skills.all()
                ),
            )
            for course in Course.objects.prefetch_related("modules", "skills").order_by("pk")
        ]
    created: list[Course] = []
    with region_scope(target), transaction.atomic():
        existing = set(Course.objects.values_list("title", flat=True))
        for data in templates:
            if data.title in existing:
                continue
            created.append(course_create(region=target, data=data, actor=actor))
        if created:
            audit_record(
                region=target,
                actor=actor,
                action="course.catalogue_copy",
                obj=target,
                changes={"from": source.slug, "courses": [c.title for c in created]},
            )
    return created
