"""The operator's pages: persons suspended, erased or with restricted records in the region,
and one person's privacy state with the form to suspend, resume or erase."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sousei.core.access import region_view, signed_in_user
from sousei.core.audit import audit_read
from sousei.core.errors import run_service
from sousei.core.models import Region
from sousei.core.pagination import page_number
from sousei.privacy.erasure import selectors, services
from sousei.privacy.erasure.access import OPERATORS, person_visible
from sousei.privacy.erasure.retention import retention_years
from sousei.privacy.forms.erasure import PrivacyActionForm


@region_view(roles=OPERATORS)
def erasure_list(request: HttpRequest, region: Region) -> HttpResponse:
    """Suspended, erased and restricted persons; `?legal=1` shows the names kept for the
    statutory records, and the reading is audited."""
    state = request.GET.get("state") or None
    if state not in selectors.STATES:
        state = None
    legal = request.GET.get("legal") == "1" and state == "restricted"
    page = selectors.privacy_state_page(
        state=state, page=page_number(request), size=settings.SOUSEI_API_PAGE_SIZE
    )
    if legal:
        audit_read(
            region=region,
            actor=request.user,
            action="privacy.restricted_read",
            obj=region,
            details={"persons": [s.person_id for s in page.items]},
        )
    return render(
        request,
        "privacy/erasure_list.html",
        {
            "region": region,
            "page": page,
            "state": state or "",
            "states": [
                ("suspended", _("Suspended")),
                ("erased", _("Erased")),
                ("restricted", _("Records restricted")),
            ],
            "counts": selectors.privacy_counts(),
            "legal": legal,
            "retention_years": retention_years(),
            "query": f"state={state}" if state else "",
        },
    )


@region_view(roles=OPERATORS)
def person_privacy(request: HttpRequest, region: Region, person_id: int) -> HttpResponse:
    """One person's state and history, and the form to act on a request."""
    person = person_visible(person_id)
    form = PrivacyActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = {
            "suspend": services.person_suspend,
            "resume": services.person_resume,
            "erase": services.person_erase,
        }[form.cleaned_data["action"]]
        done = run_service(
            form,
            lambda: call(
                person=person, actor=signed_in_user(request), reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            messages.success(request, _("Done: the change is recorded in the log."))
            return redirect("privacy-person", slug=region.slug, person_id=person.pk)
    state = selectors.privacy_state_of(person=person)
    return render(
        request,
        "privacy/person_privacy.html",
        {
            "region": region,
            "person": person,
            "state": state,
            "erased": state is not None and state.erased_at is not None,
            "records": selectors.erasure_records(person=person),
            "form": form,
        },
        status=422 if request.method == "POST" else 200,
    )
