"""Training pages: the course catalogue with its plan preview, course editing, enrolling,
licence pools, the at-risk list, each enrolment's page for trainers and operators, the
participant's own learning page (plan, study log, certificate), and the
public certificate check. Views parse, call one service or selector, render.

Figures are shown in hours (2.5時間) and stored in minutes: the small dataclasses below carry
the hours text the templates print."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_reader, region_roles, region_view, signed_in_user
from sousei.core.errors import Conflict, run_service
from sousei.core.forms import query_int
from sousei.core.models import Region
from sousei.core.pagination import page_number
from sousei.core.roles import Role
from sousei.core.templatetags.sousei import MONTHS_EN, WEEKDAYS_EN, jdate
from sousei.core.text import WEEKDAY_JA, study_hours
from sousei.training import forms, planning, selectors
from sousei.training.access import (
    certificate_visible,
    course_editable,
    course_taught,
    course_visible,
    enrolment_visible,
    trainer_scope,
)
from sousei.training.certificates import certificate_pdf_response, verification_url_for
from sousei.training.forms import hours_text
from sousei.training.models import (
    Course,
    CourseModule,
    Enrolment,
    EnrolmentStatus,
    PlanRevision,
)
from sousei.training.selectors import EnrolmentProgress
from sousei.training.services import courses as course_services
from sousei.training.services import enrolments as services

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.OPERATOR, Role.TRAINER})
OPERATORS = frozenset({Role.OPERATOR})
PARTICIPANTS = frozenset({Role.PARTICIPANT})
OPEN_STATUSES = (EnrolmentStatus.ACTIVE, EnrolmentStatus.WAITING_LICENCE)
WAITING_SHOWN = 50  # the pool page lists this many of the people waiting for its tool


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
    """A course with its modules and skills as people read them."""

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
        planned = planned or {}
        return cls(
            course=course,
            hours=study_hours(getattr(course, "total_minutes", None) or 0),
            modules=[
                ModuleRow(m, study_hours(m.minutes), planned.get(m.pk), m.pk in finished)
                for m in course.modules.all()
            ],
            skills=sorted(
                (SkillRow(s.skill.code, s.skill.local_name, s.level) for s in course.skills.all()),
                key=lambda s: (-s.level, s.code),
            ),
        )


@dataclass(frozen=True)
class PreviewLine:
    """One row of a daily-hours comparison."""

    hours: str
    completion_date: dt.date
    study_days: int
    months: str
    current: bool = False


@dataclass(frozen=True)
class PlanDayRow:
    date: dt.date
    hours: str
    parts: list[tuple[str, str]]  # (module, hours of it that day)
    past: bool
    today: bool

    @property
    def label(self) -> str:
        """The day within its month's table: 12月1日(火), Tue 1 Dec."""
        day = self.date
        if (translation.get_language() or "ja").startswith("ja"):
            return f"{day.month}月{day.day}日({WEEKDAY_JA[day.weekday()]})"
        return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]}"


@dataclass
class PlanMonth:
    first: dt.date
    days: list[PlanDayRow] = field(default_factory=list)
    minutes: int = 0
    open: bool = False

    @property
    def hours(self) -> str:
        return study_hours(self.minutes)


@dataclass(frozen=True)
class Timed:
    """A row (progress entry, plan revision, at-risk enrolment) with its hours as text."""

    item: Any
    hours: str
    days_late: int = 0


def _days_late(enrolment: Enrolment) -> int:
    projected = enrolment.projected_completion_date
    return max(0, (projected - enrolment.planned_completion_date).days) if projected else 0


@dataclass(frozen=True)
class ProgressView:
    """An enrolment's progress against its plan."""

    progress: EnrolmentProgress

    @property
    def enrolment(self) -> Enrolment:
        return self.progress.enrolment

    @property
    def done(self) -> str:
        return study_hours(self.enrolment.minutes_done)

    @property
    def total(self) -> str:
        return study_hours(self.progress.minutes_total)

    @property
    def percent(self) -> int:
        return self.progress.percent

    @property
    def daily(self) -> str:
        return study_hours(self.enrolment.daily_minutes)

    @property
    def days_late(self) -> int:
        return _days_late(self.enrolment)

    @property
    def weekday_names(self) -> str:
        """月・火・水・木・金 (Mon, Tue, … in English)."""
        separator = "・" if (translation.get_language() or "ja").startswith("ja") else ", "
        days = sorted(self.enrolment.weekday_set)
        return separator.join(str(WEEKDAYS_ABBR[day]) for day in days)


# --- helpers -----------------------------------------------------------------------------


def _months(start: dt.date, end: dt.date) -> str:
    """Calendar time from start to end in half months: "3", "2.5"."""
    return hours_text(max(1, round((end - start).days / 30.44 * 2)) * 30)


def _preview_lines(
    region: Region,
    *,
    total_minutes: int,
    start: dt.date,
    weekdays: frozenset[int],
    skip_holidays: bool,
    current: int | None = None,
) -> list[PreviewLine]:
    """The completion date for 2, 2.5, 3, 4 and 8 hours a day (and the current choice)."""
    options = sorted({*planning.PREVIEW_DAILY_MINUTES, *([current] if current else [])})
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
            hours=study_hours(row.daily_minutes),
            completion_date=row.completion_date,
            study_days=row.study_days,
            months=_months(start, row.completion_date),
            current=row.daily_minutes == current,
        )
        for row in rows
    ]


def _current_plan(
    enrolment: Enrolment, course: Course, *, finished: frozenset[int], history: list[PlanRevision]
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
    plan_modules = [planning.PlanModule(id=m.pk, title=m.title, minutes=m.minutes) for m in modules]
    try:
        return services.plan_for(course=course, choice=choice, modules=plan_modules)
    except ValidationError:  # nothing left to plan
        return None


def _plan_months(plan: planning.StudyPlan | None, course: Course) -> list[PlanMonth]:
    """The plan's study days by month; the month of today (or else the first) starts open."""
    if plan is None:
        return []
    today = clock.today()
    labels = {m.pk: str(m) for m in course.modules.all()}
    months: list[PlanMonth] = []
    for day in plan.days:
        first = day.date.replace(day=1)
        if not months or months[-1].first != first:
            months.append(PlanMonth(first=first))
        months[-1].minutes += day.minutes
        months[-1].days.append(
            PlanDayRow(
                date=day.date,
                hours=study_hours(day.minutes),
                parts=[(labels.get(pk, ""), study_hours(minutes)) for pk, minutes in day.parts],
                past=day.date < today,
                today=day.date == today,
            )
        )
    current = next((m for m in months if m.first == today.replace(day=1)), months[0])
    current.open = True
    return months


def _enrolment_context(region: Region, enrolment: Enrolment) -> dict[str, Any]:
    """What the staff page and the participant's page both show of one enrolment."""
    progress = selectors.enrolment_progress(enrolment=enrolment)
    course = selectors.course_get(course_id=enrolment.course_id)
    history = selectors.plan_history(enrolment=enrolment)
    is_open = enrolment.status in OPEN_STATUSES
    finished = progress.finished_module_ids
    plan = _current_plan(enrolment, course, finished=finished, history=history) if is_open else None
    return {
        "region": region,
        "enrolment": enrolment,
        "person": enrolment.participant.person,
        "course": CourseCard.of(
            course, planned=dict(plan.module_completion) if plan else None, finished=finished
        ),
        "view": ProgressView(progress),
        "certificate": progress.certificate,
        "months": _plan_months(plan, course),
        "history": [Timed(r, study_hours(r.daily_minutes)) for r in history],
        "entries": [
            Timed(e, study_hours(e.minutes))
            for e in selectors.progress_entries(enrolment=enrolment)
        ],
        "open": is_open,
        "active": enrolment.status == EnrolmentStatus.ACTIVE,
    }


def _unfinished(context: dict[str, Any]) -> list[CourseModule]:
    return [row.module for row in context["course"].modules if not row.finished]


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
    """A course's modules and skills, and the plan preview: hours a day → completion date."""
    roles = region_roles(request, region)
    course = course_visible(region_reader(request, region), course_id)
    form = forms.PlanPreviewForm(request.GET)
    calendar = form.calendar()
    lines: list[PreviewLine] = []
    total = getattr(course, "total_minutes", None) or 0
    if calendar is not None and total:
        start, weekdays, skip_holidays = calendar
        try:
            lines = _preview_lines(
                region,
                total_minutes=total,
                start=start,
                weekdays=weekdays,
                skip_holidays=skip_holidays,
            )
        except planning.PlanInputError as error:
            form.add_error(None, _(error.template) % error.params)
    return render(
        request,
        "training/course_detail.html",
        {
            "region": region,
            "card": CourseCard.of(course),
            "form": form,
            "lines": lines,
            "start": calendar[0] if calendar else None,
            "editor": course_taught(region_reader(request, region), course.pk),
            "can_enrol": Role.OPERATOR in roles,
        },
    )


@region_view(roles=STAFF)
def course_create(request: HttpRequest, region: Region) -> HttpResponse:
    return _course_edit(request, region, course=None)


@region_view(roles=STAFF)
def course_edit(request: HttpRequest, region: Region, course_id: int) -> HttpResponse:
    course = course_editable(region_reader(request, region), course_id)
    return _course_edit(request, region, course=course)


def _course_edit(request: HttpRequest, region: Region, *, course: Course | None) -> HttpResponse:
    posted = request.method == "POST"
    roles = region_roles(request, region)
    trainer = course is None and Role.TRAINER in roles and Role.OPERATOR not in roles
    editor = forms.CourseEditor(
        request.POST if posted else None,
        course=course,
        region=region,
        teacher=signed_in_user(request) if trainer else None,
    )
    if posted and editor.is_valid():
        data, actor = editor.to_input(), signed_in_user(request)
        try:
            if course is None:
                saved = course_services.course_create(region=region, data=data, actor=actor)
            else:
                saved = course_services.course_update(course_id=course.pk, data=data, actor=actor)
        except ValidationError as error:
            editor.add_service_errors(error)
        except Conflict as conflict:
            editor.general_errors.append(str(conflict))
        else:
            messages.success(request, _("The course is saved."))
            return redirect("course-detail", slug=region.slug, course_id=saved.pk)
    return render(
        request,
        "training/course_form.html",
        {"region": region, "course": course, "editor": editor},
        status=422 if posted else 200,
    )


# --- enrolling, pools and the at-risk list -------------------------------------------------


@region_view(roles=OPERATORS)
def enrolment_create(request: HttpRequest, region: Region) -> HttpResponse:
    """Enrol a participant on a course with their daily hours: a seat or the waiting list.
    ?participant= and ?course= preselect (links from an application or a course page)."""
    initial = {k: query_int(request, k) for k in ("participant", "course") if query_int(request, k)}
    form = forms.EnrolmentForm(
        request.POST or None,
        initial=initial,
        participants=selectors.participants_to_enrol(),
        courses=selectors.published_courses(),
    )
    if request.method == "POST" and form.is_valid():
        enrolment = run_service(
            form,
            lambda: services.enrolment_create(
                participant=form.cleaned_data["participant"],
                course=form.cleaned_data["course"],
                choice=form.to_choice(),
                actor=signed_in_user(request),
            ),
        )
        if enrolment is not None:
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
    today = clock.today()
    return render(
        request,
        "training/pool_list.html",
        {"region": region, "uses": selectors.pool_utilisation(day=today), "today": today},
    )


@region_view(roles=OPERATORS)
def pool_detail(request: HttpRequest, region: Region, pool_id: int) -> HttpResponse:
    """Who holds each seat of a pool, and who waits for its tool."""
    today = clock.today()
    use = next((u for u in selectors.pool_utilisation(day=today) if u.pool.pk == pool_id), None)
    if use is None:
        raise Http404
    return render(
        request,
        "training/pool_detail.html",
        {
            "region": region,
            "use": use,
            "holders": selectors.pool_holders(pool_id=pool_id),
            "free": max(0, use.pool.seats - use.in_use),
            "waiting": selectors.waiting_for(product=use.pool.product, limit=WAITING_SHOWN),
        },
    )


@region_view(roles=STAFF)
def at_risk_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Participants whose pace would miss the plan or who stopped studying, most urgent first:
    a trainer's learners, every learner for the office."""
    page = selectors.at_risk_page(
        trainer_id=trainer_scope(region_reader(request, region)),
        page=page_number(request),
        size=settings.SOUSEI_API_PAGE_SIZE,
    )
    rows = [Timed(e, study_hours(e.minutes_done), _days_late(e)) for e in page.items]
    return render(request, "training/at_risk.html", {"region": region, "page": page, "rows": rows})


@dataclass(frozen=True)
class LearnerRow:
    enrolment: Enrolment
    hours: str
    percent: int


@region_view(roles=STAFF)
def learners(request: HttpRequest, region: Region) -> HttpResponse:
    """A trainer's learners: the enrolments of the courses they teach, with progress and the
    at-risk flag (the office sees every course's)."""
    office = Role.OPERATOR in region_roles(request, region)
    trainer = None if office else signed_in_user(request)
    courses = selectors.learner_courses(trainer=trainer)
    form = forms.LearnerSearchForm(request.GET or None, courses=courses)
    q, course_id, statuses = form.filters()
    page = selectors.learners_page(
        trainer=trainer,
        q=q,
        course_id=course_id,
        statuses=statuses,
        page=page_number(request),
        size=settings.SOUSEI_API_PAGE_SIZE,
    )
    rows = []
    for enrolment in page.items:
        total: int = getattr(enrolment, "course_minutes", 0)
        done = enrolment.minutes_done
        percent = min(100, round(100 * done / total)) if total else 0
        rows.append(LearnerRow(enrolment, study_hours(done), percent))
    # The pages' links keep the search.
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "training/learners.html",
        {
            "region": region,
            "page": page,
            "rows": rows,
            "office": office,
            "form": form,
            "searched": any(request.GET.get(name, "").strip() for name in form.fields),
            "has_courses": bool(courses),
            "query": query.urlencode(),
        },
    )


# --- one enrolment, for trainers and operators ---------------------------------------------


def _staff_page(
    request: HttpRequest,
    region: Region,
    enrolment: Enrolment,
    *,
    bound: dict[str, Form] | None = None,
) -> HttpResponse:
    """The enrolment page; `bound` holds a refused form to show with its errors (422)."""
    context = _enrolment_context(region, enrolment)
    context.update(
        {
            "log_form": forms.StudyLogForm(modules=_unfinished(context)),
            "assessment_form": forms.AssessmentForm(),
            "replan_form": forms.ReplanForm(current_minutes=enrolment.daily_minutes),
            "withdraw_form": forms.WithdrawForm(),
            **(bound or {}),
            "attempts": selectors.assessment_attempts(enrolment=enrolment),
            "gaps": services.completion_gaps(enrolment) if context["active"] else [],
            "can_withdraw": Role.OPERATOR in region_roles(request, region),
        }
    )
    status = 422 if bound else 200
    return render(request, "training/enrolment_detail.html", context, status=status)


def _back(region: Region, enrolment: Enrolment, anchor: str = "") -> HttpResponse:
    url = reverse("enrolment-detail", kwargs={"slug": region.slug, "enrolment_id": enrolment.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


@region_view(roles=STAFF)
def enrolment_detail(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
    return _staff_page(request, region, enrolment)


def _log_study(request: HttpRequest, form: forms.StudyLogForm, enrolment: Enrolment) -> bool:
    """Store the form's study entry; False with the reasons on the form when refused."""
    if not form.is_valid():
        return False
    log = form.to_log()
    user = signed_in_user(request)
    entry = run_service(
        form, lambda: services.progress_log(enrolment_id=enrolment.pk, log=log, actor=user)
    )
    if entry is None:
        return False
    hours = forms.hours_label(log.minutes)
    messages.success(
        request, _("Logged %(hours)s on %(date)s.") % {"hours": hours, "date": jdate(log.day)}
    )
    return True


@region_view(roles=STAFF)
@require_POST
def enrolment_progress(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """A trainer or operator logs study for the participant."""
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
    modules = list(selectors.course_get(course_id=enrolment.course_id).modules.all())
    form = forms.StudyLogForm(request.POST, modules=modules)
    if _log_study(request, form, enrolment):
        return _back(region, enrolment, "entries")
    return _staff_page(request, region, enrolment, bound={"log_form": form})


@region_view(roles=STAFF)
@require_POST
def enrolment_assessment(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
    form = forms.AssessmentForm(request.POST)
    if form.is_valid():
        score, user = form.cleaned_data["score"], signed_in_user(request)
        attempt = run_service(
            form,
            lambda: services.assessment_record(enrolment_id=enrolment.pk, score=score, actor=user),
        )
        if attempt is not None:
            if attempt.passed:
                messages.success(request, _("Score %(score)s recorded: passed.") % {"score": score})
            else:
                messages.warning(
                    request,
                    _("Score %(score)s recorded: not passed (pass mark %(mark)s).")
                    % {"score": score, "mark": enrolment.course.pass_mark},
                )
            return _back(region, enrolment, "assessment")
    return _staff_page(request, region, enrolment, bound={"assessment_form": form})


@region_view(roles=STAFF)
@require_POST
def enrolment_complete(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """Complete the course; when something is missing the page says what (completion_gaps)."""
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
    try:
        services.enrolment_complete(enrolment_id=enrolment.pk, actor=signed_in_user(request))
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return _back(region, enrolment, "complete")
    messages.success(request, _("The course is completed and the certificate is issued."))
    return _back(region, enrolment)


@region_view(roles=STAFF)
@require_POST
def enrolment_replan(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """New daily hours from a date; the earlier plans stay in the history."""
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
    form = forms.ReplanForm(request.POST, current_minutes=enrolment.daily_minutes)
    if form.is_valid():
        from_date, minutes, user = (
            form.cleaned_data["from_date"],
            form.daily_minutes(),
            signed_in_user(request),
        )
        replanned = run_service(
            form,
            lambda: services.enrolment_replan(
                enrolment_id=enrolment.pk, from_date=from_date, daily_minutes=minutes, actor=user
            ),
            form.add_service_errors,
        )
        if replanned is not None:
            end = jdate(replanned.planned_completion_date)
            messages.success(request, _("The new plan ends on %(date)s.") % {"date": end})
            return _back(region, enrolment, "plan-history")
    return _staff_page(request, region, enrolment, bound={"replan_form": form})


@region_view(roles=OPERATORS)
@require_POST
def enrolment_withdraw(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """Withdraw; a held licence seat goes at once to the first person waiting."""
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id)
    form = forms.WithdrawForm(request.POST)
    if form.is_valid():
        user = signed_in_user(request)
        if run_service(
            form, lambda: services.enrolment_withdraw(enrolment_id=enrolment.pk, actor=user)
        ):
            messages.success(request, _("Withdrawn. A held licence seat went to the next person."))
            return _back(region, enrolment)
    return _staff_page(request, region, enrolment, bound={"withdraw_form": form})


# --- the participant's own learning --------------------------------------------------------


@region_view(roles=PARTICIPANTS)
def my_learning(request: HttpRequest, region: Region) -> HttpResponse:
    """The participant's enrolments with their progress."""
    participant = selectors.participant_of(user=signed_in_user(request))
    enrolments = list(selectors.enrolments_of(participant=participant)) if participant else []
    views = [ProgressView(p) for p in selectors.enrolments_progress(enrolments=enrolments)]
    return render(
        request,
        "training/my_learning.html",
        {"region": region, "participant": participant, "views": views},
    )


@region_view(roles=PARTICIPANTS)
def my_enrolment(request: HttpRequest, region: Region, enrolment_id: int) -> HttpResponse:
    """The participant's progress against the plan, the study log form, the daily-hours
    comparison, the plan by day and, once completed, the certificate."""
    enrolment = enrolment_visible(region_reader(request, region), enrolment_id, own=True)
    context = _enrolment_context(region, enrolment)
    form = forms.StudyLogForm(request.POST or None, modules=_unfinished(context))
    if request.method == "POST" and _log_study(request, form, enrolment):
        url = reverse("my-enrolment", kwargs={"slug": region.slug, "enrolment_id": enrolment.pk})
        return redirect(f"{url}#progress")
    remaining = context["view"].progress.minutes_total - enrolment.minutes_done
    comparison: list[PreviewLine] = []
    if context["open"] and remaining > 0:
        comparison = _preview_lines(
            region,
            total_minutes=remaining,
            start=max(clock.today(), enrolment.start_date),
            weekdays=enrolment.weekday_set,
            skip_holidays=enrolment.skip_holidays,
            current=enrolment.daily_minutes,
        )
    context.update(
        {"log_form": form, "comparison": comparison, "remaining": study_hours(max(0, remaining))}
    )
    status = 422 if request.method == "POST" else 200
    return render(request, "training/my_enrolment.html", context, status=status)


# --- certificates ------------------------------------------------------------------------


@region_view(roles=frozenset({Role.PARTICIPANT}) | STAFF)
def certificate_pdf(request: HttpRequest, region: Region, code: str) -> HttpResponse:
    """The certificate as a PDF, for its holder and the region's staff. The public check by
    code (certificate_verify) shows less: the PDF carries the kana, tool and issuer too."""
    certificate = certificate_visible(region_reader(request, region), code)
    return certificate_pdf_response(certificate, verification_url_for(request, certificate))
