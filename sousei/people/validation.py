"""Checks on what a person types, with messages that say how to fix it. Pure: no ORM.

`person_clean` is the one validation of a person's fields, used by the program application,
the event registration and the job application (services and forms alike); each passes the
fields it asks for and which of them are required."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from sousei.core import postal

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


NAME_MAX_LENGTH = 60


def at_most(value: str, max_length: int) -> str:
    """`value` if it fits its column; a refusal saying by how much otherwise (never cut)."""
    if len(value) > max_length:
        raise ValidationError(
            _("Use at most %(max)s characters; this has %(count)s."),
            code="too_long",
            params={"max": max_length, "count": len(value)},
        )
    return value


def clean_name(text: str, message: Any) -> str:
    """A family or given name as typed (full-width forms folded, spaces trimmed)."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return at_most(value, NAME_MAX_LENGTH)


def clean_email(text: str) -> str:
    """An e-mail address in lower case: persons are found by it, whatever the case typed."""
    value = (text or "").strip().lower()
    if not value:
        raise ValidationError(_("Enter your email address."), code="required")
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            _("Enter an e-mail address such as taro@example.jp."), code="email"
        ) from None
    return value


def clean_postal_code(text: str) -> postal.PostalAddress:
    """The address of a postal code anywhere in Japan (the first, for a code that spans
    municipalities)."""
    return postal_addresses(text)[0]


def postal_addresses(text: str) -> list[postal.PostalAddress]:
    """Every address of a postal code (one per municipality it spans); a refusal saying how
    to fix a malformed or unknown code."""
    try:
        addresses = postal.lookup(text)
    except postal.MalformedPostalCode:
        raise ValidationError(
            _("Enter the postal code as seven digits, e.g. 811-3101."), code="malformed"
        ) from None
    if not addresses:
        raise ValidationError(
            _("Japan Post has no postal code %(code)s. Check the number on your mail."),
            code="unknown",
            params={"code": text},
        )
    return list(addresses)


def clean_required_text(text: str, max_length: int) -> str:
    value = (text or "").strip()
    if not value:
        raise ValidationError(_("This field is required. Please fill it in."), code="required")
    return at_most(value, max_length)


# The person's fields in the order forms show them.
PERSON_FIELDS = (
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "birth_date",
    "email",
    "phone",
    "postal_code",
    "address_line",
)


@dataclass
class CleanPerson:
    """The person's fields as stored (`fields`), the address of the postal code when one was
    given, and every problem found, by field."""

    fields: dict[str, Any] = field(default_factory=dict)
    address: postal.PostalAddress | None = None
    errors: dict[str, list[ValidationError]] = field(default_factory=dict)


def person_clean(
    data: Mapping[str, Any],
    *,
    today: date | None = None,
    postal_check: Callable[[str], postal.PostalAddress] = clean_postal_code,
) -> CleanPerson:
    """Check the person's fields present in `data` (the keys of PERSON_FIELDS a form asks
    for), collecting all problems at once. Every field asked for is required; `postal_check`
    may narrow the postal code (the program admits its region's residents only), and the
    birth date needs `today`."""
    result = CleanPerson()

    def check(name: str, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            value = fn(*args)
        except ValidationError as error:
            result.errors.setdefault(name, []).append(error)
            return None
        result.fields[name] = value
        return value

    if "family_name" in data:
        check("family_name", clean_name, data["family_name"], _("Enter your family name."))
    if "given_name" in data:
        check("given_name", clean_name, data["given_name"], _("Enter your given name."))
    for name, label in (
        ("family_name_kana", _("Family name (kana)")),
        ("given_name_kana", _("Given name (kana)")),
    ):
        if name in data:
            check(
                name,
                lambda text, label=label: at_most(clean_kana(text, label), NAME_MAX_LENGTH),
                data[name],
            )
    if "birth_date" in data:
        if data["birth_date"] is None:
            result.errors.setdefault("birth_date", []).append(
                ValidationError(_("Enter your birth date."), code="required")
            )
        else:
            assert today is not None, "the birth date is checked against today's date"
            check("birth_date", clean_birth_date, data["birth_date"], today)
    if "email" in data:
        check("email", clean_email, data["email"])
    if "phone" in data:
        check("phone", clean_phone, data["phone"])
    if "postal_code" in data:
        try:
            result.address = postal_check(data["postal_code"])
        except ValidationError as error:
            result.errors.setdefault("postal_code", []).append(error)
    if "address_line" in data:
        check("address_line", clean_required_text, data["address_line"], 120)
    return result
