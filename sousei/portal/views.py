"""The portal: the landing page, the way home after sign-in, a person's API tokens (listed and
revoked on /account/tokens/), each region's public program page,
each role's dashboard (panels contributed by the apps through sousei.core.panels), the
audit log and the notifications inbox (every app's messages, from the outbox). It reads
the other apps only through their selectors."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sousei.core import clock
from sousei.core.access import region_roles, region_view, signed_in_user
from sousei.core.audit import ACTION_LABELS, audit_read
from sousei.core.forms import AuditFilterForm
from sousei.core.models import Region
from sousei.core.municipalities import municipality_search
from sousei.core.outbox import selectors as outbox_selectors
from sousei.core.outbox.services import inbox_mark_read, notification_settings_set
from sousei.core.pagination import page_number
from sousei.core.panels import panels_for, queue_for
from sousei.core.roles import Role
from sousei.core.scoping import region_scope
from sousei.core.selectors import (
    NO_FILTERS,
    AuditFilters,
    audit_entries,
    audit_page,
    memberships_of,
    region_operators,
)
from sousei.core.services import operator_invitation_resend
from sousei.core.text import spreadsheet_row
from sousei.core.tokens import api_token_of, api_token_revoke, api_tokens_of
from sousei.people import selectors
from sousei.portal.forms import NotificationSettingsForm, OnboardForm, ResendInvitationForm
from sousei.portal.onboarding import OnboardInput, region_onboard

OPERATORS = {Role.OPERATOR}


def landing(request: HttpRequest) -> HttpResponse:
    """What Sousei is, and the regions whose programs are open to the public."""
    return render(request, "portal/landing.html", {"regions": Region.objects.order_by("code")})


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its region's dashboard; a user in several regions chooses."""
    memberships = memberships_of(user=signed_in_user(request))
    regions = {region.pk: region for region, _role in memberships}
    if len(regions) == 1:
        return redirect("dashboard", slug=next(iter(regions.values())).slug)
    return render(request, "portal/choose_region.html", {"memberships": memberships})


@login_required
def account_tokens(request: HttpRequest) -> HttpResponse:
    """The caller's API tokens that still open the API, each with a button to revoke it."""
    tokens = api_tokens_of(user=signed_in_user(request))
    return render(request, "portal/account_tokens.html", {"tokens": tokens})


@login_required
@require_POST
def account_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    """Revoke one of the caller's own tokens; anyone else's answers 404."""
    user = signed_in_user(request)
    token = api_token_of(user=user, token_id=token_id)
    if token is None:
        raise Http404("No such token.")
    api_token_revoke(token=token, actor=user)
    messages.success(
        request,
        _("The token %(prefix)s… is revoked: it no longer opens the API.")
        % {"prefix": token.prefix},
    )
    return redirect("account-tokens")


@region_view(roles=None)
def region_home(request: HttpRequest, region: Region) -> HttpResponse:
    """The public page of the region's program."""
    return render(request, "portal/region_home.html", {"region": region})


@region_view(roles=set(Role.values))
def dashboard(request: HttpRequest, region: Region) -> HttpResponse:
    """Each role's home in the region: what awaits the caller today, with counts linking to
    their lists, then the panels of their roles."""
    roles = region_roles(request, region)
    queue = queue_for(request, region, roles)
    context: dict[str, object] = {
        "region": region,
        "roles": roles,
        # What waits comes first; the rest folds away, so a phone shows the work at once.
        "queue": [work for work in queue if work.count],
        "queue_clear": [work for work in queue if not work.count],
    }
    if roles & {Role.OPERATOR, Role.MUNICIPALITY}:
        counts = selectors.application_status_counts()
        context["status_counts"] = counts
        context["total_applications"] = sum(counts.values())
        context["participant_count"] = selectors.participant_count()
    if Role.OPERATOR in roles:
        context["newest"] = selectors.application_page(status="submitted", size=5).items
    context["panels"] = panels_for(request, region, roles)
    if Role.PARTICIPANT in roles:
        context["own_applications"] = selectors.applications_of_user(user=signed_in_user(request))
    return render(request, "portal/dashboard.html", context)


def _audit_filter(request: HttpRequest) -> tuple[AuditFilterForm, AuditFilters | None]:
    """The page's filter form and its filters; None when the filter is not valid."""
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        return form, NO_FILTERS
    return form, form.filters() if form.is_valid() else None


def _audit_refused(request: HttpRequest, region: Region, form: AuditFilterForm) -> HttpResponse:
    return render(
        request,
        "portal/audit_log.html",
        {"region": region, "form": form, "page": None, "entries": []},
        status=422,
    )


@region_view(roles=OPERATORS)
def audit_log(request: HttpRequest, region: Region) -> HttpResponse:
    """The region's audit trail, newest first, filtered by who, which record, what, when."""
    form, filters = _audit_filter(request)
    if filters is None:
        return _audit_refused(request, region, form)
    page = audit_page(
        filters=filters, page=page_number(request), size=settings.SOUSEI_API_PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/audit_log.html",
        {
            "region": region,
            "form": form,
            "page": page,
            "entries": page.items,
            "query": query.urlencode(),
            "filtered": bool(filters.as_dict()),
        },
    )


AUDIT_CSV_HEADER = ["at", "actor", "action", "action_label", "object_type", "object_id", "details"]


@region_view(roles=OPERATORS)
def audit_export(request: HttpRequest, region: Region) -> HttpResponse | StreamingHttpResponse:
    """The filtered entries as CSV (UTF-8 with BOM, so Excel opens the Japanese). The export
    is itself an audit entry, with its filters and the number of rows."""
    form, filters = _audit_filter(request)
    if filters is None:
        return _audit_refused(request, region, form)
    entries = audit_entries(filters=filters)
    audit_read(
        region=region,
        actor=signed_in_user(request),
        action="audit.export",
        obj=region,
        details={"filters": filters.as_dict(), "rows": entries.count(), "format": "csv"},
    )
    writer = csv.writer(_Echo())
    zone = timezone.get_current_timezone()

    def stream() -> Iterator[str]:
        # The generator runs after the view returns: re-enter the region scope for it.
        with region_scope(region):
            yield "\ufeff"
            yield writer.writerow(AUDIT_CSV_HEADER)
            for entry in entries.iterator(chunk_size=2000):
                row = [
                    entry.at.astimezone(zone).isoformat(),
                    entry.actor.get_username() if entry.actor else "",
                    entry.action,
                    str(ACTION_LABELS.get(entry.action, entry.action)),
                    entry.object_type,
                    entry.object_id,
                    json.dumps(entry.changes, ensure_ascii=False, sort_keys=True),
                ]
                yield writer.writerow(spreadsheet_row(row))

    stamp = clock.today().strftime("%Y%m%d")
    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{region.slug}-{stamp}.csv"'
    return response


class _Echo:
    """A file-like object whose write() returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


@region_view(roles=set(Role.values))
def notification_list(request: HttpRequest, region: Region) -> HttpResponse:
    """The signed-in user's latest notifications in the region, from every app's outbox;
    those not seen before are marked new, and read from now on."""
    user = signed_in_user(request)
    notifications = outbox_selectors.inbox_of(user=user)
    unseen = {n.pk for n in notifications if n.read_at is None}
    inbox_mark_read(user=user, message_ids=unseen)
    return render(
        request,
        "portal/notifications.html",
        {"region": region, "notifications": notifications, "unseen": unseen},
    )


def _superuser(request: HttpRequest) -> User:
    """The program owner (a superuser); anyone else signed in is refused with 403."""
    user = signed_in_user(request)
    if not user.is_superuser:
        raise PermissionDenied(_("Only the program owner can onboard regions."))
    return user


@login_required
def owner_onboard(request: HttpRequest) -> HttpResponse:
    """The program owner's page: find a municipality by name and set its region up in one
    step, as `sousei onboard-region` does."""
    owner = _superuser(request)
    query = request.GET.get("q", "")[:60]
    found = municipality_search(query) if query.strip() else []
    form = OnboardForm(request.POST or None, initial={"code": request.GET.get("code", "")[:5]})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = OnboardInput(
                code=form.cleaned_data["code"],
                operator=form.cleaned_data["operator"],
                admin_email=form.cleaned_data["admin_email"],
                municipality=form.cleaned_data["municipality"],
                space_partner=form.cleaned_data["space_partner"],
                template=form.cleaned_data["template"] or None,
                closed_periods=form.closed_period_list(),
                pay_week_start=form.cleaned_data["pay_week_start"],
                statutory_day_off=form.cleaned_data["pay_week_start"],
            )
            try:
                result = region_onboard(data=data, actor=owner)
            except ValidationError as error:
                form_errors_add(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(region)s is ready at /r/%(slug)s/: %(courses)s courses copied; "
                        "%(invited)s"
                    )
                    % {
                        "region": result.region.local_name,
                        "slug": result.region.slug,
                        "courses": result.courses_copied,
                        "invited": _("the invitation is on its way.")
                        if result.invited
                        else _("the operator was already invited."),
                    },
                )
                return redirect("owner-onboard")
        status = 422
    regions = Region.objects.order_by("code")
    return render(
        request,
        "portal/owner_onboard.html",
        {"form": form, "query": query, "found": found, "regions": regions},
        status=status,
    )


@login_required
def owner_region(request: HttpRequest, slug: str) -> HttpResponse:
    """The program owner's page of one region: its operators, whether each has set a password
    yet, and a button that sends one who has not a new invitation (the first expired or was
    lost). The region's operators may use it too."""
    user = signed_in_user(request)
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    if not user.is_superuser:
        held = region_roles(request, region)
        if not held:
            raise Http404
        if Role.OPERATOR not in held:
            raise PermissionDenied(
                _("Only the program owner and the region's operators can open this page.")
            )
    form = ResendInvitationForm(request.POST or None)
    status = 200
    with region_scope(region):
        if request.method == "POST":
            if form.is_valid():
                email = form.cleaned_data["email"]
                try:
                    operator_invitation_resend(region=region, email=email, actor=user)
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    messages.success(
                        request,
                        _("A new invitation is on its way to %(email)s.") % {"email": email},
                    )
                return redirect("owner-region", slug=region.slug)
            status = 422
        operators = region_operators()
    return render(
        request,
        "portal/owner_region.html",
        {"region": region, "operators": operators, "form": form},
        status=status,
    )


def form_errors_add(form: OnboardForm, error: ValidationError) -> None:
    """A service's errors next to the form's fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def account_notifications(request: HttpRequest) -> HttpResponse:
    """The signed-in user's notification settings: the language they are written to in, and
    per kind whether a notification is also e-mailed or kept in the app only."""
    user = signed_in_user(request)
    current = outbox_selectors.notification_settings_of(user=user)
    form = NotificationSettingsForm(
        request.POST or None,
        initial={"language": current.language, "by_email": sorted(current.by_email)},
    )
    if request.method == "POST" and form.is_valid():
        wanted = set(form.cleaned_data["by_email"])
        notification_settings_set(
            user=user,
            language=form.cleaned_data["language"],
            in_app_only=[kind for kind in current.kinds if kind not in wanted],
            actor=user,
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("account-notifications")
    return render(
        request,
        "portal/account_notifications.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
