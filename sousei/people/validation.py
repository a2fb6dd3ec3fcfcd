"""Checks on what a person types, with messages that say how to fix it. Pure: no ORM."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KATAKANA_RE = re.compile(r"^[ァ-ヺー・\u3000 ]+$")
PHONE_RE = re.compile(r"^0\d{9,10}$")
MINIMUM_AGE = 15  # 労働基準法 第56条: no employment before the end of the school year of 15


def to_katakana(text: str) -> str:
    """Full-width katakana from hiragana or half-width katakana (ｺｶﾞ, こが → コガ)."""
    normalized = unicodedata.normalize("NFKC", text or "").strip()
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in normalized)


def clean_kana(text: str, field_label: str) -> str:
    kana = to_katakana(text)
    if not kana or not KATAKANA_RE.match(kana):
        raise ValidationError(
            _("%(field)s must be written in katakana or hiragana, e.g. コガ."),
            code="kana",
            params={"field": field_label},
        )
    return kana


def clean_phone(text: str) -> str:
    digits = re.sub(r"[-\s()（）]", "", unicodedata.normalize("NFKC", text or ""))
    if not PHONE_RE.match(digits):
        raise ValidationError(
            _(
                "Enter a Japanese phone number of 10 or 11 digits starting with 0, "
                "e.g. 092-942-1111."
            ),
            code="phone",
        )
    return digits


def clean_birth_date(value: date, today: date) -> date:
    if value > today:
        raise ValidationError(
            _("The birth date is in the future. Enter the date you were born."), code="future"
        )
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age < MINIMUM_AGE:
        raise ValidationError(
            _("Applicants must be at least %(age)s years old. Check the birth date."),
            code="too_young",
            params={"age": MINIMUM_AGE},
        )
    if age > 120:
        raise ValidationError(
            _("The birth date is more than 120 years ago. Check the year."), code="too_old"
        )
    return value
