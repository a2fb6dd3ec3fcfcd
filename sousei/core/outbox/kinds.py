"""What each app's message kind codes mean to a reader. The apps register their kinds from
their AppConfig.ready(), as they do their audit labels, since core must not import them."""

from __future__ import annotations

from typing import Any

from django.db import models

KIND_LABELS: dict[str, Any] = {}
# The kinds that reach a signed-in user's inbox, in registration order: each user chooses,
# per kind, whether they are also e-mailed (the account's notification settings).
INBOX_KINDS: list[str] = []


def kind_labels_register(kinds: type[models.TextChoices], *, inbox: bool = False) -> None:
    """Add an app's kinds (`inbox`: notifications a user may choose to get in the app only).
    A code is one kind across all apps, so a second meaning is an error."""
    for code, label in kinds.choices:
        if KIND_LABELS.get(code, label) is not label:
            raise ValueError(f"The message kind {code!r} is already registered by another app.")
        KIND_LABELS[code] = label
        if inbox and code not in INBOX_KINDS:
            INBOX_KINDS.append(code)


def kind_label(code: str) -> str:
    """The kind in the active language (the code itself if no app registered it)."""
    return str(KIND_LABELS.get(code, code))
