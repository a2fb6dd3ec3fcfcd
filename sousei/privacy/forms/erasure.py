"""The operator's form to suspend, resume or erase a person's data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sousei.core.bounds import SHORT_TEXT

ACTIONS = [
    ("suspend", pgettext_lazy("privacy form", "Suspend the use of their data")),
    ("resume", pgettext_lazy("privacy form", "Resume the use of their data")),
    ("erase", pgettext_lazy("privacy form", "Erase their data")),
]


class PrivacyActionForm(forms.Form):
    action = forms.ChoiceField(label=_("What to do"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Reason or request reference"),
        max_length=SHORT_TEXT,
        required=False,
        help_text=_("Ids and a short reason only: do not write the person's data here."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that erasure cannot be undone"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "erase" and not data.get("confirm"):
            self.add_error(
                "confirm",
                _("Tick the box to confirm the erasure: it cannot be undone."),
            )
        return data
