"""Openings, applications and CVs for the hiring tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sousei.core.models import Region
from sousei.core.tests.factories import operator_company
from sousei.hiring.models import Candidacy, JobOpening
from sousei.hiring.services.candidacies import (
    CandidacyInput,
    OpeningInput,
    candidacy_apply,
    opening_create,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Uploaded CVs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def stored_files() -> list[Path]:
    """Every file under MEDIA_ROOT (the `media` fixture's temporary directory)."""
    from django.conf import settings

    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def pdf(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def opening(region: Region, *, publish: bool = True, **fields: Any) -> JobOpening:
    values: dict[str, Any] = {
        "title": "RPA エンジニア（拠点フリー）",
        "description": "UiPath で自治体と企業の業務を自動化します。",
        "employment_type": "full_time",
        "residence_region": region,
        "salary_min_jpy": 3_600_000,
        "salary_max_jpy": 4_800_000,
    }
    values.update(fields)
    if "employer_id" not in values:
        values["employer_id"] = operator_company(region).pk
    return opening_create(region=region, data=OpeningInput(**values), actor=None, publish=publish)


def candidate(n: int = 1, **fields: Any) -> CandidacyInput:
    values: dict[str, Any] = {
        "family_name": "古賀",
        "given_name": f"学{n}",
        "family_name_kana": "こが",
        "given_name_kana": "まなぶ",
        "email": f"student{n}@example.jp",
        "phone": "090-1234-5678",
        "postal_code": "811-3101",
        "heard_via": "event",
        "consent": True,
        "cv": pdf(),
        "graduation_year": 2027,
    }
    values.update(fields)
    return CandidacyInput(**values)


def apply(opening_: JobOpening, n: int = 1, **fields: Any) -> Candidacy:
    return candidacy_apply(opening=opening_, data=candidate(n, **fields), actor=None)
