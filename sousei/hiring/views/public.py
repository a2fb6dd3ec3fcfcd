"""Public hiring pages: the region's open jobs, a job's page, the application form with the
CV upload and the purpose of use, the receipt; the offer a candidate answers through the
link in their mail; a signed-in candidate's own applications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.errors import Conflict, add_service_errors
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.hiring import links, selectors
from sousei.hiring.access import (
    employer_editable,
    employer_visible,
    offer_by_token_visible,
    opening_to_apply,
    opening_visible,
)
from sousei.hiring.cv import MAX_CV_BYTES
from sousei.hiring.forms import CandidacyForm
from sousei.hiring.models import OfferStatus
from sousei.hiring.services import candidacies as services
from sousei.hiring.services import offers as offer_services


@region_view(roles=None)
def job_list(request: HttpRequest, region: Region) -> HttpResponse:
    return render(
        request,
        "hiring/jobs_list.html",
        {"region": region, "openings": selectors.opening_list(published_only=True)},
    )


@region_view(roles=None)
def job_detail(request: HttpRequest, region: Region, opening_id: int) -> HttpResponse:
    return render(
        request,
        "hiring/job_detail.html",
        {"region": region, "opening": opening_visible(region_reader(request, region), opening_id)},
    )


@region_view(roles=None)
def employer_detail(request: HttpRequest, region: Region, organization_id: int) -> HttpResponse:
    """An employer's public profile: who they are, what they do, where, and their open
    openings in the region."""
    profile = employer_visible(organization_id)
    return render(
        request,
        "hiring/employer_detail.html",
        {
            "region": region,
            "employer": profile.organization,
            "openings": profile.openings,
            "can_edit": employer_editable(region_reader(request, region), organization_id),
        },
    )


@region_view(roles=None)
@require_http_methods(["GET", "POST"])
def job_apply(request: HttpRequest, region: Region, opening_id: int) -> HttpResponse:
    """The application form; on success the candidate sees a receipt page."""
    opening = opening_to_apply(opening_id)
    # A signed-in candidate starts from what they said on their last application here.
    initial = (
        selectors.application_initial(user=request.user)
        if isinstance(request.user, User) and request.user.is_authenticated
        else None
    )
    form = CandidacyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            candidacy = services.candidacy_apply(
                opening=opening, data=form.to_input(), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            request.session["hiring_applied"] = candidacy.pk
            return redirect("job-apply-done", slug=region.slug, opening_id=opening.pk)
    return render(
        request,
        "hiring/job_apply.html",
        {
            "region": region,
            "opening": opening,
            "form": form,
            "consent_wording_version": services.APPLICATION_CONSENT_VERSION,
            "max_cv_mb": MAX_CV_BYTES // (1024 * 1024),
        },
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=None)
def job_apply_done(request: HttpRequest, region: Region, opening_id: int) -> HttpResponse:
    return render(
        request,
        "hiring/job_apply_done.html",
        {
            "region": region,
            "opening": opening_to_apply(opening_id),
            "reference": request.session.get("hiring_applied"),
        },
    )


@region_view(roles=None)
@require_http_methods(["GET", "POST"])
def offer_answer(request: HttpRequest, region: Region, offer_token: str) -> HttpResponse:
    """The offer as the candidate reads it from the link in their mail, with accept and
    decline. The signed link is the candidate's key; it names one offer of one region."""
    offer = offer_by_token_visible(region, offer_token)
    confirming = None
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision not in ("accept", "decline"):
            messages.error(request, _("Choose to accept or decline the offer."))
        elif request.POST.get("confirmed") != "yes":
            # An answer cannot be taken back: the first press asks to confirm it.
            confirming = decision
        else:
            try:
                offer_services.offer_respond(
                    offer_id=offer.pk, accept=decision == "accept", actor=request.user
                )
            except Conflict as conflict:
                messages.error(request, str(conflict))
            else:
                messages.success(
                    request,
                    _("Thank you. You accepted the offer; we will contact you about your start.")
                    if decision == "accept"
                    else _("You declined the offer. Thank you for letting us know."),
                )
        if confirming is None:
            return redirect("job-offer-answer", slug=region.slug, offer_token=offer_token)
    return render(
        request,
        "hiring/offer_answer.html",
        {
            "region": region,
            "offer": offer,
            "opening": offer.candidacy.opening,
            "token": offer_token,
            "confirming": confirming,
        },
    )


@region_view(roles={Role.CANDIDATE})
def my_applications(request: HttpRequest, region: Region) -> HttpResponse:
    """A signed-in candidate's applications, interviews and offers in the region."""
    candidacies = selectors.candidacies_of_user(user=signed_in_user(request))
    offer_links = {
        offer.pk: links.offer_token(offer=offer)
        for candidacy in candidacies
        for offer in candidacy.offers.all()
        if offer.status != OfferStatus.DRAFT
    }
    return render(
        request,
        "hiring/my_applications.html",
        {"region": region, "candidacies": candidacies, "offer_links": offer_links},
    )
