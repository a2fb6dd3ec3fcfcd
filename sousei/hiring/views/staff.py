"""Operator pages of hiring: openings with their pipelines, each candidacy (CV, history,
interviews, scorecards, offer), interview scheduling with its .ics, the scorecard form,
offers and their approval, and the recruiting funnel with its CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from sousei.core import clock
from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.audit import audit_read
from sousei.core.errors import Conflict, add_service_errors
from sousei.core.exports import csv_download, dated
from sousei.core.forms import query_int
from sousei.core.http import calendar_file_response
from sousei.core.models import Organization, Region
from sousei.core.pagination import page_number
from sousei.core.provision import DataCategory, ProvisionChannel
from sousei.core.roles import Role
from sousei.core.services import organization_profile_update
from sousei.events.models import Event
from sousei.hiring import funnel as funnel_selectors
from sousei.hiring import selectors
from sousei.hiring.access import (
    HIRING_STAFF,
    candidacy_visible,
    employer_managed,
    employers_seen,
    interview_visible,
    offer_visible,
    opening_managed,
)
from sousei.hiring.cv import cv_read_record
from sousei.hiring.forms import (
    EmployerProfileForm,
    InterviewForm,
    MoveForm,
    OfferForm,
    OpeningForm,
    ScorecardForm,
)
from sousei.hiring.ics import interview_calendar
from sousei.hiring.models import (
    OFFER,
    Candidacy,
    JobOpening,
    OfferStatus,
    OpeningStatus,
)
from sousei.hiring.provision import employer_provision
from sousei.hiring.services import candidacies as services
from sousei.hiring.services import offers as offer_services

OPERATORS = frozenset({Role.OPERATOR})
FUNNEL_READERS = frozenset({Role.OPERATOR, Role.MUNICIPALITY})
T = TypeVar("T")


def _run(form: Any, call: Callable[[], T]) -> T | None:
    """Call one service; its refusals go onto the form and None comes back."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
    except Conflict as conflict:
        form.add_error(None, str(conflict))
    return None


# --- openings ------------------------------------------------------------------------------


def _employer_choices(request: HttpRequest, region: Region) -> list[Organization]:
    """The employers the caller may name on an opening: any company of the region for an
    operator, their own company for employer staff."""
    return selectors.employer_choices(employer_ids=employers_seen(region_reader(request, region)))


@region_view(roles=HIRING_STAFF)
def opening_list(request: HttpRequest, region: Region) -> HttpResponse:
    employers = employers_seen(region_reader(request, region))
    return render(
        request,
        "hiring/opening_list.html",
        {
            "region": region,
            "openings": selectors.opening_list(published_only=False, employer_ids=employers),
            "all_employers": employers is None,
        },
    )


@region_view(roles=HIRING_STAFF)
@require_http_methods(["GET", "POST"])
def opening_create(request: HttpRequest, region: Region) -> HttpResponse:
    form = OpeningForm(
        request.POST or None,
        region=region,
        employers=selectors.employer_choices(
            employer_ids=employers_seen(region_reader(request, region))
        ),
        initial=OpeningForm.initial_for(None),
    )
    if request.method == "POST" and form.is_valid():
        opening = _run(
            form,
            lambda: services.opening_create(
                region=region,
                data=form.to_input(),
                actor=request.user,
                publish=form.cleaned_data["publish"],
            ),
        )
        if opening is not None:
            messages.success(request, _("The opening is saved."))
            return redirect("opening-detail", slug=region.slug, opening_id=opening.pk)
    return render(
        request,
        "hiring/opening_form.html",
        {"region": region, "form": form, "opening": None},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=HIRING_STAFF)
@require_http_methods(["GET", "POST"])
def opening_edit(request: HttpRequest, region: Region, opening_id: int) -> HttpResponse:
    opening = opening_managed(region_reader(request, region), opening_id)
    form = OpeningForm(
        request.POST or None,
        region=region,
        employers=selectors.employer_choices(
            employer_ids=employers_seen(region_reader(request, region))
        ),
        initial=OpeningForm.initial_for(opening),
    )
    form.fields.pop("publish")
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda: services.opening_update(
                opening_id=opening.pk, data=form.to_input(), actor=request.user
            ),
        )
        if saved is not None:
            messages.success(request, _("The opening is saved."))
            return redirect("opening-detail", slug=region.slug, opening_id=opening.pk)
    return render(
        request,
        "hiring/opening_form.html",
        {"region": region, "form": form, "opening": opening},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=HIRING_STAFF)
@require_POST
def opening_status(request: HttpRequest, region: Region, opening_id: int) -> HttpResponse:
    opening = opening_managed(region_reader(request, region), opening_id)
    try:
        services.opening_set_status(
            opening_id=opening.pk, status=request.POST.get("status", ""), actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("The opening's status is changed."))
    return redirect("opening-detail", slug=region.slug, opening_id=opening.pk)


@region_view(roles=HIRING_STAFF)
def opening_detail(request: HttpRequest, region: Region, opening_id: int) -> HttpResponse:
    """The opening's pipeline: its stages with their counts, one stage's candidates with
    the time they have spent in it, longest first."""
    opening = opening_managed(region_reader(request, region), opening_id)
    board = selectors.pipeline(
        opening=opening,
        stage=request.GET.get("stage") or None,
        page=page_number(request),
        size=settings.SOUSEI_API_PAGE_SIZE,
    )
    employer_provision(
        request,
        region,
        opening.employer,
        (c.person_id for c in board.page.items),
        channel=ProvisionChannel.PAGE,
        source="hiring.pipeline",
        categories=(DataCategory.NAME,),
    )
    return render(
        request,
        "hiring/opening_detail.html",
        {
            "region": region,
            "opening": opening,
            "board": board,
            "statuses": OpeningStatus,
            "query": f"stage={board.stage}",
            "funnel": funnel_selectors.funnel(opening_id=opening.pk),
        },
    )


# --- candidacies ---------------------------------------------------------------------------


def _detail_context(
    request: HttpRequest, region: Region, candidacy: Candidacy, **extra: Any
) -> dict[str, Any]:
    user = signed_in_user(request)
    offers = selectors.candidacy_offers(candidacy=candidacy)
    open_offer = next(
        (o for o in offers if o.status in (OfferStatus.DRAFT, OfferStatus.APPROVED)), None
    )
    context: dict[str, Any] = {
        "region": region,
        "candidacy": candidacy,
        "opening": candidacy.opening,
        "history": selectors.candidacy_history(candidacy=candidacy),
        "interviews": selectors.interviews_visible(candidacy=candidacy, user=user),
        "offers": offers,
        "open_offer": open_offer,
        "employee": selectors.employee_of(candidacy=candidacy),
        "mails": selectors.candidacy_mails(candidacy=candidacy),
        "now": clock.now(),
        "can_offer": candidacy.stage == OFFER and open_offer is None,
        # The second operator's approval stays with the program's operators.
        "can_approve": region_reader(request, region).has_any(OPERATORS),
    }
    if candidacy.is_open:
        context.setdefault(
            "move_form", MoveForm(opening=candidacy.opening, current=candidacy.stage)
        )
    context.update(extra)
    return context


@region_view(roles=HIRING_STAFF)
def candidacy_detail(request: HttpRequest, region: Region, candidacy_id: int) -> HttpResponse:
    candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
    employer_provision(
        request,
        region,
        candidacy.opening.employer,
        [candidacy.person_id],
        channel=ProvisionChannel.PAGE,
        source="hiring.candidacy",
    )
    return render(
        request, "hiring/candidacy_detail.html", _detail_context(request, region, candidacy)
    )


@region_view(roles=HIRING_STAFF)
@require_POST
def candidacy_move(request: HttpRequest, region: Region, candidacy_id: int) -> HttpResponse:
    candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
    form = MoveForm(request.POST, opening=candidacy.opening, current=candidacy.stage)
    if form.is_valid():
        moved = _run(
            form,
            lambda: services.candidacy_move(
                candidacy_id=candidacy.pk,
                to_stage=form.cleaned_data["stage"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            ),
        )
        if moved is not None:
            messages.success(request, _("Moved to %(stage)s.") % {"stage": moved.stage_name})
            return redirect("candidacy-detail", slug=region.slug, candidacy_id=candidacy.pk)
    return render(
        request,
        "hiring/candidacy_detail.html",
        _detail_context(request, region, candidacy, move_form=form),
        status=422,
    )


@region_view(roles=HIRING_STAFF)
def candidacy_cv(request: HttpRequest, region: Region, candidacy_id: int) -> FileResponse:
    """The CV, to staff only: never a public URL. Sent as an attachment, not rendered
    inline, and named after the candidate."""
    candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
    if not candidacy.cv:
        raise Http404
    try:
        handle = candidacy.cv.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    cv_read_record(request, region, candidacy)
    employer_provision(
        request,
        region,
        candidacy.opening.employer,
        [candidacy.person_id],
        channel=ProvisionChannel.PDF,
        source="hiring.cv",
        categories=(DataCategory.NAME, DataCategory.CV),
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"CV-{candidacy.person.family_name}{candidacy.person.given_name}-{candidacy.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@region_view(roles=HIRING_STAFF)
@require_http_methods(["GET", "POST"])
def interview_create(request: HttpRequest, region: Region, candidacy_id: int) -> HttpResponse:
    candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
    form = InterviewForm(
        request.POST or None,
        users=selectors.interviewer_choices(employer_id=candidacy.opening.employer_id),
        initial={"interviewers": [str(request.user.pk)]},
    )
    if request.method == "POST" and form.is_valid():
        interview = _run(
            form,
            lambda: offer_services.interview_schedule(
                candidacy_id=candidacy.pk, data=form.to_input(), actor=request.user
            ),
        )
        if interview is not None:
            messages.success(request, _("The interview is scheduled and the candidate invited."))
            return redirect("candidacy-detail", slug=region.slug, candidacy_id=candidacy.pk)
    return render(
        request,
        "hiring/interview_form.html",
        {"region": region, "candidacy": candidacy, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=HIRING_STAFF)
def interview_ics(request: HttpRequest, region: Region, interview_id: int) -> HttpResponse:
    interview = interview_visible(region_reader(request, region), interview_id)
    return calendar_file_response(
        interview_calendar(interview, for_candidate=False), f"interview-{interview.pk}.ics"
    )


@region_view(roles=HIRING_STAFF)
@require_http_methods(["GET", "POST"])
def scorecard_create(request: HttpRequest, region: Region, interview_id: int) -> HttpResponse:
    """The interviewer's own scorecard. The others' stay hidden until this one is in."""
    interview = interview_visible(region_reader(request, region), interview_id)
    candidacy = interview.candidacy
    form = ScorecardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            card = _run(
                form,
                lambda: offer_services.scorecard_submit(
                    interview_id=interview.pk, data=form.to_input(), actor=signed_in_user(request)
                ),
            )
        except offer_services.NotOnPanel as refusal:
            form.add_error(None, str(refusal))
            card = None
        if card is not None:
            messages.success(
                request, _("Your scorecard is saved; the panel's scorecards are now shown.")
            )
            return redirect("candidacy-detail", slug=region.slug, candidacy_id=candidacy.pk)
    return render(
        request,
        "hiring/scorecard_form.html",
        {"region": region, "interview": interview, "candidacy": candidacy, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=HIRING_STAFF)
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest, region: Region, candidacy_id: int) -> HttpResponse:
    candidacy = candidacy_visible(region_reader(request, region), candidacy_id)
    opening = candidacy.opening
    form = OfferForm(request.POST or None, initial={"salary_jpy": opening.salary_min_jpy})
    if request.method == "POST" and form.is_valid():
        offer = _run(
            form,
            lambda: offer_services.offer_draft(
                candidacy_id=candidacy.pk, data=form.to_input(), actor=request.user
            ),
        )
        if offer is not None:
            messages.success(
                request, _("The offer is drafted. Another operator approves it before it is sent.")
            )
            return redirect("candidacy-detail", slug=region.slug, candidacy_id=candidacy.pk)
    return render(
        request,
        "hiring/offer_form.html",
        {"region": region, "candidacy": candidacy, "opening": opening, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=OPERATORS)
@require_POST
def offer_approve(request: HttpRequest, region: Region, offer_id: int) -> HttpResponse:
    offer = offer_visible(region_reader(request, region), offer_id)
    try:
        offer_services.offer_approve(offer_id=offer.pk, actor=signed_in_user(request))
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("The offer is approved and sent to the candidate."))
    return redirect("candidacy-detail", slug=region.slug, candidacy_id=offer.candidacy_id)


# --- employer profiles ---------------------------------------------------------------------


@region_view(roles=HIRING_STAFF)
@require_http_methods(["GET", "POST"])
def employer_edit(request: HttpRequest, region: Region, organization_id: int) -> HttpResponse:
    """The employer's public profile, kept by its own staff (or the operators)."""
    employer = employer_managed(region_reader(request, region), organization_id)
    form = EmployerProfileForm(
        request.POST or None,
        initial={
            "about": employer.about,
            "location": employer.location,
            "website": employer.website,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = _run(
            form,
            lambda: organization_profile_update(
                region=region,
                organization=employer,
                actor=signed_in_user(request),
                **form.cleaned_data,
            ),
        )
        if saved is not None:
            messages.success(request, _("The profile is saved."))
            return redirect("employer-detail", slug=region.slug, organization_id=employer.pk)
    return render(
        request,
        "hiring/employer_form.html",
        {"region": region, "employer": employer, "form": form},
        status=422 if request.method == "POST" else 200,
    )


# --- the funnel ----------------------------------------------------------------------------


@region_view(roles=FUNNEL_READERS)
def funnel(request: HttpRequest, region: Region) -> HttpResponse:
    """The recruiting dashboard: the funnel of the region (or of one opening and/or event)
    as a chart, and the table per opening and per event."""
    opening_id, event_id = query_int(request, "opening"), query_int(request, "event")
    return render(
        request,
        "hiring/funnel.html",
        {
            "region": region,
            "focus": funnel_selectors.funnel(opening_id=opening_id, event_id=event_id),
            "openings_rows": funnel_selectors.funnel_by_opening(),
            "events_rows": funnel_selectors.funnel_by_event(),
            "opening_choices": JobOpening.objects.order_by("-created_at").values_list(
                "id", "title"
            ),
            "event_choices": Event.objects.order_by("-starts_at").values_list("id", "title"),
            "opening_id": opening_id,
            "event_id": event_id,
        },
    )


CSV_HEADER = [
    "kind",
    "id",
    "name",
    "registrations",
    "attendees",
    "applicants",
    "interviews",
    "offers",
    "hires",
    "hires_in_region",
    "median_days_to_hire",
    "mean_days_to_hire",
]


@region_view(roles=FUNNEL_READERS)
def funnel_csv(request: HttpRequest, region: Region) -> HttpResponse:
    """The funnel table as CSV (UTF-8 with BOM, so Excel opens the Japanese)."""
    rows = list(funnel_selectors.funnel_rows())
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="funnel.export",
        obj=region,
        details={"format": "csv", "rows": len(rows)},
    )
    bodies = (row.body() | {"name": row.label} for row in rows)
    return csv_download(
        dated(f"recruiting-funnel-{region.slug}", "csv"),
        CSV_HEADER,
        ([body[key] for key in CSV_HEADER] for body in bodies),
    )
