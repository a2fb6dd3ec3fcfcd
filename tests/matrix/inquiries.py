"""inquiries: the public contact forms and endpoint, the office's inbox and API.

Anyone sends an inquiry (page and API, no sign-in); the region's operators read, answer,
note and close them. Everyone else in the region gets 403, as on any operator page.
"""

from __future__ import annotations

from typing import Any

from conftest import Cast
from sousei.core.models import Region
from sousei.core.scoping import region_scope
from sousei.inquiries.models import Inquiry, InquiryKind
from tests.matrix import OPERATOR, PUBLIC, Area, Endpoint

ENDPOINTS: list[Endpoint] = [
    # Pages
    Endpoint("GET", "/contact/", PUBLIC),
    Endpoint("POST", "/contact/", PUBLIC, ok=302, body="site_form"),
    Endpoint("GET", "/r/{slug}/contact/", PUBLIC),
    Endpoint("POST", "/r/{slug}/contact/", PUBLIC, ok=302, body="form"),
    Endpoint("GET", "/r/{slug}/contact/sent/", PUBLIC),
    Endpoint("GET", "/r/{slug}/inquiries/", OPERATOR),
    Endpoint("GET", "/r/{slug}/inquiries/office/", OPERATOR),
    Endpoint("GET", "/r/{slug}/inquiries/{inquiry}/", OPERATOR),
    Endpoint("POST", "/r/{slug}/inquiries/{inquiry}/", OPERATOR, ok=302, body="reply_form"),
    Endpoint("POST", "/r/{slug}/inquiries/{inquiry}/close/", OPERATOR, ok=302),
    # API
    Endpoint("POST", "/api/v1/regions/{slug}/inquiries", PUBLIC, ok=201, body="inquiry"),
    Endpoint("GET", "/api/v1/regions/{slug}/inquiries", OPERATOR),
    Endpoint("GET", "/api/v1/regions/{slug}/inquiries/{inquiry}", OPERATOR),
    Endpoint(
        "POST", "/api/v1/regions/{slug}/inquiries/{inquiry}/replies", OPERATOR, ok=201, body="reply"
    ),
    Endpoint("PATCH", "/api/v1/regions/{slug}/inquiries/{inquiry}", OPERATOR, body="patch"),
]


def objects(region: Region, cast: Cast) -> dict[str, Any]:
    """One new inquiry from a company."""
    with region_scope(region):
        inquiry = Inquiry.objects.create(
            region=region,
            kind=InquiryKind.COMPANY,
            organisation="株式会社テスト",
            name="見本 一郎",
            email="ichiro@example.jp",
            message="案件の依頼について",
            consent_version="2026-12",
        )
    return {"inquiry": inquiry.pk}


def bodies(region: Region, ids: dict[str, Any]) -> dict[str, Any]:
    form = {
        "kind": "company",
        "organisation": "株式会社テスト",
        "name": "見本 一郎",
        "email": "ichiro@example.jp",
        "message": "研修修了者への案件の依頼について教えてください。",
        "consent_privacy_policy": "on",
        "website": "",
    }
    return {
        "form": form,
        "site_form": {**form, "region": region.slug},
        "inquiry": {**form, "consent_privacy_policy": True},
        "reply_form": {"action": "reply", "body": "お問い合わせありがとうございます。"},
        "reply": {"body": "お問い合わせありがとうございます。"},
        "patch": {"status": "closed"},
    }


AREA = Area(
    name="inquiries",
    endpoints=ENDPOINTS,
    objects=objects,
    bodies=bodies,
    placeholders={"<int:inquiry_id>": "{inquiry}"},
    api_parameters={"{inquiry_id}": "{inquiry}"},
)
