"""Inquiry pages. Public: the contact form of a region (/r/<slug>/contact/) and of the whole
program (/contact/, with the region to choose), and the confirmation page. Operators: the
inbox (status filter with counts, search), an inquiry with its replies, the reply, status and
notes forms, and the office's contact details shown on the region's pages.

Views parse, call one service or selector, render."""

from __future__ import annotations

import copy
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import throttle
from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.errors import run_service
from sousei.core.models import Region
from sousei.core.pagination import page_number, paginate
from sousei.core.scoping import region_scope
from sousei.core.services import region_office_set
from sousei.inquiries import selectors, services
from sousei.inquiries.access import INBOX_ROLES, inquiry_visible
from sousei.inquiries.forms import (
    ContactForm,
    InboxFilterForm,
    NotesForm,
    OfficeForm,
    ReplyForm,
    StatusForm,
)
from sousei.inquiries.models import Inquiry, InquiryStatus

INBOX_PAGE_SIZE = 25


def _language() -> str:
    return (translation.get_language() or "ja")[:2]


def _submit(request: HttpRequest, region: Region, form: ContactForm) -> bool:
    """Send the form's inquiry to `region`'s office; False (with the reason on the form) when
    it is refused. A bot's submission counts as sent: it learns nothing."""

    data = form.to_input(_language())

    def send() -> Inquiry | None:
        return services.inquiry_submit(
            region=region, data=data, address=throttle.address_of(request), actor=request.user
        )

    try:
        sent = run_service(form, send)
    except services.TooManyInquiries:
        form.add_error(None, str(services.TOO_MANY))
        return False
    return sent is not None or services.is_bot(data)


def _contact_page(
    request: HttpRequest, form: ContactForm, region: Region | None, regions: list[Region]
) -> HttpResponse:
    return render(
        request,
        "inquiries/contact.html",
        {"form": form, "region": region, "regions": regions},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=None)
def region_contact(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's contact form."""
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _submit(request, region, form):
        return redirect("region-contact-done", slug=region.slug)
    return _contact_page(request, form, region, [region])


@region_view(roles=None)
def region_contact_done(request: HttpRequest, region: Region) -> HttpResponse:
    """The confirmation: the same page for every submission (a bot's too)."""
    return render(request, "inquiries/contact_done.html", {"region": region})


def site_contact(request: HttpRequest) -> HttpResponse:
    """The program-wide contact form: the visitor chooses the region whose office answers."""
    regions = list(Region.objects.order_by("code"))
    form = ContactForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        region = form.chosen_region()
        with region_scope(region):
            sent = _submit(request, region, form)
        if sent:
            return redirect("region-contact-done", slug=region.slug)
    return _contact_page(request, form, None, regions)


# --- the office's inbox --------------------------------------------------------------------


@region_view(roles=INBOX_ROLES)
def inquiry_inbox(request: HttpRequest, region: Region) -> HttpResponse:
    """The inbox: counts per status, the filter and search, one page of inquiries."""
    form = InboxFilterForm(request.GET or None)
    filters = selectors.InboxFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.InboxFilters(status=data["status"], kind=data["kind"], q=data["q"])
    page = paginate(
        selectors.inquiry_list(filters=filters), page=page_number(request), size=INBOX_PAGE_SIZE
    )
    counts = selectors.inquiry_counts()
    query = urlencode({k: v for k, v in vars(filters).items() if v})
    return render(
        request,
        "inquiries/inbox.html",
        {
            "region": region,
            "form": form,
            "filters": filters,
            "counts": counts,
            "tabs": [(code, label, counts[code]) for code, label in InquiryStatus.choices],
            "page": page,
            "query": query,
        },
    )


@region_view(roles=INBOX_ROLES)
def inquiry_detail(request: HttpRequest, region: Region, inquiry_id: int) -> HttpResponse:
    """An inquiry with its replies; the reply, status and notes forms post here."""
    inquiry = inquiry_visible(region_reader(request, region), inquiry_id)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    reply_form = ReplyForm(request.POST if action == "reply" else None)
    status_form = StatusForm(
        request.POST if action == "status" else None, initial={"status": inquiry.status}
    )
    notes_form = NotesForm(
        request.POST if action == "notes" else None, initial={"notes": inquiry.notes}
    )
    actor = signed_in_user(request) if request.method == "POST" else None
    done: object = None
    if actor is not None and action == "reply" and reply_form.is_valid():
        body = reply_form.cleaned_data["body"]
        done = run_service(
            reply_form,
            lambda: services.inquiry_reply(inquiry=inquiry, body=body, actor=actor),
        )
        message = _("Your reply was sent to the sender by e-mail.")
    elif actor is not None and action in ("status", "close"):
        status = (
            InquiryStatus.CLOSED
            if action == "close"
            else (status_form.cleaned_data["status"] if status_form.is_valid() else None)
        )
        if status is not None:
            done = run_service(
                status_form,
                lambda: services.inquiry_status_set(inquiry=inquiry, status=status, actor=actor),
            )
        message = _("The status was changed.")
    elif actor is not None and action == "notes" and notes_form.is_valid():
        notes = notes_form.cleaned_data["notes"]
        done = run_service(
            notes_form,
            lambda: services.inquiry_notes_set(inquiry=inquiry, notes=notes, actor=actor),
        )
        message = _("The notes were saved.")
    if done is not None:
        messages.success(request, message)
        return redirect("inquiry-detail", slug=region.slug, inquiry_id=inquiry.pk)
    return render(
        request,
        "inquiries/inquiry_detail.html",
        {
            "region": region,
            "inquiry": inquiry,
            "replies": selectors.replies_of(inquiry=inquiry),
            "reply_form": reply_form,
            "status_form": status_form,
            "notes_form": notes_form,
        },
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=INBOX_ROLES)
def office_contact_edit(request: HttpRequest, region: Region) -> HttpResponse:
    """The office's contact details, shown wherever the region's pages say to ask the office."""
    form = OfficeForm(request.POST or None, instance=copy.copy(region))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.fields}
        actor = signed_in_user(request)
        if run_service(form, lambda: region_office_set(region=region, values=values, actor=actor)):
            messages.success(request, _("The office's contact details were saved."))
            return redirect("office-contact-edit", slug=region.slug)
    return render(
        request,
        "inquiries/office_contact_edit.html",
        {"region": region, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@region_view(roles=INBOX_ROLES)
def inquiry_close(request: HttpRequest, region: Region, inquiry_id: int) -> HttpResponse:
    """Close an inquiry from the inbox list."""
    inquiry = inquiry_visible(region_reader(request, region), inquiry_id)
    services.inquiry_status_set(
        inquiry=inquiry, status=InquiryStatus.CLOSED, actor=signed_in_user(request)
    )
    messages.success(request, _("Inquiry No. %(number)s was closed.") % {"number": inquiry.pk})
    return redirect("inquiry-inbox", slug=region.slug)
