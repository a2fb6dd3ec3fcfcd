"""The program owner's onboarding form; a user's notification settings; the members page's
invitation and role forms."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sousei.core.accounts import GRANTABLE_ROLES
from sousei.core.outbox.kinds import INBOX_KINDS, kind_label
from sousei.core.roles import Role
from sousei.portal.onboarding import DEFAULT_TEMPLATE


class OnboardForm(forms.Form):
    code = forms.CharField(
        label=_("Municipality code (JIS X 0402)"),
        max_length=5,
        min_length=5,
        help_text=_("Five digits, e.g. 40220 for 宗像市. Search by name below."),
    )
    operator = forms.CharField(label=_("Operator company"), max_length=120)
    admin_email = forms.EmailField(
        label=_("First operator's e-mail"),
        help_text=_("They receive a link to set their password."),
    )
    municipality = forms.CharField(
        label=_("Municipality (organisation)"),
        max_length=120,
        required=False,
        help_text=_("Leave empty for the municipality's own name."),
    )
    space_partner = forms.CharField(label=_("Space partner"), max_length=120, required=False)
    template = forms.CharField(
        label=_("Copy courses from region (slug)"),
        max_length=40,
        required=False,
        initial=DEFAULT_TEMPLATE,
    )
    closed_periods = forms.CharField(
        label=_("Closed every year"),
        max_length=200,
        initial="12-29..01-03",
        help_text=_("MM-DD..MM-DD, several separated by commas."),
    )
    pay_week_start = forms.TypedChoiceField(
        label=_("Pay week starts on"), coerce=int, initial=6, choices=()
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        days = [
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ]
        field = self.fields["pay_week_start"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = list(enumerate(days))

    def closed_period_list(self) -> tuple[str, ...]:
        text = self.cleaned_data["closed_periods"]
        return tuple(part.strip() for part in text.replace("、", ",").split(",") if part.strip())


def _inbox_kind_choices() -> list[tuple[str, str]]:
    return [(code, kind_label(code)) for code in INBOX_KINDS]


class NotificationSettingsForm(forms.Form):
    """The signed-in user's message language, and the notifications also sent by e-mail."""

    language = forms.ChoiceField(
        label=_("Language of your notifications"), choices=settings.LANGUAGES
    )
    by_email = forms.MultipleChoiceField(
        label=_("Also send by e-mail"),
        choices=_inbox_kind_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Every notification is kept in your inbox in the app. Untick a kind to get it "
            "in the app only, without an e-mail."
        ),
    )


class ResendInvitationForm(forms.Form):
    """The button next to an operator who has not set a password yet."""

    email = forms.EmailField(label=_("Operator's e-mail"), max_length=254)


def role_choices() -> list[tuple[str, str]]:
    return [(role, str(Role(role).label)) for role in GRANTABLE_ROLES]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("They receive a link to set their password, valid for 7 days."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles to give"),
        choices=role_choices,
        widget=forms.CheckboxSelectMultiple,
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=role_choices)
