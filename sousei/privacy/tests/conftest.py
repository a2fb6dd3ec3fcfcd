"""Fixtures of the privacy tests: the erasure journal and the media files in a temporary
folder, so that no test reads or writes the real ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def journal(settings: Any, tmp_path: Path) -> Path:
    path = tmp_path / "journal" / "erasure-journal.jsonl"
    settings.SOUSEI_PRIVACY_JOURNAL = str(path)
    return path


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
