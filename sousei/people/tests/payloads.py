"""Valid application payloads for a region, for API and form tests."""

from __future__ import annotations

import itertools
from typing import Any

from sousei.core.models import Region

POSTAL_CODES = {"40223": "8113101", "40224": "8113201"}
_serial = itertools.count(1)


def application_payload(region: Region, *, form: bool = False, **overrides: Any) -> dict[str, Any]:
    """A fresh, eligible application for `region` (a new email each call)."""
    n = next(_serial)
    payload: dict[str, Any] = {
        "family_name": "古賀",
        "given_name": "花子",
        "family_name_kana": "コガ",
        "given_name_kana": "ハナコ",
        "birth_date": "1990-04-01",
        "email": f"applicant{n}@example.jp",
        "phone": "090-1234-5678",
        "postal_code": POSTAL_CODES.get(region.code, "8113101"),
        "address_line": "1-2-3",
        "work_status": "part_time",
        "weekly_hours_available": 20,
        "baseline_monthly_income_jpy": 100000,
    }
    if form:
        payload.update(consent_program="on", consent_share_with_municipality="on")
    else:
        payload["consents"] = {"program": True, "share_with_municipality": False}
    payload.update(overrides)
    return payload
