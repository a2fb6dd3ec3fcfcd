"""Forms of the chat and announcement pages (the same limits as the API's)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sousei.workplace.services.announcements import BODY_MAX as ANNOUNCEMENT_MAX
from sousei.workplace.services.announcements import TITLE_MAX
from sousei.workplace.services.chat import BODY_MAX


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("To mention someone, choose them below; they are notified."),
    )
    mention = forms.TypedChoiceField(
        label=_("Mention"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(
        self, *args: object, people: Sequence[tuple[int, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["mention"].choices = [("", _("(nobody)")), *people]  # type: ignore[attr-defined]

    def text(self) -> str:
        """The message with the chosen mention, as the composer's list inserts it."""
        body: str = self.cleaned_data["body"]
        chosen = self.cleaned_data.get("mention")
        return f"@[{chosen}] {body}" if chosen else body


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search messages"), max_length=200, required=False)


class AnnouncementForm(forms.Form):
    team = forms.TypedChoiceField(
        label=_("To"), required=False, coerce=int, empty_value=None, choices=()
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    body = forms.CharField(
        label=_("Text"), max_length=ANNOUNCEMENT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(
        self,
        *args: object,
        teams: Sequence[tuple[int, str]] = (),
        whole_region: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        first = [("", _("Everyone in the region"))] if whole_region else []
        self.fields["team"].choices = [*first, *teams]  # type: ignore[attr-defined]
        self.fields["team"].required = not whole_region
