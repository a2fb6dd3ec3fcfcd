"""Errors people can act on, in Japanese and English.

Services raise Django's ValidationError with lazy (translatable) messages whose English
text is the msgid; `bilingual()` renders one message in both languages, so the API can
answer with both and pages with the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.utils import translation
from django.utils.functional import Promise, lazy

T = TypeVar("T")


class Conflict(Exception):
    """The request clashes with what is already stored (HTTP 409)."""

    def __init__(self, message: str | Promise, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params

    def __str__(self) -> str:
        """The message in the active language, filled in (for pages and logs)."""
        text = str(self.message)
        return text % self.params if self.params else text


def bilingual(message: str | Promise, params: dict[str, Any] | None = None) -> dict[str, str]:
    """{'ja': …, 'en': …} for one (lazy) message."""
    rendered: dict[str, str] = {}
    for language in ("ja", "en"):
        with translation.override(language):
            text = str(message)
            rendered[language] = text % params if params else text
    return rendered


def in_reader_language(both: dict[str, str]) -> str:
    """The rendering for the request's active language (Japanese when it is neither)."""
    return both.get((translation.get_language() or "ja")[:2], both["ja"])


def field_errors(error: ValidationError) -> list[dict[str, Any]]:
    """Flatten a ValidationError into [{field, code, message, message_ja, message_en}]."""
    items: list[dict[str, Any]] = []
    error_dict = error.error_dict if hasattr(error, "error_dict") else {"__all__": error.error_list}
    for field, errors in error_dict.items():
        for item in errors:
            both = bilingual(item.message, item.params)
            items.append(
                {
                    "field": None if field == "__all__" else field,
                    "code": item.code or "invalid",
                    "message": in_reader_language(both),
                    "message_ja": both["ja"],
                    "message_en": both["en"],
                }
            )
    return items


def add_service_errors(form: BaseForm, error: ValidationError) -> None:
    """Put a service's errors next to the form's fields they concern (the rest above it)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def run_service(
    form: BaseForm,
    call: Callable[[], T],
    on_invalid: Callable[[ValidationError], None] | None = None,
) -> T | None:
    """Call one service for a page's form; when it refuses, its reasons go onto the form
    (or to `on_invalid`) and None comes back."""
    try:
        return call()
    except ValidationError as error:
        if on_invalid is not None:
            on_invalid(error)
        else:
            add_service_errors(form, error)
    except Conflict as conflict:
        form.add_error(None, str(conflict))
    return None


def lazy_format(message: str | Promise, params: dict[str, Any]) -> str:
    """`message % params`, rendered only when read, in the reader's language: for a
    translated sentence that goes into another translated sentence."""
    return lazy(lambda: str(message) % params, str)()


def lazy_join(parts: list[str], separator: str = " ") -> str:
    """Join lazily rendered parts when read (see lazy_format)."""
    return lazy(lambda: separator.join(str(part) for part in parts), str)()
