"""The breach register's pages (operators only): the incidents with their report due dates
(overdue ones marked), an incident's page with the 規則第7条 suggestion and the people
affected, and the forms to record and change an incident."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sousei.core import clock
from sousei.core.access import region_view, signed_in_user
from sousei.core.errors import run_service
from sousei.core.models import Region
from sousei.privacy.access import PRIVACY_OFFICERS
from sousei.privacy.breach import rules, selectors
from sousei.privacy.breach.services import BreachInput, breach_create, breach_update, input_of
from sousei.privacy.forms import BreachForm
from sousei.privacy.models import BreachIncident, BreachStatus

REASON_LABELS = {
    rules.SENSITIVE: gettext_lazy("Sensitive personal data (要配慮個人情報; Rule 7 item 1)"),
    rules.FINANCIAL: gettext_lazy("Misuse may cause financial loss (Rule 7 item 2)"),
    rules.MALICIOUS: gettext_lazy("May have been done for an unlawful purpose (Rule 7 item 3)"),
    rules.MANY: gettext_lazy("More than 1,000 people (Rule 7 item 4)"),
}


def reason_labels(reasons: list[str]) -> list[Any]:
    return [REASON_LABELS[reason] for reason in reasons]


@region_view(roles=PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def breach_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Every incident, newest first, with its report due dates; overdue ones marked."""
    status = request.GET.get("status") or None
    if status not in BreachStatus.values:
        status = None
    return render(
        request,
        "privacy/breach_list.html",
        {
            "region": region,
            "views": selectors.breach_list(status=status),
            "status": status or "",
            "statuses": BreachStatus.choices,
        },
    )


def _form_page(
    request: HttpRequest, region: Region, form: BreachForm, incident: BreachIncident | None
) -> HttpResponse:
    return render(
        request,
        "privacy/breach_form.html",
        {"region": region, "form": form, "incident": incident},
        status=422 if form.is_bound else 200,
    )


@region_view(roles=PRIVACY_OFFICERS)
@require_http_methods(["GET", "POST"])
def breach_new(request: HttpRequest, region: Region) -> HttpResponse:
    """Record an incident as soon as it is known: the deadlines count from its discovery."""
    initial = {"discovered_at": clock.now(), "status": BreachStatus.OPEN}
    form = BreachForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user, valid = signed_in_user(request), form
        incident = run_service(
            form,
            lambda: breach_create(region=region, data=BreachInput(**valid.values()), actor=user),
        )
        if incident is not None:
            messages.success(request, _("Incident recorded. Check whether it must be reported."))
            return redirect("privacy-breach-detail", slug=region.slug, incident_id=incident.pk)
    return _form_page(request, region, form, None)


@region_view(roles=PRIVACY_OFFICERS)
@require_http_methods(["GET"])
def breach_detail(request: HttpRequest, region: Region, incident_id: int) -> HttpResponse:
    """An incident: the facts, the suggestion under 規則第7条, the deadlines and the people."""
    incident = selectors.breach_get(incident_id=incident_id)
    view = selectors.breach_view(incident)
    return render(
        request,
        "privacy/breach_detail.html",
        {
            "region": region,
            "view": view,
            "incident": incident,
            "reasons": reason_labels(view.reasons),
            "people": selectors.affected_people(incident=incident),
        },
    )


@region_view(roles=PRIVACY_OFFICERS)
@require_http_methods(["GET", "POST"])
def breach_edit(request: HttpRequest, region: Region, incident_id: int) -> HttpResponse:
    """Change an incident: facts found later, the decision, the reports filed, the notice."""
    incident = selectors.breach_get(incident_id=incident_id)
    current = input_of(incident)
    form = BreachForm(
        request.POST or None, initial=BreachForm.initial_of(incident, current.person_ids)
    )
    if request.method == "POST" and form.is_valid():
        user, valid = signed_in_user(request), form
        changed = run_service(
            form,
            lambda: breach_update(
                incident=incident, data=BreachInput(**valid.values()), actor=user
            ),
        )
        if changed is not None:
            messages.success(request, _("Incident saved."))
            return redirect("privacy-breach-detail", slug=region.slug, incident_id=incident.pk)
    return _form_page(request, region, form, incident)
