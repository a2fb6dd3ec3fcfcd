"""Training pages: the course catalogue with its plan preview, course editing, enrolling,
licence pools, the at-risk list, each enrolment's page for trainers and operators, the
participant's own learning page (plan, study log, certificate), notifications, and the
public certificate check. Views parse, call one service or selector, render."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core.access import region_roles, region_view, signed_in_user
from sousei.core.errors import Conflict
from sousei.core.models import Organization, Region, RegionOrganization
from sousei.core.roles import Role
from sousei.core.templatetags.sousei import jdate
from sousei.people.models import Participant
from sousei.training import planning, selectors
from sousei.training.certificate_pdf import (
    CertificateData,
    certificate_filename,
    render_certificate_pdf,
)
from sousei.training.forms import (
    AssessmentForm,
    CourseForm,
    EnrolmentForm,
    ModuleFormSet,
    PlanPreviewForm,
    ReplanForm,
    SkillFormSet,
    StudyLogForm,
    WithdrawForm,
    add_service_errors,
    course_input,
    hours_label,
    hours_text,
    module_initial,
)
from sousei.training.models import (
    Certificate,
    Course,
    CourseModule,
    CourseSkill,
    Enrolment,
    EnrolmentStatus,
    PlanRevision,
    ProgressEntry,
)
from sousei.training.selectors import EnrolmentProgress
from sousei.training.services import courses as course_services
from sousei.training.services import enrolments as services
from sousei.training.services.licences import waiting_queue

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
OPERATORS = frozenset({Role.OPERATOR})
PARTICIPANTS = frozenset({Role.PARTICIPANT})
# The public page lists this many people waiting for a product's seat.
WAITING_SHOWN = 50


# --- what the templates show -------------------------------------------------------------


@dataclass(frozen=True)
class ModuleRow:
    module: CourseModule
    hours: str
    planned_end: dt.date | None = None
    finished: bool = False


@dataclass(frozen=True)
class SkillRow:
    code: str
    name: str
    level: int


@dataclass(frozen=True)
class CourseCard:
    """A course with its figures as people read them (hours, not minutes)."""

    course: Course
    hours: str
    modules: list[ModuleRow]
    skills: list[SkillRow]

    @classmethod
    def of(
        cls,
        course: Course,
        *,
        planned: dict[int, dt.date] | None = None,
        finished: Collection[int] = (),
    ) -> CourseCard:
        english = (translation.get_language() or "ja").startswith("en")
        skills: Iterable[CourseSkill] = course.skills.all()
        return cls(
            course=course,
            hours=hours_text(getattr(course, "total_minutes", None) or 0),
            modules=[
                ModuleRow(
                    m,
                    hours_text(m.minutes),
                    (planned or {}).get(m.pk),
                    m.pk in finished,
                )
                for m in course.modules.all()
            ],
            skills=sorted(
                (
                    SkillRow(
                        s.skill.code, s.skill.name_en if english else s.skill.name_ja, s.level
                    )
                    for s in skills
                ),
                key=lambda s: (-s.level, s.code),
            ),
        )


@dataclass(frozen=True)
class PreviewLine:
    daily_minutes: int
    hours: str
    completion_date: dt.date
    study_days: int
    months: str
    current: bool = False


@dataclass(frozen=True)
class PlanDayRow:
    date: dt.date
    hours: str
    parts: list[tuple[str, str]]
    past: bool
    today: bool


@dataclass
class PlanMonth:
    first: dt.date
    days: list[PlanDayRow] = field(default_factory=list)
    minutes: int = 0
    open: bool = False

    @property
    def hours(self) -> str:
        return hours_text(self.minutes)


@dataclass(frozen=True)
class ProgressView:
    """An enrolment's progress as the pages show it."""

    progress: EnrolmentProgress

    @property
    def enrolment(self) -> Enrolment:
        return self.progress.enrolment

    @property
    def done(self) -> str:
        return hours_text(self.enrolment.minutes_done)

    @property
    def total(self) -> str:
        return hours_text(self.progress.minutes_total)

    @property
    def percent(self) -> int:
        return self.progress.percent

    @property
    def daily(self) -> str:
        return hours_text(self.enrolment.daily_minutes)

    @property
    def days_late(self) -> int:
        projected = self.enrolment.projected_completion_date
        if projected is None:
            return 0
        return max(0, (projected - self.enrolment.planned_completion_date).days)

    @property
    def weekday_names(self) -> str:
        """月・火・水・木・金 (Mon, Tue, … in English)."""
        separator = "・" if (translation.get_language() or "ja").startswith("ja") else ", "
        return separator.join(str(WEEKDAYS_ABBR[day]) for day in sorted(self.enrolment.weekday_set))


@dataclass(frozen=True)
class EntryRow:
    entry: ProgressEntry
    hours: str


@dataclass(frozen=True)
class RevisionRow:
    revision: PlanRevision
    hours: str


@dataclass(frozen=True)
class RiskRow:
    enrolment: Enrolment
    done: str

    @property
    def days_late(self) -> int:
        projected = self.enrolment.projected_completion_date
        if projected is None:
            return 0
        return max(0, (projected - self.enrolment.planned_completion_date).days)


# --- helpers -----------------------------------------------------------------------------


def _conflict_text(conflict: Conflict) -> str:
    return str(conflict.message) % conflict.params if conflict.params else str(conflict.message)


def _plan_error_text(error: planning.PlanInputError) -> str:
    return _(error.template) % error.params


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _months(start: dt.date, end: dt.date) -> str:
    """Calendar time from start to end in half months: "3", "2.5"."""
    halves = max(1, round((end - start).days / 30.44 * 2))
    return hours_text(halves * 30)


def _preview_lines(
    region: Region,
    *,
    total_minutes: int,
    start: dt.date,
    weekdays: frozenset[int],
    skip_holidays: bool,
    current: int | None = None,
) -> list[PreviewLine]:
    options = sorted(set(planning.PREVIEW_DAILY_MINUTES) | ({current} if current else set()))
    rows = planning.preview(
        total_minutes,
        start=start,
        options=options,
        weekdays=weekdays,
        skip_holidays=skip_holidays,
        closed_periods=services.closed_periods(region),
    )
    return [
        PreviewLine(
            daily_minutes=row.daily_minutes,
            hours=hours_text(row.daily_minutes),
            completion_date=row.completion_date,
            study_days=row.study_days,
            months=_months(start, row.completion_date),
            current=row.daily_minutes == current,
        )
        for row in rows
    ]


def _course_or_404(course_id: int, *, unpublished: bool) -> Course:
    try:
        course = selectors.course_get(course_id=course_id)
    except Course.DoesNotExist:
        raise Http404 from None
    if not course.is_published and not unpublished:
        raise Http404
    return course


def _enrolment_or_404(enrolment_id: int) -> Enrolment:
    try:
        return selectors.enrolment_get(enrolment_id=enrolment_id)
    except Enrolment.DoesNotExist:
        raise Http404 from None


def _own_enrolment_or_404(request: HttpRequest, enrolment_id: int) -> Enrolment:
    """The caller's own enrolment; anyone else's answers 404 like one that does not exist."""
    participant = selectors.participant_of(user=signed_in_user(request))
    enrolment = _enrolment_or_404(enrolment_id)
    if participant is None or enrolment.participant_id != participant.pk:
        raise Http404
    return enrolment


def _current_plan(
    enrolment: Enrolment,
    course: Course,
    *,
    finished: frozenset[int],
    history: list[PlanRevision],
) -> planning.StudyPlan | None:
    """The plan in force: the first one, or after a replanning what was left from its date."""
    modules: list[CourseModule] = list(course.modules.all())
    start = enrolment.start_date
    if len(history) > 1:
        modules = [m for m in modules if m.pk not in finished]
        start = history[-1].effective_from
    choice = services.PlanChoice(
        start_date=start,
        daily_minutes=enrolment.daily_minutes,
        weekdays=enrolment.weekday_set,
        skip_holidays=enrolment.skip_holidays,
    )
    try:
        return services.plan_for(
            course=course,
            choice=choice,
            modules=[planning.PlanModule(id=m.pk, title=m.title, minutes=m.minutes) for m in modules],
        )
    except ValidationError:
        return None


def _plan_months(plan: planning.StudyPlan | None, course: Course) -> list[PlanMonth]:
    """The plan's study days by month; the month of today (or the first) starts open."""
    if plan is None:
        return []
    today = timezone.localdate()
    labels = {m.pk: str(m) for m in course.modules.all()}
    months: list[PlanMonth] = []
    for day in plan.days:
        first = day.date.replace(day=1)
        if not months or months[-1].first != first:
            months.append(PlanMonth(first=first))
        month = months[-1]
        month.minutes += day.minutes
        month.days.append(
            PlanDayRow(
                date=day.date,
                hours=hours_text(day.minutes),
                parts=[(labels.get(pk, ""), hours_text(minutes)) for pk, minutes in day.parts],
                past=day.date < today,
                today=day.date == today,
            )
        )
    current = next((m for m in months if m.first == today.replace(day=1)), months[0])
    current.open = True
    return months


def _enrolment_context(
    region: Region, enrolment: Enrolment, *, plan_needed: bool = True
) -> dict[str, Any]:
    """What both the staff page and the participant's page show of one enrolment."""
    progress = selectors.enrolment_progress(enrolment=enrolment)
    course = selectors.course_get(course_id=enrolment.course_id)
    history = selectors.plan_history(enrolment=enrolment)
    plan = (
        _current_plan(enrolment, course, finished=progress.finished_module_ids, history=history)
        if plan_needed and enrolment.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITING_LICENCE)
        else None
    )
    planned = dict(plan.module_completion) if plan else {}
    return {
        "region": region,
        "enrolment": enrolment,
        "person": enrolment.participant.person,
        "course": CourseCard.of(course, planned=planned, finished=progress.finished_module_ids),
        "view": ProgressView(progress),
        "certificate": progress.certificate,
        "months": _plan_months(plan, course),
        "history": [RevisionRow(r, hours_text(r.daily_minutes)) for r in history],
        "entries": [
            EntryRow(e, hours_text(e.minutes))
            for e in selectors.progress_entries(enrolment=enrolment)
        ],
        "open": enrolment.status in (EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITING_LICENCE),
        "active": enrolment.status == EnrolmentStatus.ACTIVE,
        "modules": list(course.modules.all()),
    }


def _issuer(region: Region) -> str:
    """The operator company that runs the region's program, which issues its certificates."""
    link = (
        RegionOrganization.objects.filter(organization__kind=Organization.Kind.OPERATOR)
        .select_related("organization")
        .order_by("pk")
        .first()
    )
    return link.organization.name if link else "創生 Sousei"


def _certificate_response(
    request: HttpRequest, region: Region, enrolment: Enrolment
) -> HttpResponse:
    certificate: Certificate | None = selectors.enrolment_progress(enrolment=enrolment).certificate
    if certificate is None:
        raise Http404
    family, _space, given = certificate.holder_name.partition(" ")
    family_kana, _space, given_kana = certificate.holder_name_kana.partition(" ")
    data = CertificateData(
        family_name=family,
        given_name=given,
        family_name_kana=family_kana,
        given_name_kana=given_kana,
        course_title=certificate.course_title,
        tool=certificate.product_name,
        vendor=enrolment.course.product.vendor.name,
        total_hours=Decimal(hours_text(certificate.minutes)),
        completed_on=certificate.completed_on,
        issuer=_issuer(region),
        region_name=region.name_ja,
        code=certificate.code,
        verification_url=request.build_absolute_uri(
            reverse("certificate-verify", kwargs={"code": certificate.code})
        ),
    )
    response = HttpResponse(render_certificate_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(data)}"'
    return response


# --- course catalogue and editing ----------------------------------------------------------


@region_view(roles=ALL_ROLES)
def course_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Every published course of the region; trainers and operators also see drafts."""
    editor = bool(region_roles(request, region) & STAFF)
    courses = selectors.course_list(published_only=not editor)
    return render(
        request,
        "training/course_list.html",
        {"region": region, "cards": [CourseCard.of(c) for c in courses], "editor": editor},
    )


@region_view(roles=ALL_ROLES)
def course_detail(request: HttpRequest, region: Region, course_id: int) -> HttpResponse:
    """A course's modules and skills, and the plan preview: daily hours → completion date."""
    roles = region_roles(request, region)
    course = _course_or_404(course_id, unpublished=bool(roles & STAFF))
    form = PlanPreviewForm(request.GET)
    lines: list[PreviewLine] = []
    start = timezone.localdate()
    weekdays: frozenset[int] = planning.WEEKDAYS_MON_FRI
    skip_holidays = True
    valid = form.is_valid() if form.is_bound else True
    if form.is_bound and valid:
        start = form.cleaned_data["start_date"]
        weekdays = form.weekday_set()
        skip_holidays = form.cleaned_data["skip_holidays"]
    total = getattr(course, "total_minutes", None) or 0
    if valid and total:
        try:
            lines = _preview_lines(
                region,
                total_minutes=total,
                start=start,
                weekdays=weekdays,
                skip_holidays=skip_holidays,
            )
        except planning.PlanInputError as error:
            form.add_error(None, _plan_error_text(error))
    return render(
        request,
        "training/course_detail.html",
        {
            "region": region,
            "card": CourseCard.of(course),
            "form": form,
            "lines": lines,
            "start": start,
            "editor": bool(roles & STAFF),
            "can_enrol": Role.OPERATOR in roles,
        },
    )


@region_view(roles=STAFF)
def course_create(request: HttpRequest, region: Region) -> HttpResponse:
    return _course_edit(request, region, course=None)


@region_view(roles=STAFF)
def course_edit(request: HttpRequest, region: Region, course_id: int) -> HttpResponse:
    return _course_edit(request, region, course=_course_or_404(course_id, unpublished=True))


def _course_edit(request: HttpRequest, region: Region, *, course: Course | None) -> HttpResponse:
    post = request.POST if request.method == "POST" else None
    form = CourseForm(post, initial=CourseForm.initial_for(course) if course else None)
    modules = ModuleFormSet(
        post,
        prefix="modules",
        initial=module_initial(list(course.modules.all())) if course else None,
    )
    skills = SkillFormSet(
        post,
        prefix="skills",
        initial=[{"skill": s.skill_id, "level": s.level} for s in course.skills.all()]
        if course
        else None,
    )
    list_errors: dict[str, list[str]] = {"modules": [], "skills": []}
    general: list[str] = []
    if post is not None and all([form.is_valid(), modules.is_valid(), skills.is_valid()]):
        data = course_input(form, modules, skills)
        actor = signed_in_user(request)
        try:
            if course is None:
                saved = course_services.course_create(region=region, data=data, actor=actor)
            else:
                saved = course_services.course_update(course_id=course.pk, data=data, actor=actor)
        except ValidationError as error:
            for name, errors in error.error_dict.items():
                if name in form.fields:
                    form.add_error(name, errors)
                else:
                    list_errors.get(name, general).extend(ValidationError(errors).messages)
        except Conflict as conflict:
            general.append(_conflict_text(conflict))
        else:
            messages.success(request, _("The course is saved."))
            return redirect("course-detail", slug=region.slug, course_id=saved.pk)
    return render(
        request,
        "training/course_form.html",
        {
            "region": region,
            "course": course,
            "form": form,
            "modules": modules,
            "skills": skills,
            "module_errors": list_errors["modules"],
            "skill_errors": list_errors["skills"],
            "general_errors": general,
        },
        status=422 if post is not None else 200,
    )


# --- enrolling, pools and the at-risk list -------------------------------------------------


@region_view(roles=OPERATORS)
def enrolment_create(request: HttpRequest, region: Region) -> HttpResponse:
    """Enrol a participant on a course with their daily hours; a seat or the waiting list."""
    initial: dict[str, Any] = {}
    for name in ("participant", "course"):
        if request.GET.get(name, "").isdigit():
            initial[name] = int(request.GET[name])
    form = EnrolmentForm(
        request.POST or None,
        initial=initial,
        participants=Participant.objects.select_related("person").order_by(
            "person__family_name_kana", "person__given_name_kana", "pk"
        ),
        courses=Course.objects.filter(is_published=True).order_by("title"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_create(
                participant=form.cleaned_data["participant"],
                course=form.cleaned_data["course"],
                choice=form.to_choice(),
                actor=signed_in_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            form.add_error(None, _conflict_text(conflict))
        else:
            if enrolment.status == EnrolmentStatus.ACTIVE:
                messages.success(request, _("Enrolled. A licence seat is granted."))
            else:
                messages.warning(
                    request,
                    _("Enrolled. No licence seat is free: the participant is on the waiting list."),
                )
            return redirect("enrolment-detail", slug=region.slug, enrolment_id=enrolment.pk)
    return render(
        request,
        "training/enrolment_form.html",
        {"region": region, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=OPERATORS)
def pool_list(request: HttpRequest, region: Region) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "training/pool_list.html",
        {"region": region, "uses": selectors.pool_utilisation(day=today), "today": today},
    )


@region_view(roles=OPERATORS)
def pool_detail(request: HttpRequest, region: Region, pool_id: int) -> HttpResponse:
    """Who holds each seat of a pool, and who waits for the product."""
    today = timezone.localdate()
    use = next((u for u in selectors.pool_utilisation(day=today) if u.pool.pk == pool_id), None)
    if use is None:
        raise Http404
    holders = selectors.pool_holders(pool_id=pool_id)
    waiting = list(
        waiting_queue(product=use.pool.product).select_related(
            "participant__person", "course"
        )[:WAITING_SHOWN]
    )
    return render(
        request,
        "training/pool_detail.html",
        {
            "region": region,
            "use": use,
            "holders": holders,
            "free": max(0, use.pool.seats - use.in_use),
            "waiting": waiting,
            "today": today,
        },
    )


@region_view(roles=STAFF)
def at_risk_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Participants whose pace would miss the plan or who stopped studying, most urgent first."""
    page = selectors.at_risk_page(page=_page_number(request), size=settings.SOUSEI_API_PAGE_SIZE)
    return render(
        request,
        "training/at_risk.html",
        {
            "region": region,
            "page": page,
            "rows": [RiskRow(e, hours_text(e.minutes_done)) for e in page.items],
        },
    )


# --- one enrolment, for trainers and operators ---------------------------------------------


def _staff_page(
    request: HttpRequest,
    region: Region,
    enrolment: Enrolment,
    *,
    bound: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = _enrolment_context(region, enrolment)
    forms: dict[str, Any] = {
        "log_form": StudyLogForm(modules=_unfinished(context)),
        "assessment_form": AssessmentForm(),
        "replan_form": ReplanForm(current_minutes=enrolment.daily_minutes),
        "withdraw_form": WithdrawForm(),
    }
    forms.update(bound or {})
    roles = region_roles(request, region)
    context.update(forms)
    context.update(
        {
            "attempts": list(enrolment.attempts.select_related("recorded_by").order_by("-id")),
            "gaps": services.completion_gaps(enrolment) if context["active"] else [],
            "can_withdraw": Role.OPERATOR in roles,
        }
    )
    return render(request, "training/enrolment_detail.html", context, status=status)


def _unfinished(context: dict[str, Any]) -> list[CourseModule]:
    return [row.module for row in context["course"].modules if not row.finished]


@region_view(roles=STAFF)
def enrolment_detail(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    return _staff_page(request, region, _enrolment_or_404(enrolment_id))


def _back(region: Region, enrolment: Enrolment, anchor: str = "") -> HttpResponse:
    url = reverse("enrolment-detail", kwargs={"slug": region.slug, "enrolment_id": enrolment.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


@region_view(roles=STAFF)
@require_POST
def enrolment_progress(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """A trainer or operator logs study for the participant."""
    enrolment = _enrolment_or_404(enrolment_id)
    modules = list(selectors.course_get(course_id=enrolment.course_id).modules.all())
    form = StudyLogForm(request.POST, modules=modules)
    if _log_study(request, form, enrolment):
        return _back(region, enrolment, "entries")
    return _staff_page(request, region, enrolment, bound={"log_form": form}, status=422)


def _log_study(request: HttpRequest, form: StudyLogForm, enrolment: Enrolment) -> bool:
    """Store the form's study entry; False with the reasons on the form when refused."""
    if not form.is_valid():
        return False
    log = form.to_log()
    try:
        services.progress_log(enrolment_id=enrolment.pk, log=log, actor=signed_in_user(request))
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    except Conflict as conflict:
        form.add_error(None, _conflict_text(conflict))
        return False
    messages.success(
        request,
        _("Logged %(hours)s on %(date)s.")
        % {"hours": hours_label(log.minutes), "date": jdate(log.day)},
    )
    return True


@region_view(roles=STAFF)
@require_POST
def enrolment_assessment(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment_or_404(enrolment_id)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            attempt = services.assessment_record(
                enrolment_id=enrolment.pk,
                score=form.cleaned_data["score"],
                actor=signed_in_user(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            form.add_error(None, _conflict_text(conflict))
        else:
            if attempt.passed:
                messages.success(request, _("Score %(score)s recorded: passed.") % {"score": attempt.score})
            else:
                messages.warning(
                    request,
                    _("Score %(score)s recorded: not passed (pass mark %(mark)s).")
                    % {"score": attempt.score, "mark": enrolment.course.pass_mark},
                )
            return _back(region, enrolment, "assessment")
    return _staff_page(request, region, enrolment, bound={"assessment_form": form}, status=422)


@region_view(roles=STAFF)
@require_POST
def enrolment_complete(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment_or_404(enrolment_id)
    try:
        services.enrolment_complete(enrolment_id=enrolment.pk, actor=signed_in_user(request))
    except Conflict as conflict:
        messages.error(request, _conflict_text(conflict))
        return _back(region, enrolment, "complete")
    messages.success(request, _("The course is completed and the certificate is issued."))
    return _back(region, enrolment)


@region_view(roles=STAFF)
@require_POST
def enrolment_replan(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment_or_404(enrolment_id)
    form = ReplanForm(request.POST, current_minutes=enrolment.daily_minutes)
    if form.is_valid():
        try:
            replanned = services.enrolment_replan(
                enrolment_id=enrolment.pk,
                from_date=form.cleaned_data["from_date"],
                daily_minutes=form.daily_minutes(),
                actor=signed_in_user(request),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except Conflict as conflict:
            form.add_error(None, _conflict_text(conflict))
        else:
            messages.success(
                request,
                _("The new plan ends on %(date)s.")
                % {"date": jdate(replanned.planned_completion_date)},
            )
            return _back(region, enrolment, "plan-history")
    return _staff_page(request, region, enrolment, bound={"replan_form": form}, status=422)


@region_view(roles=OPERATORS)
@require_POST
def enrolment_withdraw(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    enrolment = _enrolment_or_404(enrolment_id)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.enrolment_withdraw(enrolment_id=enrolment.pk, actor=signed_in_user(request))
        except Conflict as conflict:
            form.add_error(None, _conflict_text(conflict))
        else:
            messages.success(request, _("Withdrawn. The licence seat, if any, went to the next person."))
            return _back(region, enrolment)
    return _staff_page(request, region, enrolment, bound={"withdraw_form": form}, status=422)


@region_view(roles=STAFF)
def enrolment_certificate(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    return _certificate_response(request, region, _enrolment_or_404(enrolment_id))


# --- the participant's own learning --------------------------------------------------------


@region_view(roles=PARTICIPANTS)
def my_learning(request: HttpRequest, region: Region) -> HttpResponse:
    """The participant's enrolments with their progress."""
    participant = selectors.participant_of(user=signed_in_user(request))
    enrolments = list(selectors.enrolments_of(participant=participant)) if participant else []
    return render(
        request,
        "training/my_learning.html",
        {
            "region": region,
            "participant": participant,
            "views": [
                ProgressView(selectors.enrolment_progress(enrolment=e)) for e in enrolments
            ],
        },
    )


@region_view(roles=PARTICIPANTS)
def my_enrolment(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """The participant's plan by day, the daily-hours comparison, progress against the plan,
    the study log and, once completed, the certificate."""
    enrolment = _own_enrolment_or_404(request, enrolment_id)
    context = _enrolment_context(region, enrolment)
    form = StudyLogForm(request.POST or None, modules=_unfinished(context))
    if request.method == "POST":
        if _log_study(request, form, enrolment):
            url = reverse("my-enrolment", kwargs={"slug": region.slug, "enrolment_id": enrolment.pk})
            return redirect(f"{url}#progress")
    view: ProgressView = context["view"]
    remaining = view.progress.minutes_total - enrolment.minutes_done
    comparison: list[PreviewLine] = []
    if context["open"] and remaining > 0:
        comparison = _preview_lines(
            region,
            total_minutes=remaining,
            start=max(timezone.localdate(), enrolment.start_date),
            weekdays=enrolment.weekday_set,
            skip_holidays=enrolment.skip_holidays,
            current=enrolment.daily_minutes,
        )
    context.update(
        {
            "log_form": form,
            "comparison": comparison,
            "remaining": hours_text(max(0, remaining)),
            "verify_url": request.build_absolute_uri(
                reverse("certificate-verify", kwargs={"code": context["certificate"].code})
            )
            if context["certificate"]
            else "",
        }
    )
    return render(
        request,
        "training/my_enrolment.html",
        context,
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=PARTICIPANTS)
def my_certificate(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    return _certificate_response(request, region, _own_enrolment_or_404(request, enrolment_id))


@region_view(roles=ALL_ROLES)
def notification_list(request: HttpRequest, region: Region) -> HttpResponse:
    return render(
        request,
        "training/notifications.html",
        {"region": region, "notifications": selectors.notifications_of(user=signed_in_user(request))},
    )


# --- public ------------------------------------------------------------------------------


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Anyone can check a certificate by its code: holder, course, hours, date, and no more."""
    certificate = selectors.certificate_verify(code=code) if len(code) <= 64 else None
    if certificate is None:
        return render(request, "training/verify_not_found.html", {"code": code}, status=404)
    return render(
        request,
        "training/verify.html",
        {"certificate": certificate, "hours": hours_text(certificate.minutes)},
    )
