"""Japanese is the default language: every message has a Japanese translation."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[1] / "sousei/locale/ja/LC_MESSAGES/django.po"


def entries() -> list[str]:
    return CATALOGUE.read_text("utf-8").split("\n\n")[1:]


def test_no_message_is_left_untranslated_or_fuzzy() -> None:
    for entry in entries():
        assert "#, fuzzy" not in entry, entry
        msgstr = entry.split("msgstr", 1)[1]
        text = "".join(re.findall(r'"(.*)"', msgstr))
        assert text, f"untranslated: {entry}"


def test_the_committed_mo_file_is_compiled_from_the_po_file(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (.ci/run installs it)")
    compiled = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check", "-o", str(compiled), str(CATALOGUE)], check=True)
    assert compiled.read_bytes() == CATALOGUE.with_suffix(".mo").read_bytes(), (
        "django.mo is out of date: run `make messages`"
    )
