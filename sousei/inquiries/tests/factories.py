"""Inquiries for tests, made through the service as the contact form makes them."""

from __future__ import annotations

from typing import Any

from sousei.core.demo import OFFICES
from sousei.core.models import Region
from sousei.core.services import region_office_set
from sousei.inquiries.models import Inquiry
from sousei.inquiries.services import InquiryInput, inquiry_create

FORM: dict[str, Any] = {
    "kind": "company",
    "organisation": "株式会社ちくし物流",
    "name": "見本 一郎",
    "email": "ichiro@example.jp",
    "phone": "092-555-0199",
    "message": "研修修了者に受発注業務の自動化を依頼したいのですが、進め方を教えてください。",
    "consent_privacy_policy": "on",
    "website": "",
}


def inquiry_input(**changes: Any) -> InquiryInput:
    values = {**FORM, "consent_privacy_policy": True, **changes}
    return InquiryInput(**values)


def inquiry(region: Region, **changes: Any) -> Inquiry:
    """A received inquiry of `region` (call inside its scope)."""
    return inquiry_create(region=region, data=inquiry_input(**changes), actor=None)


def with_office(region: Region) -> Region:
    """`region` with the demo's office contact (Koga's, whatever the region)."""
    return region_office_set(region=region, values=OFFICES["koga"], actor=None)
