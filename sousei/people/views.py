"""Pages of a region: its public program page, the application form, each role's
dashboard and the operator's intake desk. Views parse, call one service or selector, render."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from sousei.core import clock
from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.audit import audit_read
from sousei.core.errors import Conflict, add_service_errors
from sousei.core.models import Region
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.selectors import AuditFilters, audit_entries
from sousei.core.text import spreadsheet_row
from sousei.people import selectors, services
from sousei.people.access import application_visible
from sousei.people.forms import ApplicationFilterForm, ApplicationForm, ContactForm, DecisionForm
from sousei.people.models import CONSENT_WORDING_VERSION, ConsentPurpose

OPERATORS = {Role.OPERATOR}


@region_view(roles=None)
def apply(request: HttpRequest, region: Region) -> HttpResponse:
    """The public application form; on success the applicant sees a receipt page."""
    form = ApplicationForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                region=region, data=form.to_input(), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            request.session["submitted_application"] = application.pk
            return redirect("apply-done", slug=region.slug)
    return render(
        request,
        "people/apply.html",
        {
            "region": region,
            "form": form,
            "purposes": ConsentPurpose,
            "consent_wording_version": CONSENT_WORDING_VERSION,
        },
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=None)
def apply_done(request: HttpRequest, region: Region) -> HttpResponse:
    return render(
        request,
        "people/apply_done.html",
        {"region": region, "reference": request.session.get("submitted_application")},
    )


@region_view(roles=OPERATORS)
def application_list(request: HttpRequest, region: Region) -> HttpResponse:
    form = ApplicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = selectors.application_page(
        status=filters.get("status") or None,
        q=filters.get("q") or None,
        page=filters.get("page") or 1,
        size=settings.SOUSEI_API_PAGE_SIZE,
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "people/application_list.html",
        {"region": region, "form": form, "page": page, "query": query.urlencode()},
    )


@region_view(roles=OPERATORS)
def application_export(request: HttpRequest, region: Region) -> StreamingHttpResponse:
    """The list's current filter as CSV (UTF-8 with BOM, so Excel opens the Japanese)."""
    form = ApplicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    status, q = filters.get("status") or None, filters.get("q") or None
    rows = selectors.application_export_rows(status=status, q=q)
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="application.export",
        obj=region,
        details={"format": "csv", "status": status or "", "q": q or ""},
    )
    writer = csv.writer(_Echo())
    language = translation.get_language()

    def stream() -> Iterator[str]:
        # The generator runs after the view returns: re-enter the region scope and the
        # reader's language for it.
        with region_scope(region), translation.override(language):
            yield "\ufeff"
            for row in rows:
                yield writer.writerow(spreadsheet_row(row))

    stamp = clock.today().strftime("%Y%m%d")
    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="applications-{region.slug}-{stamp}.csv"'
    )
    return response


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


@region_view(roles=OPERATORS)
def application_detail(request: HttpRequest, region: Region, application_id: int) -> HttpResponse:
    application = application_visible(region_reader(request, region), application_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application_id=application.pk,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                actor=signed_in_user(request),
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, _("The decision is saved and recorded in the audit log."))
            return redirect("application-detail", slug=region.slug, application_id=application.pk)
    return render(
        request,
        "people/application_detail.html",
        {
            "region": region,
            "application": application,
            "person": application.person,
            "consents": selectors.consents_of(person_id=application.person_id),
            "participant": selectors.participant_for_application(application_id=application.pk),
            "history": audit_entries(
                filters=AuditFilters(
                    object_type="people.application", object_id=str(application.pk)
                )
            ),
            "form": form,
            "decidable": application.status in ("submitted", "waitlisted"),
        },
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=set(Role.values))
def profile(request: HttpRequest, region: Region) -> HttpResponse:
    """The caller's own contact details and address in this region (their person), which
    they change themselves; a member with no person here is told so."""
    user = signed_in_user(request)
    person = selectors.person_of_user(user_id=user.pk)
    initial = (
        {
            "email": person.email,
            "phone": person.phone,
            "postal_code": person.postal_code,
            "address_line": person.address_line,
        }
        if person is not None
        else {}
    )
    form = ContactForm(request.POST or None, initial=initial)
    status = 200
    if person is not None and request.method == "POST":
        if form.is_valid():
            try:
                services.person_contact_update(
                    person_id=person.pk,
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    postal_code=form.cleaned_data["postal_code"],
                    address_line=form.cleaned_data["address_line"],
                    actor=user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your contact details are saved."))
                return redirect("profile", slug=region.slug)
        status = 422
    return render(
        request,
        "people/profile.html",
        {"region": region, "person": person, "form": form},
        status=status,
    )
