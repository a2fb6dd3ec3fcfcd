"""The public certificate check, outside any region: `/verify/` where anyone types a code, and
`/verify/<code>/`, the link printed on the certificate (and its QR code).

Not an oracle: a typed text that cannot be a code and a code that matches nothing get the same
answer, and an address that has missed too often is refused every lookup for a while."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from sousei.core import throttle
from sousei.core.text import hours_text
from sousei.training import codes, forms, selectors

# Misses allowed per client address in the window; a person mistyping gets many retries.
MISS_LIMIT = 20
MISS_WINDOW_SECONDS = 15 * 60
SCOPE = "certificate-check"


def _answer(request: HttpRequest, form: forms.CertificateCheckForm, typed: str) -> HttpResponse:
    """The certificate for `typed`, or the one answer for "no such certificate" (404), or 429
    while the caller's address is over its misses."""
    if throttle.over_limit(request, scope=SCOPE, limit=MISS_LIMIT):
        refused = _(
            "Too many codes that match no certificate were checked from your network. "
            "Wait %(minutes)s minutes and try again."
        ) % {"minutes": MISS_WINDOW_SECONDS // 60}
        return render(
            request, "training/verify_check.html", {"form": form, "refused": refused}, status=429
        )
    certificate = selectors.certificate_verify(candidates=codes.code_candidates(typed))
    if certificate is None:
        throttle.miss_count(request, scope=SCOPE, window_seconds=MISS_WINDOW_SECONDS)
        return render(
            request,
            "training/verify_check.html",
            {"form": form, "not_found": True, "example": codes.EXAMPLE},
            status=404,
        )
    return render(
        request,
        "training/verify.html",
        {
            "certificate": certificate,
            "hours": hours_text(certificate.minutes),
            "form": forms.CertificateCheckForm(),
        },
    )


def certificate_check(request: HttpRequest) -> HttpResponse:
    """The form: type a code, see whether it is valid."""
    if "code" not in request.GET:
        return render(request, "training/verify_check.html", {"form": forms.CertificateCheckForm()})
    form = forms.CertificateCheckForm(request.GET)
    if not form.is_valid():
        return render(request, "training/verify_check.html", {"form": form}, status=422)
    return _answer(request, form, form.cleaned_data["code"])


def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """The certificate's own link: holder, course, hours, date, and no more."""
    return _answer(request, forms.CertificateCheckForm(initial={"code": code[:64]}), code)
