"""Absolute addresses of a certificate's public pages, for the API and e-mails."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from sousei.training.models import Certificate


def certificate_urls(request: HttpRequest, certificate: Certificate) -> dict[str, str]:
    try:
        verify = reverse("certificate-verify", kwargs={"code": certificate.code})
        pdf = reverse("certificate-pdf", kwargs={"code": certificate.code})
    except NoReverseMatch:  # the pages are wired in sousei/urls.py; see training/urls.py
        verify = f"/verify/{certificate.code}/"
        pdf = f"/verify/{certificate.code}/certificate.pdf"
    return {"url": request.build_absolute_uri(verify), "pdf_url": request.build_absolute_uri(pdf)}
