"""Impact's pages. For now the one-click residence-check answer, which the person reaches
from the link in their message without signing in (the signed link is their key)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from sousei.core.access import region_view
from sousei.core.errors import Conflict
from sousei.core.models import Region
from sousei.impact import services
from sousei.impact.access import check_by_token_visible
from sousei.impact.forms import CheckAnswerForm


@region_view(roles=None)
@require_http_methods(["GET", "POST"])
def residence_answer(request: HttpRequest, region: Region, token: str) -> HttpResponse:
    """Still living in the region? One choice and a button; answered checks say thank you."""
    check = check_by_token_visible(region, token)
    form = CheckAnswerForm(
        request.POST if request.method == "POST" and check.answered_at is None else None,
        asks_income=check.asks_income,
    )
    if form.is_bound and form.is_valid():
        try:
            services.residence_check_answer(
                check_id=check.pk, answer=form.to_answer(), actor=request.user
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        except Conflict as conflict:
            messages.error(request, str(conflict))
            return redirect("impact-residence-answer", slug=region.slug, token=token)
        else:
            messages.success(request, _("Thank you. Your answer is recorded."))
            return redirect("impact-residence-answer", slug=region.slug, token=token)
    return render(
        request,
        "impact/residence_answer.html",
        {"region": region, "check": check, "form": form, "token": token},
        status=422 if form.is_bound else 200,
    )
