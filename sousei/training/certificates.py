"""A certificate as its PDF document (certificate_pdf renders; this gathers what it prints)."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from sousei.core.selectors import program_operator_name
from sousei.training.certificate_pdf import (
    CertificateData,
    certificate_filename,
    render_certificate_pdf,
)
from sousei.training.models import Certificate


def verification_url_for(request: HttpRequest, certificate: Certificate) -> str:
    return request.build_absolute_uri(
        reverse("certificate-verify", kwargs={"code": certificate.code})
    )


def certificate_data(certificate: Certificate, verification_url: str) -> CertificateData:
    """What the PDF prints: what the certificate copied at issue (so it never changes), the
    tool's vendor and the operator company that issues it. Inside the certificate's region."""
    family, _space, given = certificate.holder_name.partition(" ")
    family_kana, _space, given_kana = certificate.holder_name_kana.partition(" ")
    return CertificateData(
        family_name=family,
        given_name=given,
        family_name_kana=family_kana,
        given_name_kana=given_kana,
        course_title=certificate.course_title,
        tool=certificate.product_name,
        vendor=certificate.enrolment.course.product.vendor.name,
        total_hours=Decimal(certificate.minutes) / 60,
        completed_on=certificate.completed_on,
        issuer=program_operator_name(),
        region_name=certificate.region.name_ja,
        code=certificate.code,
        verification_url=verification_url,
    )


def certificate_pdf_response(certificate: Certificate, verification_url: str) -> HttpResponse:
    data = certificate_data(certificate, verification_url)
    response = HttpResponse(render_certificate_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(data)}"'
    return response
