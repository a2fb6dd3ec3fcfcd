"""What privacy's audit action codes mean to a reader (registered from PrivacyConfig.ready)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from sousei.core.audit import action_labels_register

PRIVACY_LABELS = {
    "privacy_request.file": gettext_lazy("Privacy request received"),
    "privacy_request.start": gettext_lazy("Privacy request taken up"),
    "privacy_request.complete": gettext_lazy("Privacy request completed"),
    "privacy_request.refuse": gettext_lazy("Privacy request refused"),
    "privacy.export": gettext_lazy("Personal data exported (disclosure)"),
    "person.correct": gettext_lazy("Person's data corrected"),
    "consent.withdraw": gettext_lazy("Consent withdrawn"),
    "privacy_policy.publish": gettext_lazy("Privacy policy version published"),
    "breach.create": gettext_lazy("Breach incident recorded"),
    "breach.update": gettext_lazy("Breach incident changed"),
    "provision_records.export": gettext_lazy("Records of provision exported as CSV"),
    "provision_records.purge": gettext_lazy("Records of provision past three years deleted"),
}


def register() -> None:
    action_labels_register(PRIVACY_LABELS)
