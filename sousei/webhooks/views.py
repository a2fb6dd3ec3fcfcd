"""Webhooks pages (operators): the region's endpoints, adding and changing one, its signing
secret (shown once, when made or rotated), enabling and disabling, a test event, and its
delivery log with a replay button per delivery."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core.access import region_reader, region_view, signed_in_user
from sousei.core.domain_events import KINDS
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.core.pagination import page_number
from sousei.webhooks import forms, selectors, services
from sousei.webhooks.access import WEBHOOK_STAFF, delivery_visible, endpoint_visible
from sousei.webhooks.models import WebhookEndpoint


@region_view(roles=WEBHOOK_STAFF)
def webhook_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's endpoints: address, events, state, failing and given-up deliveries."""
    return render(
        request,
        "webhooks/webhook_list.html",
        {"region": region, "endpoints": selectors.endpoints_list(), "kinds": KINDS},
    )


def _secret_page(request: HttpRequest, region: Region, endpoint: WebhookEndpoint) -> HttpResponse:
    # The one time the secret is shown: rendered in the answer to the POST, never stored in
    # the session or a URL; the other pages do not show it.
    response = render(
        request, "webhooks/webhook_secret.html", {"region": region, "endpoint": endpoint}
    )
    response["Cache-Control"] = "no-store"
    return response


@region_view(roles=WEBHOOK_STAFF)
def webhook_create(request: HttpRequest, region: Region) -> HttpResponse:
    form = forms.EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = services.endpoint_create(
                region=region, data=form.data_input(), actor=signed_in_user(request)
            )
        except ValidationError as error:
            form.add_service_errors(error)
        except Conflict as conflict:
            form.add_error(None, str(conflict))
        else:
            return _secret_page(request, region, endpoint)
    return render(
        request,
        "webhooks/webhook_form.html",
        {"region": region, "form": form, "endpoint": None},
        status=422 if request.method == "POST" else 200,
    )


@region_view(roles=WEBHOOK_STAFF)
def webhook_edit(request: HttpRequest, region: Region, endpoint_id: int) -> HttpResponse:
    endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
    initial = {
        "url": endpoint.url,
        "description": endpoint.description,
        "event_kinds": endpoint.event_kinds,
        "allows_personal_data": endpoint.allows_personal_data,
    }
    form = forms.EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(
                endpoint_id=endpoint.pk, data=form.data_input(), actor=signed_in_user(request)
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Webhook endpoint saved."))
            return redirect("webhook-deliveries", slug=region.slug, endpoint_id=endpoint.pk)
    return render(
        request,
        "webhooks/webhook_form.html",
        {"region": region, "form": form, "endpoint": endpoint},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@region_view(roles=WEBHOOK_STAFF)
def webhook_rotate(request: HttpRequest, region: Region, endpoint_id: int) -> HttpResponse:
    endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
    rotated = services.endpoint_secret_rotate(
        endpoint_id=endpoint.pk, actor=signed_in_user(request)
    )
    return _secret_page(request, region, rotated)


@require_POST
@region_view(roles=WEBHOOK_STAFF)
def webhook_action(
    request: HttpRequest, region: Region, endpoint_id: int, action: str
) -> HttpResponse:
    """Enable, disable, send a test event, or remove the endpoint."""
    endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
    user = signed_in_user(request)
    try:
        if action == "enable":
            services.endpoint_enable(endpoint_id=endpoint.pk, enabled=True, actor=user)
            messages.success(request, _("Enabled: the endpoint receives its events again."))
        elif action == "disable":
            services.endpoint_enable(endpoint_id=endpoint.pk, enabled=False, actor=user)
            messages.success(request, _("Disabled: the endpoint receives no events."))
        elif action == "test":
            services.endpoint_test_send(endpoint_id=endpoint.pk, actor=user)
            messages.success(
                request, _("A test event was sent. Its delivery is at the top of the log.")
            )
        elif action == "delete":
            services.endpoint_delete(endpoint_id=endpoint.pk, actor=user)
            messages.success(request, _("The webhook endpoint was removed."))
            return redirect("webhook-list", slug=region.slug)
    except Conflict as conflict:
        messages.error(request, str(conflict))
    return redirect("webhook-deliveries", slug=region.slug, endpoint_id=endpoint.pk)


@region_view(roles=WEBHOOK_STAFF)
def webhook_deliveries(request: HttpRequest, region: Region, endpoint_id: int) -> HttpResponse:
    """The endpoint's delivery log, newest first, paged, optionally of one status."""
    endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
    filters = forms.DeliveryFilterForm(request.GET)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = selectors.deliveries_page(endpoint=endpoint, status=status, page=page_number(request))
    return render(
        request,
        "webhooks/webhook_deliveries.html",
        {
            "region": region,
            "endpoint": endpoint,
            "kinds": KINDS,
            "filters": filters,
            "page": page,
            "query": f"status={status}" if status else "",
        },
    )


@require_POST
@region_view(roles=WEBHOOK_STAFF)
def delivery_replay(
    request: HttpRequest, region: Region, endpoint_id: int, delivery_id: int
) -> HttpResponse:
    endpoint = endpoint_visible(region_reader(request, region), endpoint_id)
    delivery = delivery_visible(region_reader(request, region), delivery_id)
    if delivery.endpoint_id != endpoint.pk:
        raise Http404("No such webhook delivery.")
    try:
        services.delivery_replay(delivery_id=delivery.pk, actor=signed_in_user(request))
    except Conflict as conflict:
        messages.error(request, str(conflict))
    else:
        messages.success(request, _("Sent again now, as a new delivery at the top of the log."))
    return redirect("webhook-deliveries", slug=region.slug, endpoint_id=endpoint.pk)
