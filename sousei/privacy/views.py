"""Privacy pages: the operators' request queue and a request's page (/r/<slug>/privacy/
requests/), the region's privacy policy (/r/<slug>/privacy/, public), and site-wide the
signed-in person's privacy page (/account/privacy/: their consents, requests and data
download) and the program's policy page (/privacy/)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_view, signed_in_user
from sousei.core.errors import Conflict, run_service
from sousei.core.models import Region
from sousei.core.pagination import page_number
from sousei.core.roles import Role
from sousei.core.scoping import cross_region, region_scope
from sousei.people import selectors as people_selectors
from sousei.people.models import Consent, Person
from sousei.privacy import forms, selectors
from sousei.privacy.access import request_visible
from sousei.privacy.disclosure import export_filename
from sousei.privacy.models import PolicyVersion, PrivacyRequest, RequestKind
from sousei.privacy.services.disclosure import disclosure_export_person, disclosure_export_self
from sousei.privacy.services.requests import (
    consent_withdraw,
    disclosure_self_serve,
    privacy_request_complete,
    privacy_request_file,
    privacy_request_refuse,
    privacy_request_start,
)

OPERATORS = [Role.OPERATOR]
ZIP = "application/zip"


def _zip_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=ZIP)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


# --- the operators' queue ------------------------------------------------------------------


@region_view(roles=OPERATORS)
def request_queue(request: HttpRequest, region: Region) -> HttpResponse:
    """Requests of the region, open ones first by due date (overdue marked); filters; the
    form to record a request received by post, phone or at the counter."""
    filters = forms.FilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    today = clock.today()
    file_form = forms.FileRequestForm(request.POST or None)
    if request.method == "POST" and file_form.is_valid():
        user, data = signed_in_user(request), file_form.cleaned_data
        person = Person.objects.filter(email__iexact=data["email"]).first()
        if person is None:
            file_form.add_error(
                "email",
                _(
                    "Nobody in this region is on record with this address. Check it against "
                    "the person's application or registration."
                ),
            )
        else:
            made = run_service(
                file_form,
                lambda: privacy_request_file(
                    person=person,
                    kind=data["kind"],
                    note=data["note"],
                    channel=data["channel"],
                    purpose=data["purpose"],
                    actor=user,
                ),
            )
            if made is not None:
                messages.success(request, _("Request recorded; the person is told it arrived."))
                return redirect("privacy-request-detail", slug=region.slug, request_id=made.pk)
    page = selectors.request_page(
        status=chosen.get("status") or None,
        kind=chosen.get("kind") or None,
        overdue_on=today if chosen.get("overdue") else None,
        page=page_number(request),
        size=settings.SOUSEI_API_PAGE_SIZE,
    )
    return render(
        request,
        "privacy/request_queue.html",
        {
            "region": region,
            "page": page,
            "today": today,
            "filters": filters,
            "file_form": file_form,
            "query": request.GET.urlencode(),
        },
        status=422 if file_form.is_bound else 200,
    )


@region_view(roles=OPERATORS)
def request_detail(request: HttpRequest, region: Region, request_id: int) -> HttpResponse:
    """One request: who asked what, when it is due, and the actions that answer it."""
    privacy_request = request_visible(request, region, request_id)
    user = signed_in_user(request)
    refuse_form = forms.RefuseForm(request.POST if request.POST.get("action") == "refuse" else None)
    correction_form = forms.CorrectionForm(
        request.POST if request.POST.get("action") == "complete" else None
    )
    if request.method == "POST":
        action = request.POST.get("action")
        done: Any = None
        if action == "start":
            done = _conflict_to_message(
                request, lambda: privacy_request_start(request_id=request_id, actor=user)
            )
        elif action == "refuse" and refuse_form.is_valid():
            reason = refuse_form.cleaned_data["reason"]
            done = run_service(
                refuse_form,
                lambda: privacy_request_refuse(request_id=request_id, actor=user, reason=reason),
            )
        elif action == "complete" and correction_form.is_valid():
            corrections = (
                correction_form.changes()
                if privacy_request.kind == RequestKind.CORRECTION
                else None
            )
            done = run_service(
                correction_form,
                lambda: privacy_request_complete(
                    request_id=request_id, actor=user, corrections=corrections
                ),
            )
        if done is not None:
            messages.success(request, _("Request updated."))
            return redirect("privacy-request-detail", slug=region.slug, request_id=request_id)
    return render(
        request,
        "privacy/request_detail.html",
        {
            "region": region,
            "item": privacy_request,
            "person": privacy_request.person,
            "today": clock.today(),
            "refuse_form": refuse_form,
            "correction_form": correction_form,
            "history": selectors.requests_of_person(person_id=privacy_request.person_id)
            if privacy_request.person_id
            else [],
        },
        status=422 if request.method == "POST" else 200,
    )


def _conflict_to_message(request: HttpRequest, call: Any) -> Any:
    try:
        return call()
    except Conflict as conflict:
        messages.error(request, str(conflict))
        return None


@region_view(roles=OPERATORS)
def request_export(request: HttpRequest, region: Region, request_id: int) -> HttpResponse:
    """The export of the request's person (what the office sends for a disclosure)."""
    privacy_request = request_visible(request, region, request_id)
    if privacy_request.person is None:
        raise Http404("The person is no longer on record.")
    content, _manifest = disclosure_export_person(
        person=privacy_request.person, actor=signed_in_user(request)
    )
    return _zip_response(content, export_filename(clock.today()))


# --- policies --------------------------------------------------------------------------------


def _policy_page(
    request: HttpRequest, region: Region, policy: PolicyVersion | None, *, current: bool
) -> HttpResponse:
    language = (translation.get_language() or "ja")[:2]
    return render(
        request,
        "privacy/policy.html",
        {
            "region": region,
            "policy": policy,
            "title": policy.title(language) if policy else "",
            "body": policy.body(language) if policy else "",
            "current": current,
            "versions": selectors.policy_versions(),
        },
    )


@region_view(roles=None)
def policy_page(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's privacy policy in force today, with its earlier versions."""
    return _policy_page(
        request, region, selectors.policy_current(today=clock.today()), current=True
    )


@region_view(roles=None)
def policy_version_page(request: HttpRequest, region: Region, version: str) -> HttpResponse:
    """One version of the policy: the text a consent of that wording version agreed to."""
    policy = selectors.policy_get(version=version[:20])
    if policy is None:
        raise Http404("No such policy version.")
    return _policy_page(request, region, policy, current=False)


def program_policy(request: HttpRequest) -> HttpResponse:
    """The program's privacy page: who runs it, the person's rights, each region's policy."""
    with cross_region("the list of regions whose policies the program page links"):
        regions = list(Region.objects.order_by("code"))
    return render(request, "privacy/program_policy.html", {"regions": regions})


# --- the person's own page -------------------------------------------------------------------


@dataclass
class Holding:
    """One region where the person is on record: their consents and requests there."""

    person: Person
    consents: list[Consent]
    requests: list[PrivacyRequest]


def _holdings(persons: list[Person]) -> list[Holding]:
    held = []
    for person in persons:
        with region_scope(person.region):
            held.append(
                Holding(
                    person=person,
                    consents=list(people_selectors.consents_of_person(person_id=person.pk)),
                    requests=list(selectors.requests_of_person(person_id=person.pk)),
                )
            )
    return held


@login_required
def account_privacy(request: HttpRequest) -> HttpResponse:
    """The signed-in person's privacy page: download their data, withdraw a consent, ask
    for a correction, suspension or erasure, and follow their requests."""
    user = signed_in_user(request)
    persons = selectors.persons_of_user(user=user)
    form = forms.OwnRequestForm(request.POST or None, persons=persons)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = next(p for p in persons if p.pk == data["person"])
        with region_scope(person.region):
            made = run_service(
                form,
                lambda: privacy_request_file(
                    person=person, kind=data["kind"], note=data["note"], actor=user
                ),
            )
        if made is not None:
            messages.success(
                request,
                _("Your request is received. We answer it by %(date)s at the latest.")
                % {"date": made.due_on.strftime("%Y-%m-%d")},
            )
            return redirect("account-privacy")
    return render(
        request,
        "privacy/account_privacy.html",
        {"holdings": _holdings(persons), "form": form, "today": clock.today()},
        status=422 if form.is_bound else 200,
    )


@login_required
@require_POST
def account_privacy_disclose(request: HttpRequest) -> HttpResponse:
    """Ask for one's data: recorded as a disclosure answered at once, then downloaded."""
    user = signed_in_user(request)
    if not disclosure_self_serve(user=user):
        messages.error(request, _("We hold no record about you in any region."))
        return redirect("account-privacy")
    return redirect("account-privacy-export")


@login_required
def account_privacy_export(request: HttpRequest) -> HttpResponse:
    """Download everything held about the signed-in person (ZIP; audited)."""
    user = signed_in_user(request)
    if not selectors.persons_of_user(user=user):
        raise Http404("We hold no record about you.")
    content, _manifest = disclosure_export_self(user=user)
    return _zip_response(content, export_filename(clock.today()))


@login_required
@require_POST
def account_privacy_withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw a consent, effective at once."""
    user = signed_in_user(request)
    form = forms.WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a consent to withdraw from the list."))
        return redirect("account-privacy")
    person = next(
        (p for p in selectors.persons_of_user(user=user) if p.pk == form.cleaned_data["person"]),
        None,
    )
    if person is None:
        messages.error(request, _("Choose a consent to withdraw from the list."))
        return redirect("account-privacy")
    with region_scope(person.region):
        try:
            consent_withdraw(person=person, purpose=form.cleaned_data["purpose"], actor=user)
        except Conflict as conflict:
            messages.error(request, str(conflict))
        else:
            messages.success(request, _("Your consent is withdrawn, effective now."))
    return redirect("account-privacy")
