"""What a throttled login gets: 429, as JSON on the API and as a page on the site."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from sousei.core.errors import bilingual, in_reader_language

LOCKED_OUT = _(
    "Too many failed sign-ins for this username from your network. "
    "Wait %(minutes)s minutes and try again, or ask the program office to reset your password."
)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    response: HttpResponse
    if request.path.startswith("/api/"):
        both = bilingual(LOCKED_OUT, {"minutes": minutes})
        response = JsonResponse(
            {"detail": in_reader_language(both), "detail_ja": both["ja"], "detail_en": both["en"]},
            status=429,
        )
    else:
        response = render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = retry_after
    return response
