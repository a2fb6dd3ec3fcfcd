"""Onboarding and 1-on-1 pages of the virtual workplace.

Onboarding: the checklists the caller follows (the office: all; a manager: their reports';
everyone: their own) with progress, one checklist with its steps to tick off, and the
office's templates. 1-on-1s: the caller's 1-on-1s, starting one, and one 1-on-1's page with
the next meeting's agenda, action items, notes and history. The municipality, clients and
employers' staff see none of it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_roles, region_view, signed_in_user
from sousei.core.errors import add_service_errors, run_service
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.workplace.forms.people import (
    ActionForm,
    AgendaForm,
    NotesForm,
    SeriesForm,
    TemplateStepForm,
)
from sousei.workplace.models import (
    ActionItem,
    AgendaItem,
    OnboardingChecklist,
    OnboardingItem,
    OnboardingTemplate,
    OnboardingTemplateItem,
    OneOnOneMeeting,
    OneOnOneSeries,
)
from sousei.workplace.selectors import onboarding as onboarding_selectors
from sousei.workplace.selectors import one_on_ones as one_on_one_selectors
from sousei.workplace.selectors.people import reports_of
from sousei.workplace.services import onboarding as onboarding_services
from sousei.workplace.services import one_on_ones as one_on_one_services

# Who works in the virtual organisation: staff, participants and hires (candidates hired).
PEOPLE = frozenset({Role.OPERATOR, Role.TRAINER, Role.PARTICIPANT, Role.CANDIDATE})
OPERATORS = frozenset({Role.OPERATOR})


def _is_operator(request: HttpRequest, region: Region) -> bool:
    return Role.OPERATOR in region_roles(request, region)


# --- onboarding ---------------------------------------------------------------------------


@region_view(roles=PEOPLE)
def onboarding_list(request: HttpRequest, region: Region) -> HttpResponse:
    rows = onboarding_selectors.checklists_for(
        user=signed_in_user(request),
        is_operator=_is_operator(request, region),
        today=clock.today(),
        include_completed=request.GET.get("all") == "1",
    )
    return render(
        request,
        "workplace/onboarding_list.html",
        {
            "region": region,
            "rows": rows,
            "all": request.GET.get("all") == "1",
            "office": _is_operator(request, region),
        },
    )


def _checklist(request: HttpRequest, region: Region, checklist_id: int) -> OnboardingChecklist:
    try:
        return onboarding_selectors.checklist_visible(
            checklist_id=checklist_id,
            user=signed_in_user(request),
            is_operator=_is_operator(request, region),
        )
    except OnboardingChecklist.DoesNotExist:
        raise Http404("No such onboarding.") from None


@region_view(roles=PEOPLE)
def onboarding_detail(request: HttpRequest, region: Region, checklist_id: int) -> HttpResponse:
    checklist = _checklist(request, region, checklist_id)
    user = signed_in_user(request)
    office = _is_operator(request, region)
    items = onboarding_selectors.checklist_items(checklist=checklist)
    today = clock.today()
    rows = [
        {
            "item": item,
            "overdue": item.done_at is None and item.due_on < today,
            "may_tick": onboarding_services.may_tick(item=item, user=user, is_operator=office),
        }
        for item in items
    ]
    done = sum(1 for item in items if item.done_at is not None)
    return render(
        request,
        "workplace/onboarding_detail.html",
        {
            "region": region,
            "checklist": checklist,
            "name": onboarding_selectors.newcomer_name(checklist),
            "rows": rows,
            "done": done,
            "total": len(items),
            "percent": round(100 * done / len(items)) if items else 100,
        },
    )


@require_POST
@region_view(roles=PEOPLE)
def onboarding_item(
    request: HttpRequest, region: Region, checklist_id: int, item_id: int
) -> HttpResponse:
    checklist = _checklist(request, region, checklist_id)
    if not OnboardingItem.objects.filter(pk=item_id, checklist=checklist).exists():
        raise Http404("No such step.")
    try:
        onboarding_services.onboarding_item_set(
            item_id=item_id,
            done=request.POST.get("done") == "yes",
            actor=signed_in_user(request),
            is_operator=_is_operator(request, region),
        )
    except PermissionDenied:
        messages.error(request, _("This step is someone else's to tick off."))
    return redirect(
        reverse("onboarding-detail", kwargs={"slug": region.slug, "checklist_id": checklist.pk})
        + f"#step-{item_id}"
    )


@region_view(roles=OPERATORS)
def onboarding_templates(request: HttpRequest, region: Region) -> HttpResponse:
    """The office's templates; a step added here applies to checklists started from now."""
    for kind in ("hire", "project_member"):
        onboarding_services.onboarding_template_ensure(region=region, applies_to=kind)
    form = TemplateStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template_id = request.POST.get("template", "")
        if (
            not template_id.isdigit()
            or not OnboardingTemplate.objects.filter(pk=int(template_id)).exists()
        ):
            raise Http404("No such template.")
        added = run_service(
            form,
            lambda: onboarding_services.onboarding_template_item_add(
                template_id=int(template_id),
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                owner=form.cleaned_data["owner"],
                due_days=form.cleaned_data["due_days"],
                actor=signed_in_user(request),
            ),
        )
        if added is not None:
            messages.success(request, _("Step added. Onboardings started from now include it."))
            return redirect("onboarding-templates", slug=region.slug)
    return render(
        request,
        "workplace/onboarding_templates.html",
        {"region": region, "templates": onboarding_selectors.templates(), "form": form},
    )


@require_POST
@region_view(roles=OPERATORS)
def onboarding_template_item_remove(
    request: HttpRequest, region: Region, item_id: int
) -> HttpResponse:
    if not OnboardingTemplateItem.objects.filter(pk=item_id).exists():
        raise Http404("No such step.")
    onboarding_services.onboarding_template_item_remove(
        item_id=item_id, actor=signed_in_user(request)
    )
    messages.success(request, _("Step removed. Onboardings already started keep it."))
    return redirect("onboarding-templates", slug=region.slug)


# --- 1-on-1s ------------------------------------------------------------------------------


def _series_form(request: HttpRequest, region: Region) -> SeriesForm:
    user = signed_in_user(request)
    people = User.objects.filter(memberships__region=region, is_active=True).distinct()
    if _is_operator(request, region):
        managers = members = people.order_by("last_name", "first_name", "id")
    else:
        managers = User.objects.filter(pk=user.pk)
        members = User.objects.filter(pk__in=reports_of(manager=user)).order_by(
            "last_name", "first_name", "id"
        )
    return SeriesForm(
        request.POST or None,
        managers=managers,
        members=members,
        initial={"manager": user.pk, "cadence": "weekly", "template": "weekly"},
    )


@region_view(roles=PEOPLE)
def one_on_one_list(request: HttpRequest, region: Region) -> HttpResponse:
    user = signed_in_user(request)
    office = _is_operator(request, region)
    series = one_on_one_selectors.series_for(user=user, is_operator=office)
    return render(
        request,
        "workplace/one_on_one_list.html",
        {
            "region": region,
            "series": series,
            "office": office,
            "may_start": office or bool(reports_of(manager=user)),
        },
    )


@region_view(roles=PEOPLE)
def one_on_one_create(request: HttpRequest, region: Region) -> HttpResponse:
    form = _series_form(request, region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def create() -> OneOnOneSeries:
            return one_on_one_services.one_on_one_create(
                region=region,
                data=one_on_one_services.SeriesInput(
                    manager_id=data["manager"].pk,
                    member_id=data["member"].pk,
                    template=data["template"],
                    cadence=data["cadence"],
                    first_at=data["first_at"],
                    minutes=data["minutes"],
                    meeting_url=data["meeting_url"],
                ),
                actor=signed_in_user(request),
                is_operator=_is_operator(request, region),
            )

        try:
            series = run_service(form, create)
        except PermissionDenied:
            form.add_error("member", _("You can start 1-on-1s with your own reports."))
            series = None
        if series is not None:
            messages.success(
                request, _("1-on-1 started; its first agenda holds the template's questions.")
            )
            return redirect("one-on-one-detail", slug=region.slug, series_id=series.pk)
    return render(request, "workplace/one_on_one_form.html", {"region": region, "form": form})


def _series(request: HttpRequest, series_id: int) -> OneOnOneSeries:
    try:
        return one_on_one_selectors.series_of_party(
            series_id=series_id, user=signed_in_user(request)
        )
    except OneOnOneSeries.DoesNotExist:
        raise Http404("No such 1-on-1.") from None


def _series_url(region: Region, series: OneOnOneSeries, anchor: str = "") -> str:
    url = reverse("one-on-one-detail", kwargs={"slug": region.slug, "series_id": series.pk})
    return f"{url}#{anchor}" if anchor else url


@region_view(roles=PEOPLE)
def one_on_one_detail(request: HttpRequest, region: Region, series_id: int) -> HttpResponse:
    series = _series(request, series_id)
    user = signed_in_user(request)
    page = one_on_one_selectors.series_page(series=series, user=user)
    people = [series.manager, series.member]
    return render(
        request,
        "workplace/one_on_one.html",
        {
            "region": region,
            "page": page,
            "series": series,
            "other": series.member if user.pk == series.manager_id else series.manager,
            "agenda_form": AgendaForm(),
            "action_form": ActionForm(people=people, initial={"owner": series.member_id}),
            "notes_form": NotesForm(
                initial={
                    "shared_notes": page.meeting.shared_notes if page.meeting else "",
                    "private_note": page.private_note,
                }
            ),
            "today": clock.today(),
        },
    )


def _flash_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@require_POST
@region_view(roles=PEOPLE)
def one_on_one_agenda(request: HttpRequest, region: Region, series_id: int) -> HttpResponse:
    series = _series(request, series_id)
    form = AgendaForm(request.POST)
    if form.is_valid():
        try:
            one_on_one_services.agenda_item_add(
                series_id=series.pk, text=form.cleaned_data["text"], actor=signed_in_user(request)
            )
        except ValidationError as error:
            _flash_errors(request, error)
    else:
        messages.error(request, _("Write the topic in 300 characters or fewer."))
    return redirect(_series_url(region, series, "agenda"))


@require_POST
@region_view(roles=PEOPLE)
def one_on_one_agenda_item(
    request: HttpRequest, region: Region, series_id: int, item_id: int
) -> HttpResponse:
    series = _series(request, series_id)
    if not AgendaItem.objects.filter(pk=item_id, series=series).exists():
        raise Http404("No such agenda item.")
    one_on_one_services.agenda_item_set(
        item_id=item_id, done=request.POST.get("done") == "yes", actor=signed_in_user(request)
    )
    return redirect(_series_url(region, series, "agenda"))


@require_POST
@region_view(roles=PEOPLE)
def one_on_one_action(request: HttpRequest, region: Region, series_id: int) -> HttpResponse:
    series = _series(request, series_id)
    form = ActionForm(request.POST, people=[series.manager, series.member])
    if form.is_valid():
        try:
            one_on_one_services.action_item_add(
                series_id=series.pk,
                owner_id=form.cleaned_data["owner"],
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"],
                actor=signed_in_user(request),
            )
        except ValidationError as error:
            _flash_errors(request, error)
    else:
        for field_errors in form.errors.values():
            for message in field_errors:
                messages.error(request, str(message))
    return redirect(_series_url(region, series, "actions"))


@require_POST
@region_view(roles=PEOPLE)
def one_on_one_action_item(
    request: HttpRequest, region: Region, series_id: int, item_id: int
) -> HttpResponse:
    series = _series(request, series_id)
    if not ActionItem.objects.filter(pk=item_id, series=series).exists():
        raise Http404("No such action item.")
    one_on_one_services.action_item_set(
        item_id=item_id, done=request.POST.get("done") == "yes", actor=signed_in_user(request)
    )
    return redirect(_series_url(region, series, "actions"))


@require_POST
@region_view(roles=PEOPLE)
def one_on_one_notes(
    request: HttpRequest, region: Region, series_id: int, meeting_id: int
) -> HttpResponse:
    series = _series(request, series_id)
    if not OneOnOneMeeting.objects.filter(pk=meeting_id, series=series).exists():
        raise Http404("No such meeting.")
    form = NotesForm(request.POST)
    if form.is_valid():
        one_on_one_services.notes_save(
            meeting_id=meeting_id,
            shared=form.cleaned_data["shared_notes"],
            private=form.cleaned_data["private_note"],
            actor=signed_in_user(request),
        )
        messages.success(request, _("Notes saved."))
    else:
        add_service_errors(form, ValidationError(_("Keep notes under 10,000 characters.")))
        messages.error(request, _("Keep notes under 10,000 characters."))
    return redirect(_series_url(region, series, "notes"))


@require_POST
@region_view(roles=PEOPLE)
def one_on_one_hold(
    request: HttpRequest, region: Region, series_id: int, meeting_id: int
) -> HttpResponse:
    series = _series(request, series_id)
    if not OneOnOneMeeting.objects.filter(pk=meeting_id, series=series).exists():
        raise Http404("No such meeting.")
    try:
        nxt = one_on_one_services.one_on_one_hold(
            meeting_id=meeting_id,
            actor=signed_in_user(request),
            held=request.POST.get("held", "yes") == "yes",
        )
        messages.success(
            request,
            _("Next meeting: %(when)s. Open topics and actions carry forward.")
            % {"when": f"{nxt.scheduled_at:%Y-%m-%d %H:%M}"},
        )
    except ValidationError as error:
        _flash_errors(request, error)
    return redirect(_series_url(region, series))
